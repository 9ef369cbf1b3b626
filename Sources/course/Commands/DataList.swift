import ArgumentParser
import DLKit
import Foundation

/// `course data list` — each known dataset, where it is, and whether its files are present and verified.
///
/// A cache folder that does not exist yet is normal (nothing fetched); a cache path that is a file is an error,
/// and so is a dataset "folder" that is a file: the fetcher could not put anything there.
struct DataList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show which datasets are in the cache, with their checksums verified.")

    func run() throws {
        let cache = DatasetCache()
        if let file = fileInTheWay(of: cache.root) {
            let what = file == cache.root.path ? "\(file) is a file" : "\(file), where it would be made, is a file"
            FileHandle.standardError.write(Data("""
                course: the dataset cache \(cache.root.path) cannot be used: \(what), not a folder \
                (set COURSE_DATA_DIR to a folder, or move the file away)\n
                """.utf8))
            throw ExitCode(1)
        }
        switch kind(of: cache.root) {
        case .file: break   // reported above
        case .missing:
            print("datasets in \(cache.root.path) — the folder does not exist yet; `course data fetch mnist` creates it")
        case .folder:
            print("datasets in \(cache.root.path)")
        }
        for dataset in DatasetDescriptor.all { list(dataset, in: cache) }
    }

    private func list(_ dataset: DatasetDescriptor, in cache: DatasetCache) {
        let name = dataset.name.padding(toLength: 15, withPad: " ", startingAt: 0)
        let folder = cache.folder(for: dataset)
        if kind(of: folder) == .file {
            print("\(name) \(folder.path) is a file, not a folder: move it away, then course data fetch \(dataset.name)")
            return
        }
        let statuses = dataset.files.map { ($0, cache.status(of: $0, in: dataset)) }
        let verified = statuses.filter { $0.1 == .verified }.count
        let state = verified == dataset.files.count ? "verified"
            : statuses.allSatisfy({ $0.1 == .missing }) ? "not fetched (course data fetch \(dataset.name))"
            : "incomplete (course data fetch \(dataset.name))"
        print("\(name) \(state)")
        for (file, status) in statuses {
            let text: String
            switch status {
            case .verified: text = "ok  md5 \(file.md5)"
            case .missing: text = "missing"
            case let .wrongSize(size): text = "damaged: \(size) bytes, expected \(file.bytes)"
            case let .wrongChecksum(md5): text = "damaged: md5 \(md5), expected \(file.md5)"
            case let .unreadable(reason): text = "cannot be read (\(reason))"
            }
            print("  \(file.name.padding(toLength: 25, withPad: " ", startingAt: 0)) \(text)")
        }
    }

    private enum Kind { case missing, file, folder }

    /// The path of `url` itself or of its nearest existing ancestor when that is a file (so no folder can be made).
    private func fileInTheWay(of url: URL) -> String? {
        var path = url.standardizedFileURL.path
        while true {
            switch kind(of: URL(fileURLWithPath: path)) {
            case .file: return path
            case .folder: return nil
            case .missing:
                let parent = (path as NSString).deletingLastPathComponent
                if parent == path || parent.isEmpty { return nil }
                path = parent
            }
        }
    }

    private func kind(of url: URL) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .folder : .file
    }
}
