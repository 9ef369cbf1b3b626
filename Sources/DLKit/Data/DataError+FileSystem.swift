import Foundation

extension DataError {
    /// The reason of a failed file operation in plain words ("Permission denied", "Read-only file system"), taken
    /// from the POSIX error underneath Foundation's (whose own text is "The operation could not be completed.
    /// (error 512)").
    ///
    ///     do { try Data().write(to: url) } catch { print(DataError.reason(error)) }
    public static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError { return reason(underlying) }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return ns.localizedDescription
    }

    /// Creates `folder` and its missing parents (like `mkdir -p`); on failure throws `unwritable` naming the path
    /// that could not be made and why: a file in the way, no permission, a read-only or full disk.
    ///
    ///     try DataError.createFolder(URL(fileURLWithPath: "mnist_images/train"))
    public static func createFolder(_ folder: URL) throws {
        let path = folder.standardizedFileURL.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw DataError.unwritable(path: path, reason: "it is a file, not a folder")
            }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path && !parent.isEmpty { try createFolder(URL(fileURLWithPath: parent)) }
        guard mkdir(path, 0o755) != 0 else { return }
        let failure = errno
        // Made meanwhile by another process: fine, if it is a folder.
        if failure == EEXIST, FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            return
        }
        throw DataError.unwritable(path: path, reason: "cannot create the folder: \(String(cString: strerror(failure)))")
    }
}
