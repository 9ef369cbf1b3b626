#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a process ended — decoded from a `waitpid` status in one place, for the lesson program and its isolated
/// scopes (runtime side) as for the compiler and the program itself (host side).
///
///     var status: Int32 = 0
///     waitpid(pid, &status, 0)
///     ProcessEnd(waitStatus: status)   // .exited(0), .signaled(4) …
public enum ProcessEnd: Codable, Equatable, Hashable, Sendable {
    /// It returned from main or called `exit(code)`.
    case exited(Int32)
    /// A signal ended it (a Swift trap is SIGILL or SIGTRAP).
    case signaled(Int32)
    /// It was killed because it ran longer than `seconds`.
    case timedOut(seconds: Double)

    /// Decodes a wait status (`WIFEXITED`/`WEXITSTATUS`/`WTERMSIG`, which Swift does not import as functions).
    public init(waitStatus status: Int32) {
        let signal = status & 0x7f
        self = signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// Ended normally with status 0.
    public var isSuccess: Bool { self == .exited(0) }

    /// `exit status 3`, `killed by SIGSEGV, segmentation fault`, `stopped after 2 s`.
    public var description: String {
        switch self {
        case .exited(let code): return "exit status \(code)"
        case .signaled(let signal): return "killed by \(ProcessEnd.signalName(signal))"
        case .timedOut(let seconds): return "stopped after \(ProcessEnd.seconds(seconds)) s"
        }
    }

    /// The name of a signal, for messages.
    public static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGILL: return "SIGILL, illegal instruction: a Swift trap"
        case SIGTRAP: return "SIGTRAP: a Swift trap"
        case SIGABRT: return "SIGABRT, abort"
        case SIGSEGV: return "SIGSEGV, segmentation fault"
        case SIGBUS: return "SIGBUS, bus error"
        case SIGFPE: return "SIGFPE, arithmetic error"
        case SIGKILL: return "SIGKILL"
        default: return "signal \(signal)"
        }
    }

    /// `2` for 2.0, `2.5` otherwise.
    public static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(value)
    }
}
