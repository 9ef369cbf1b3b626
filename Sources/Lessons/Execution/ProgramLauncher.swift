import Foundation

/// How a compiled lesson program is started: the command line around it and the environment it gets.
///
///     let command = launcher.command(for: binary, environment: variables)
///     let child = try ChildProcess.spawn(executable: command.executable, arguments: command.arguments,
///                                        environment: command.environment, clearEnvironment: command.clearEnvironment)
public protocol ProgramLauncher: Sendable {
    func command(for binary: URL, environment: [String: String]) throws -> LaunchCommand
}

/// A command line to spawn.
public struct LaunchCommand: Sendable {
    public var executable: URL
    public var arguments: [String]
    public var environment: [String: String]
    /// The program gets `environment` alone (a sandbox), not `course`'s environment with it.
    public var clearEnvironment: Bool

    public init(executable: URL, arguments: [String], environment: [String: String], clearEnvironment: Bool) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.clearEnvironment = clearEnvironment
    }
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

    public func command(for binary: URL, environment: [String: String]) -> LaunchCommand {
        guard LessonLauncher.canIsolateProcesses else {
            return LaunchCommand(executable: binary, arguments: [], environment: environment, clearEnvironment: false)
        }
        return LaunchCommand(executable: LessonLauncher.bubblewrap,
                             // A /proc of the namespace's own, so the backtracer finds the crashed process by its pid.
                             arguments: ["--dev-bind", "/", "/", "--unshare-pid", "--proc", "/proc", "--die-with-parent",
                                         "--", binary.path],
                             environment: environment, clearEnvironment: false)
    }
}
