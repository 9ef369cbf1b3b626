import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches a folder and everything below it with Linux's inotify, and says which files were saved.
///
///     let watcher = try FolderWatcher(folder: lessons)
///     while let changed = watcher.next() { rebuild(changed) }      // blocks until a save; nil once closed
///
/// inotify rather than polling modification times: a save is seen at once (no polling interval to wait out), an
/// idle watcher costs nothing, and a save that keeps the same size and second (mtime granularity) is not missed.
/// What counts as a save: a file closed after writing (`IN_CLOSE_WRITE`), renamed into place (`IN_MOVED_TO`, how
/// editors write atomically), or removed. Editor scratch files (`.x.swp`, `x~`, `4913`, dot files) are ignored.
/// Saves that come close together (an editor writing a backup, then the file) are returned as one batch.
public final class FolderWatcher: @unchecked Sendable {
    public let folder: URL
    private let descriptor: Int32
    private let wake: [Int32]            // a pipe: `close()` writes to it so that a blocked `next()` returns
    private var folders: [Int32: URL] = [:]
    private let lock = NSLock()
    private var closed = false

    /// What is reported: a file written or renamed into place, or a file or folder removed.
    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE
                                     | IN_DELETE_SELF)

    public init(folder: URL) throws {
        self.folder = folder.standardizedFileURL
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw WatcherError.cannotWatch(folder.path, String(cString: strerror(errno))) }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw WatcherError.cannotWatch(folder.path, String(cString: strerror(errno))) }
        wake = fds
        try add(self.folder)
    }

    deinit {
        Glibc.close(descriptor)
        Glibc.close(wake[0])
        Glibc.close(wake[1])
    }

    /// Blocks until at least one file under the folder was saved, waits `quiet` seconds more for related saves,
    /// and returns the saved (or removed) files. Returns nil after `close()`.
    public func next(quiet: TimeInterval = 0.05) -> Set<URL>? {
        var changed: Set<URL> = []
        while changed.isEmpty {
            guard wait(timeout: -1) else { return nil }
            changed.formUnion(read())
        }
        while wait(timeout: Int32(quiet * 1000)) { changed.formUnion(read()) }
        lock.lock()
        defer { lock.unlock() }
        return closed ? nil : changed
    }

    /// Makes a blocked or later `next()` return nil.
    public func close() {
        lock.lock()
        closed = true
        lock.unlock()
        _ = Glibc.write(wake[1], "x", 1)
    }

    /// Whether an event is ready within `timeout` milliseconds (-1: forever); false on `close()` or timeout.
    private func wait(timeout: Int32) -> Bool {
        var fds = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wake[0], events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 || fds[1].revents != 0 { return false }
            return fds[0].revents & Int16(POLLIN) != 0
        }
    }

    /// Reads the pending events: the files they name; new folders are watched too.
    private func read() -> Set<URL> {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { return [] }
        var changed: Set<URL> = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                 raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                 Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            offset += header + length
            guard let parent = folders[wd], !nameBytes.isEmpty else { continue }
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard !Self.isScratch(name) else { continue }
            let url = parent.appendingPathComponent(name)
            if mask & UInt32(IN_ISDIR) != 0 {
                // A new folder: watch it, and count what is already in it (written before the watch began).
                if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    try? add(url)
                    changed.formUnion(Self.files(under: url))
                }
                continue
            }
            if mask & UInt32(IN_CREATE) != 0 { continue }   // the write that follows is the save
            changed.insert(url)
        }
        return changed
    }

    /// Watches `folder` and the folders below it.
    private func add(_ folder: URL) throws {
        let wd = inotify_add_watch(descriptor, folder.path, Self.mask)
        guard wd >= 0 else { throw WatcherError.cannotWatch(folder.path, String(cString: strerror(errno))) }
        folders[wd] = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let child = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory), isDirectory.boolValue {
                try? add(child)
            }
        }
    }

    /// The files in `folder` and below, scratch files left out.
    static func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter {
            !isScratch($0.lastPathComponent) && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    /// Files editors write beside the real one while saving.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name == "4913" || name.hasPrefix("#")
    }
}

/// Why a folder cannot be watched.
public enum WatcherError: Error, CustomStringConvertible {
    case cannotWatch(String, String)

    public var description: String {
        switch self {
        case .cannotWatch(let path, let reason): return "cannot watch \(path) for changes: \(reason)"
        }
    }
}
