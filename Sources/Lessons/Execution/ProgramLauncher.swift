import Foundation

/// How a compiled lesson program is started: what runs around it and the environment it gets.
///
///     let child = try launcher.start(binary, environment: variables)   // ProgramExecutor then supervises it
public protocol ProgramLauncher: Sendable {
    func start(_ binary: URL, environment: [String: String]) throws -> ChildProcess
    /// The debug information the programs it starts need (default: `.full`).
    var debugInfo: DebugInfo { get }
}

extension ProgramLauncher {
    public var debugInfo: DebugInfo { .full }
}

/// `course run` and the site: the program in a PID namespace of its own (bubblewrap, no other isolation), so that
/// every process it starts — even one that calls `setsid()` — ends when the program ends. Without bubblewrap the
/// program runs as is (its process group is still killed at the end).
public struct LessonLauncher: ProgramLauncher {
    public static let bubblewrap = URL(fileURLWithPath: "/usr/bin/bwrap")

    public init() {}

    /// Whether bubblewrap can make a PID namespace here (tried once per process).
    public static let canIsolateProcesses: Bool = {
        guard FileManager.default.isExecutableFile(atPath: bubblewrap.path),
              let output = try? ChildProcess.run(executable: bubblewrap,
                  arguments: ["--dev-bind", "/", "/", "--unshare-pid", "--die-with-parent", "--", "/bin/true"],
                  timeLimit: 10)
        else { return false }
        return output.end.isSuccess
    }()

    /// Starts `binary` with `course`'s environment and `environment` added.
    public func start(_ binary: URL, environment: [String: String]) throws -> ChildProcess {
        guard LessonLauncher.canIsolateProcesses else {
            return try ChildProcess.spawn(executable: binary, environment: environment)
        }
        // A /proc of the namespace's own, so the backtracer finds the crashed process by its pid.
        return try ChildProcess.spawn(executable: LessonLauncher.bubblewrap,
                                      arguments: ["--dev-bind", "/", "/", "--unshare-pid", "--proc", "/proc",
                                                  "--die-with-parent", "--", binary.path],
                                      environment: environment)
    }
}
