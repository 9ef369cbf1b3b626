import Foundation

/// How a lesson program talks to `course`: plain text goes to stdout as is; events are single lines
/// `\u{1E}course:<nonce> <json>` on stdout. The nonce is random per run and handed over in `COURSE_NONCE` (removed
/// from the environment at start), so a cell cannot forge an event by printing one.
///
///     RuntimeChannel.emit(.image(file: "ab12….png", width: 320, height: 240))
public enum RuntimeChannel {
    /// The marker that starts every event line (before the nonce).
    public static let markerPrefix = "\u{1E}course:"

    nonisolated(unsafe) static var nonce: String = ""
    private static let lock = NSLock()

    /// Writes `event` as one line on stdout, flushed at once. Safe to call from any thread.
    public static func emit(_ event: RuntimeEvent) {
        let text = event.json
        // A leading newline would show as an empty line; the host finds the marker anywhere in a line instead,
        // so output printed with `terminator: ""` just before an event is kept.
        let line = "\(markerPrefix)\(nonce) \(text)\n"
        lock.lock()
        defer { lock.unlock() }
        fputs(line, stdout)
        fflush(stdout)
        // The start of a cell is marked on stderr too, so that the host can tell which cell wrote what there
        // (two pipes have no common order).
        // (Not from an isolated cell's child: its stderr is captured whole by the parent.)
        if case .cellStarted = event, !CourseProgram.isIsolatedChild {
            fputs(line, stderr)
            fflush(stderr)
        }
    }
}
