import Foundation

/// Remembers which dataset files already passed their MD5, so that loading MNIST does not hash 55 MB every time
/// (~0.1 s a load). The record is a small text file, `.verified`, next to the files; a line holds a file's name,
/// size, inode, modification and status-change times (nanoseconds) and the MD5 it was checked against. Any
/// change to a file (a rewrite, a copy over it, a `touch`) changes one of those, and the file is hashed again.
///
/// When the folder is read-only the record lives in memory only (for the rest of the process).
///
///     let stamp = VerifiedStamp(folder: cache.folder(for: .mnist))
///     if !stamp.contains(identity) { /* hash, then */ stamp.insert(identity) }
struct VerifiedStamp {
    /// The file name of the record, in the dataset's folder.
    static let fileName = ".verified"

    let folder: URL
    /// How old a file must be before its check is recorded.
    static let settlingSeconds: Double = 2

    /// What identifies one version of a file on disk, plus the checksum it was verified against.
    struct Identity {
        var name: String
        var size: Int
        var inode: UInt64
        var modified: String
        var changed: String
        var md5: String
        /// Seconds since the file was last written or changed, as the clock reads now.
        var age: Double

        var line: String { "\(name) \(size) \(inode) \(modified) \(changed) \(md5)" }
    }

    /// The identity of the file `name` in the folder (nil when it cannot be stat'ed), to be checked against `md5`.
    func identity(of name: String, md5: String) -> Identity? {
        var info = stat()
        guard stat(folder.appendingPathComponent(name).path, &info) == 0 else { return nil }
        let latest = max(Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9,
                         Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9)
        return Identity(name: name, size: Int(info.st_size), inode: UInt64(info.st_ino),
                        modified: Self.seconds(info.st_mtim), changed: Self.seconds(info.st_ctim), md5: md5,
                        age: Date().timeIntervalSince1970 - latest)
    }

    /// "1764578096.012345678": seconds and nanoseconds, as `stat -c %.9Y` prints them.
    private static func seconds(_ time: timespec) -> String {
        let nanoseconds = String(time.tv_nsec)
        return "\(time.tv_sec)." + String(repeating: "0", count: max(0, 9 - nanoseconds.count)) + nanoseconds
    }

    /// Whether this exact version of the file was verified before.
    func contains(_ identity: Identity) -> Bool {
        if VerifiedInProcess.shared.contains(key(identity)) { return true }
        return lines().contains(identity.line)
    }

    /// Records a verified file (replacing what was recorded for its name). A folder that cannot be written keeps
    /// the record in memory only.
    ///
    /// A file changed in the last two seconds is not recorded: file times tick coarsely (every few milliseconds),
    /// so a change made right after the check could leave every time as it was (git's "racily clean" files).
    func insert(_ identity: Identity) {
        guard identity.age > Self.settlingSeconds else { return }
        VerifiedInProcess.shared.insert(key(identity))
        var kept = lines().filter { $0.split(separator: " ").first.map(String.init) != identity.name }
        kept.append(identity.line)
        let text = "# files whose MD5 course verified: name size inode mtime ctime md5 (delete to check again)\n"
            + kept.sorted().joined(separator: "\n") + "\n"
        // Written beside and renamed, so that a reader never sees half a record.
        let temporary = folder.appendingPathComponent("\(Self.fileName).\(getpid())-\(UUID().uuidString.prefix(8))")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else { return }
        if rename(temporary.path, folder.appendingPathComponent(Self.fileName).path) != 0 {
            unlink(temporary.path)
        }
    }

    private func lines() -> [String] {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Self.fileName).path)
        else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    private func key(_ identity: Identity) -> String { folder.path + "/" + identity.line }
}

/// The files whose MD5 this process has checked (for folders where the record cannot be written).
final class VerifiedInProcess: @unchecked Sendable {
    static let shared = VerifiedInProcess()
    private var keys: Set<String> = []
    private let lock = NSLock()
    func contains(_ key: String) -> Bool { lock.lock(); defer { lock.unlock() }; return keys.contains(key) }
    func insert(_ key: String) { lock.lock(); keys.insert(key); lock.unlock() }
}
