import Checksum
import Foundation

/// The SHA-256 of a file's content, remembered by its size and modification time so that a big file (the
/// CourseKit library) is hashed once per build of it, not on every `course run`.
///
///     let hash = try FileFingerprint.sha256(of: environment.library, memo: cacheDirectory)
public enum FileFingerprint {
    /// `size-mtime-inode`: changes whenever the file is rewritten.
    static func stamp(of url: URL) -> String {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return "missing" }
        return "\(info.st_size)-\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)-\(info.st_ino)"
    }

    /// The content hash of `url`, read from `memo/fingerprints.json` when the file's stamp has not changed.
    public static func sha256(of url: URL, memo: URL?) throws -> String {
        let stamp = stamp(of: url)
        let memoFile = memo?.appendingPathComponent("fingerprints.json")
        var table: [String: [String]] = [:]
        if let memoFile, let data = try? Data(contentsOf: memoFile),
           let saved = try? JSONDecoder().decode([String: [String]].self, from: data) {
            table = saved
            if let entry = saved[url.path], entry.count == 2, entry[0] == stamp { return entry[1] }
        }
        let hash = try Checksum.file(url, .sha256)
        if let memoFile {
            table[url.path] = [stamp, hash]
            try? FileManager.default.createDirectory(at: memoFile.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
            if let data = try? JSONEncoder().encode(table) { try? data.write(to: memoFile, options: .atomic) }
        }
        return hash
    }
}
