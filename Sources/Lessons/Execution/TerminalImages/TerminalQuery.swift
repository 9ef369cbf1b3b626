import Foundation

/// What a terminal answered to `TerminalQuery`.
public struct TerminalReply: Equatable, Sendable {
    /// It answered kitty's graphics query with `OK`.
    public var kittyGraphics: Bool
    /// Its primary device attributes list 4 (sixel graphics).
    public var sixel: Bool

    /// Reads a reply: `ESC _ G i=31 ; OK ESC \` (kitty) and `ESC [ ? 62 ; 4 ; 22 c` (device attributes).
    ///
    ///     TerminalReply(parsing: "\u{1B}[?62;4;22c").sixel   // true
    public init(parsing text: String) {
        kittyGraphics = text.contains("\u{1B}_Gi=31;OK")
        var sixel = false
        if let start = text.range(of: "\u{1B}[?"), let end = text[start.upperBound...].firstIndex(of: "c") {
            sixel = text[start.upperBound..<end].split(separator: ";").contains("4")
        }
        self.sixel = sixel
    }
}

/// Asks the terminal what it can draw, the way kitty's documentation recommends: a graphics query for a 1×1
/// picture, then the primary device attributes (`ESC [ c`), which every terminal answers. The answers are read
/// from `/dev/tty` in raw mode until the device attributes arrive or 300 ms pass; the terminal's settings are
/// restored on every path, so a terminal that never answers costs 300 ms and nothing else.
public enum TerminalQuery {
    static let question = "\u{1B}_Gi=31,s=1,v=1,a=q,t=d,f=24;AAAA\u{1B}\\\u{1B}[c"

    public static func ask(timeoutMilliseconds: Int32 = 300) -> TerminalReply? {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        guard tcsetattr(fd, TCSANOW, &raw) == 0 else { return nil }
        defer { _ = tcsetattr(fd, TCSANOW, &saved) }
        let sent = question.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        guard sent > 0 else { return nil }
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(Double(timeoutMilliseconds) / 1000)
        while bytes.count < 512 {
            let left = Int32(deadline.timeIntervalSinceNow * 1000)
            guard left > 0 else { break }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { break }
            var chunk = [UInt8](repeating: 0, count: 128)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { break }
            bytes += chunk[..<count]
            if let text = String(bytes: bytes, encoding: .utf8), let da = text.range(of: "\u{1B}[?"),
               text[da.upperBound...].contains("c") {
                break
            }
        }
        return TerminalReply(parsing: String(decoding: bytes, as: UTF8.self))
    }
}
