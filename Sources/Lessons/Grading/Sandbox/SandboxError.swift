/// Why a sandbox or a time-limited process could not be set up or run.
public enum SandboxError: Error, Equatable, CustomStringConvertible {
    /// bubblewrap is not installed.
    case bubblewrapMissing
    /// A folder or cgroup could not be created.
    case cannotCreate(path: String, reason: String)
    /// The program could not be started.
    case cannotStart(program: String, reason: String)
    /// The compiler ran past its time limit and was killed with everything it started.
    case compilingTookTooLong(seconds: Int)

    public var description: String {
        switch self {
        case .bubblewrapMissing:
            return "the grading sandbox needs bubblewrap (`apt-get install bubblewrap`, or scripts/setup)"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason)"
        case .cannotStart(let program, let reason):
            return "cannot start \(program): \(reason)"
        case .compilingTookTooLong(let seconds):
            return "compiling took longer than \(seconds) s (the limit): the compiler was stopped"
        }
    }
}
