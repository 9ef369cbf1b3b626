import ArgumentParser
import DLKit
import Foundation

/// `course data fetch mnist` — put a dataset into the cache, verified.
struct DataFetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download a dataset into the cache and verify its checksums.")

    @Argument(help: "The dataset: \(DatasetDescriptor.all.map(\.name).joined(separator: ", ")).")
    var dataset: String

    @Flag(help: "Fetch again even when verified files are present.")
    var force = false

    func run() throws {
        try CommandSupport.reportingErrors {
            let descriptor = try DatasetDescriptor.named(dataset)
            try DatasetFetcher(progress: { print($0) }).fetch(descriptor, force: force)
        }
    }
}
