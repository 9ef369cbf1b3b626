/// Why a sandbox could not be set up.
public enum SandboxError: Error, Equatable, CustomStringConvertible {
    /// bubblewrap is not installed.
    case bubblewrapMissing
    /// A folder or cgroup could not be created.
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .bubblewrapMissing:
            return "the grading sandbox needs bubblewrap (`apt-get install bubblewrap`, or scripts/setup)"
        case .cannotCreate(let path, let reason):
            return "cannot create \(path): \(reason)"
        }
    }
}
