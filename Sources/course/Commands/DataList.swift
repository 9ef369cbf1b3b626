import ArgumentParser
import DLKit

/// `course data list` — each known dataset, where it is, and whether its files are present and verified.
struct DataList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show which datasets are in the cache, with their checksums verified.")

    func run() throws {
        let cache = DatasetCache()
        print("datasets in \(cache.root.path)")
        for dataset in DatasetDescriptor.all {
            let statuses = dataset.files.map { ($0, cache.status(of: $0, in: dataset)) }
            let verified = statuses.filter { $0.1 == .verified }.count
            let state = verified == dataset.files.count ? "verified"
                : verified == 0 && statuses.allSatisfy({ $0.1 == .missing }) ? "not fetched (course data fetch \(dataset.name))"
                : "incomplete (course data fetch \(dataset.name))"
            print("\(dataset.name.padding(toLength: 15, withPad: " ", startingAt: 0)) \(state)")
            for (file, status) in statuses {
                let text: String
                switch status {
                case .verified: text = "ok  md5 \(file.md5)"
                case .missing: text = "missing"
                case let .wrongSize(size): text = "wrong size: \(size) bytes, expected \(file.bytes)"
                case let .wrongChecksum(md5): text = "damaged: md5 \(md5), expected \(file.md5)"
                }
                print("  \(file.name.padding(toLength: 25, withPad: " ", startingAt: 0)) \(text)")
            }
        }
    }
}
