import Checksum
import Foundation

/// The folder where fetched datasets live, one subfolder per dataset (`<root>/mnist/train-images-idx3-ubyte`, …).
///
/// The root is `$COURSE_DATA_DIR` when set, else `$XDG_CACHE_HOME/course/datasets`, else
/// `~/.cache/course/datasets`.
///
///     let cache = DatasetCache()
///     print(cache.folder(for: .mnist).path)
public struct DatasetCache: Sendable {
    public let root: URL

    /// The cache at `root`, or at the default place.
    public init(root: URL? = nil) {
        self.root = root ?? DatasetCache.defaultRoot()
    }

    /// `$COURSE_DATA_DIR`, else `$XDG_CACHE_HOME/course/datasets`, else `~/.cache/course/datasets`.
    public static func defaultRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let dir = environment["COURSE_DATA_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("course/datasets")
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/course/datasets")
    }

    /// The folder of one dataset.
    public func folder(for dataset: DatasetDescriptor) -> URL { root.appendingPathComponent(dataset.name) }

    /// The state of one file in the cache.
    public enum FileStatus: Equatable, Sendable {
        case missing
        case wrongSize(Int)
        case wrongChecksum(String)
        case verified
    }

    /// Checks one cached file: present, of the right size, and (when `checksum` is true) with the right MD5.
    public func status(of file: DatasetFile, in dataset: DatasetDescriptor, checksum: Bool = true) -> FileStatus {
        let url = folder(for: dataset).appendingPathComponent(file.name)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = (attributes[.size] as? NSNumber)?.intValue else { return .missing }
        guard size == file.bytes else { return .wrongSize(size) }
        if checksum {
            // A file verified earlier in this process is not hashed again unless its size or time changed.
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let key = "\(url.path)|\(size)|\(modified)|\(file.md5)"
            if VerifiedFiles.shared.contains(key) { return .verified }
            guard let md5 = try? Checksum.file(url, .md5) else { return .missing }
            if md5 != file.md5 { return .wrongChecksum(md5) }
            VerifiedFiles.shared.insert(key)
        }
        return .verified
    }

    /// Whether all files of `dataset` are present with the right size and MD5.
    ///
    ///     if !DatasetCache().isComplete(.mnist) { try DatasetFetcher().fetch(.mnist) }
    public func isComplete(_ dataset: DatasetDescriptor, checksum: Bool = true) -> Bool {
        dataset.files.allSatisfy { status(of: $0, in: dataset, checksum: checksum) == .verified }
    }

    /// Throws unless every file of `dataset` is present and verified; the error names the first bad file.
    public func verify(_ dataset: DatasetDescriptor) throws {
        for file in dataset.files {
            let url = folder(for: dataset).appendingPathComponent(file.name)
            switch status(of: file, in: dataset) {
            case .verified: continue
            case .missing: throw DataError.fileNotFound(path: url.path)
            case let .wrongSize(size):
                throw size < file.bytes
                    ? DataError.truncated(file: url.path, expected: file.bytes, actual: size)
                    : DataError.trailingBytes(file: url.path, expected: file.bytes, actual: size)
            case let .wrongChecksum(md5): throw DataError.checksumMismatch(file: url.path, expected: file.md5, actual: md5)
            }
        }
    }
}

/// The files whose MD5 this process has already checked (path, size, modification time, expected MD5).
final class VerifiedFiles: @unchecked Sendable {
    static let shared = VerifiedFiles()
    private var keys: Set<String> = []
    private let lock = NSLock()
    func contains(_ key: String) -> Bool { lock.lock(); defer { lock.unlock() }; return keys.contains(key) }
    func insert(_ key: String) { lock.lock(); keys.insert(key); lock.unlock() }
}
