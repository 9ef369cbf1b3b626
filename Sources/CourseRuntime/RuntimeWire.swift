import CourseWire
import Foundation

/// The lesson program's end of the wire: events go to stdout as marker lines (see `CourseWire.Wire`), flushed at
/// once, under a lock so that threads never interleave two events. Internal: lesson code reaches it only through
/// `show`, the check functions, `memo` and `progress`.
enum RuntimeWire {
    nonisolated(unsafe) static var nonce = ""
    private static let lock = NSLock()

    /// Writes `event` as one line on stdout. Without a nonce (a program not started by `course`) events are
    /// dropped: there is no host to read them.
    static func emit(_ event: WireEvent) {
        guard !nonce.isEmpty else { return }
        let line = Wire.frame(event, nonce: nonce)
        lock.lock()
        defer { lock.unlock() }
        fputs(line, stdout)
        fflush(stdout)
        // The start of a cell is marked on stderr too, so that the host can tell which cell wrote what there
        // (two pipes have no common order) — not from an isolated child, whose stderr its parent captures whole.
        if case .cellStarted = event, !CourseProgram.isIsolatedChild {
            fputs(line, stderr)
            fflush(stderr)
        }
    }
}
