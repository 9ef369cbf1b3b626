import ArgumentParser
import DLKit
import Foundation

/// `course data export mnist --images DIR` — write a dataset as PNG files in class folders (the layout that
/// PyTorch's ImageFolder and DLKit's `ImageFolder.load` read).
struct DataExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a dataset as DIR/<split>/<label>/<index>.png.")

    @Argument(help: "The dataset: \(DatasetDescriptor.all.map(\.name).joined(separator: ", ")).")
    var dataset: String

    @Option(name: .customLong("images"), help: "The folder to write into (created when missing).")
    var folder: String

    @Option(help: "Which split: train, test or both.")
    var split: String = "both"

    @Option(parsing: .unconditional, help: "Write only the first N images of each split.")
    var limit: Int?

    @Flag(help: "Name the class folders by class name (\"Ankle boot\") instead of label number.")
    var classNames = false

    @Flag(help: "Write even when DIR/<split>/ already holds PNG files (they are replaced; others are left).")
    var force = false

    func validate() throws {
        guard ["train", "test", "both"].contains(split) else {
            throw ValidationError("--split must be train, test or both, not '\(split)'")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, not \(limit)") }
    }

    func run() throws {
        try CommandSupport.reportingErrors {
            let descriptor = try DatasetDescriptor.named(dataset)
            let splits: [Split] = split == "both" ? [.train, .test] : [Split(rawValue: split)!]
            // The folders first: a path that cannot be written is reported before any image is read.
            let roots = splits.map { URL(fileURLWithPath: folder).appendingPathComponent($0.rawValue) }
            for root in roots { try DataError.createFolder(root) }
            // Old images are never replaced silently: refused, for every split, before any image is read or written.
            if !force {
                for root in roots { try ImageFolder.refuseExistingImages(under: root, fix: "add --force to replace them") }
            }
            for (part, root) in zip(splits, roots) {
                var data = try descriptor.load(split: part, progress: { print($0) })
                if let limit, limit < data.count { data = data.subset(0..<limit) }
                print("\(descriptor.title) \(part.rawValue): writing \(data.count) PNG files into \(root.path)/"
                      + (classNames ? "<class name>/" : "<label>/"))
                try ImageFolder.write(data, to: root, folderNames: classNames ? .classNames : .labels,
                                      overwrite: true) { done, total in
                    if done % 10_000 == 0 || done == total { print("  \(done)/\(total)") }
                }
            }
        }
    }
}
