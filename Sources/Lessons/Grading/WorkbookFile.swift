import Foundation

/// Reads a handed-in workbook's bytes — the one reader of `course check`, `course grade` and the autograder — and
/// refuses what is not a workbook of the student's own: a symbolic link (in a class folder,
/// `mallory/02-pooling.exercises.md → ../bob/…` would hand in bob's work as mallory's, and a link to
/// `/etc/shadow` would be read by the instructor's account), a named pipe or a device (reading would block or never
/// end), a folder, or a file over ``limit`` (a workbook is a few kilobytes; a huge one would only fill memory).
///
///     let bytes = try WorkbookFile.read(url, displayPath: "alice/02-pooling.exercises.md")
enum WorkbookFile {
    /// The largest workbook read: 1 MiB.
    static let limit = 1 << 20

    /// The file's bytes, or `GradingError.unreadableSubmission` saying why it is not read.
    static func read(_ url: URL, displayPath: String) throws -> Data {
        func refuse(_ reason: String) -> GradingError { .unreadableSubmission(path: displayPath, reason: reason) }
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ELOOP { throw refuse(linkReason(url)) }
            throw refuse(String(cString: strerror(errno)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw refuse(String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw refuse("it is a folder, not a workbook file")
        case S_IFIFO: throw refuse("it is a named pipe, not a workbook file")
        default: throw refuse("it is a device or socket, not a workbook file")
        }
        guard info.st_size <= limit else {
            throw refuse(String(format: "it is %.1f MB; a workbook may be at most %d KiB (one from `course exercises` "
                                + "is a few kilobytes)", Double(info.st_size) / 1e6, limit >> 10))
        }
        var bytes = [UInt8](repeating: 0, count: limit + 1)
        var count = 0
        while count <= limit {
            let got = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, limit + 1 - count) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw refuse(String(cString: strerror(errno))) }
            if got == 0 { break }
            count += got
        }
        guard count <= limit else { throw refuse("it grew past \(limit >> 10) KiB while it was read") }
        return Data(bytes[0..<count])
    }

    /// Why a link is refused, naming where it points.
    static func linkReason(_ url: URL) -> String {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)).map { " (to \($0))" } ?? ""
        return "it is a symbolic link\(target): a workbook must be a file of the student's own"
    }

    /// True when `url` itself (not what it points to) is a symbolic link.
    static func isLink(_ url: URL) -> Bool {
        var info = stat()
        return lstat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK
    }
}
