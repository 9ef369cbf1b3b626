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
        /// Present but cannot be read (permissions, I/O error); the reason in words.
        case unreadable(String)
        case verified
    }

    /// Checks one cached file: present, of the right size, and (when `checksum` is true) with the right MD5.
    /// A file whose MD5 was verified before and that has not changed since (same size, inode and times, see
    /// `VerifiedStamp`) is not hashed again, so checking MNIST costs a few `stat` calls, not 0.1 s.
    public func status(of file: DatasetFile, in dataset: DatasetDescriptor, checksum: Bool = true) -> FileStatus {
        let stamp = VerifiedStamp(folder: folder(for: dataset))
        guard let identity = stamp.identity(of: file.name, md5: file.md5) else { return .missing }
        guard identity.size == file.bytes else { return .wrongSize(identity.size) }
        guard checksum, !stamp.contains(identity) else { return .verified }
        let md5: String
        do { md5 = try Checksum.file(stamp.folder.appendingPathComponent(file.name), .md5) } catch {
            return .unreadable(DataError.reason(error))
        }
        guard md5 == file.md5 else { return .wrongChecksum(md5) }
        // Stamped with what the file was before hashing: a change while it was read makes the next check hash again.
        stamp.insert(identity)
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
        for file in dataset.files { try verify(file, of: dataset) }
    }

    /// Throws unless `file` is present and verified: `fileNotFound` when it is missing; `checksumMismatch` or
    /// `wrongSize` — naming the file, what is wrong, and `course data fetch <name>`, which replaces it — when it is
    /// not the published file.
    ///
    ///     try DatasetCache().verify(DatasetDescriptor.mnist.files[0], of: .mnist)
    public func verify(_ file: DatasetFile, of dataset: DatasetDescriptor) throws {
        let url = folder(for: dataset).appendingPathComponent(file.name)
        let fix = "course data fetch \(dataset.name)"
        switch status(of: file, in: dataset) {
        case .verified: return
        case .missing: throw DataError.fileNotFound(path: url.path)
        case let .unreadable(reason): throw DataError.unreadable(path: url.path, reason: reason)
        case let .wrongSize(size):
            throw DataError.wrongSize(file: url.path, expected: file.bytes, actual: size, fix: fix)
        case let .wrongChecksum(md5):
            throw DataError.checksumMismatch(file: url.path, expected: file.md5, actual: md5, fix: fix)
        }
    }
}
