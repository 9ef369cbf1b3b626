import CourseWire
import Foundation

/// A started program, the host's one kind of child process (the compiler, a lesson program, a sandboxed run): its
/// own process group (so a time limit can kill it and everything it forked), stdin from /dev/null, stdout and
/// stderr on pipes that the caller reads, the descriptors it was passed renumbered 3, 4, …, and no other
/// descriptor of ours (`course check W 9>>file` gives the program no fd 9). Started by
/// ``spawn(executable:arguments:environment:clearEnvironment:passing:currentDirectory:)``, read by
/// ``collect(timeLimit:outputLimit:)`` or the host's one supervision loop.
///
///     let child = try ChildProcess.spawn(executable: binary, environment: [CourseVariable.nonce.name: nonce])
///     let output = child.collect(timeLimit: 60)   // output.end == .exited(0), output.stdout …
public final class ChildProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Read ends of the child's stdout and stderr (non-blocking, close-on-exec).
    public let stdout: Int32
    public let stderr: Int32
    /// Guards `end`; `wait()` holds it while it blocks, so two threads never both reap the child.
    private let lock = NSLock()
    private var end: ProcessEnd?

    init(pid: pid_t, stdout: Int32, stderr: Int32) {
        self.pid = pid
        self.stdout = stdout
        self.stderr = stderr
    }

    deinit {
        close(stdout)
        close(stderr)
    }

    /// Kills the child and everything in its process group at once.
    public func killGroup() {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
    }

    /// How the child ended, if it has (does not block; the same answer on every later call).
    public func poll() -> ProcessEnd? {
        lock.lock()
        if end == nil {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { end = ProcessEnd(waitStatus: status) }
            if result < 0 && errno == ECHILD { end = .exited(-1) }   // reaped by someone not us
        }
        let result = end
        lock.unlock()
        if result != nil { Interrupts.holdIfInterrupted() }
        return result
    }

    /// Waits for the child to end (call it once the child is ending or killed: a `poll()` meanwhile waits too).
    public func wait() -> ProcessEnd {
        lock.lock()
        while end == nil {
            var status: Int32 = 0
            let result = waitpid(pid, &status, 0)
            if result == pid { end = ProcessEnd(waitStatus: status) }
            if result < 0 && errno != EINTR { end = .exited(-1) }
        }
        let result = end!
        lock.unlock()
        Interrupts.holdIfInterrupted()
        return result
    }

    /// Reads what is available on `fd` without blocking: empty when nothing is, nil at end of file.
    public static func readAvailable(_ fd: Int32) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 { out += buffer[0..<count]; continue }
            if count == 0 && out.isEmpty { return nil }
            return out
        }
    }
}

/// Why a program could not be started.
public enum ChildProcessError: Error, Equatable, CustomStringConvertible {
    case cannotStart(String)

    public var description: String {
        switch self {
        case .cannotStart(let reason): return "cannot start a program: \(reason)"
        }
    }
}
