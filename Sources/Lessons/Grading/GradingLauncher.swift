import CourseWire
import Foundation

/// Starts a graded program inside an OS sandbox (bubblewrap): new user, mount, PID, network, IPC and UTS
/// namespaces; a private root holding only the system's libraries, the Swift runtime, CourseKit, the program,
/// the memo and datasets folders (all read-only) and one writable work folder; no terminal; an allowlisted
/// environment; every process ended with the sandbox.
///
///     let launcher = try GradingLauncher(work: folder, readOnly: [memo, datasets])
///     RunOptions(launcher: launcher, …)
public struct GradingLauncher: ProgramLauncher {
    /// The program's only writable folder: its current directory, HOME and TMPDIR.
    public var workFolder: URL
    /// Extra folders (or files) the program may read, at their own paths.
    public var readOnly: [URL]
    /// The CourseKit library the program links against.
    public var library: URL
    /// The datasets folder (read-only; the program finds it through `COURSE_DATA_DIR`).
    public var datasets: URL?

    public init(workFolder: URL, library: URL, readOnly: [URL], datasets: URL?) {
        self.workFolder = workFolder
        self.library = library
        self.readOnly = readOnly
        self.datasets = datasets
    }

    /// Whether the sandbox can be made here (bubblewrap present and allowed to make namespaces).
    public static var isAvailable: Bool { LessonLauncher.canIsolateProcesses }

    public func command(for binary: URL, environment: [String: String]) -> LaunchCommand {
        var arguments = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                         "--hostname", "sandbox", "--clearenv", "--proc", "/proc", "--dev", "/dev",
                         "--tmpfs", "/tmp", "--dir", "/run"]
        for system in ["/usr", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
                       "/etc/alternatives", "/etc/fonts",
                       "/opt/swift/usr/lib/swift/linux"]
        where FileManager.default.fileExists(atPath: system) {
            arguments += ["--ro-bind", system, system]
        }
        for link in ["/bin", "/lib", "/lib64", "/sbin"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) {
                arguments += ["--symlink", target, link]
            }
        }
        for path in [library, binary] + readOnly + (datasets.map { [$0] } ?? []) where FileManager.default.fileExists(atPath: path.path) {
            arguments += ["--ro-bind", path.path, path.path]
        }
        arguments += ["--bind", workFolder.path, workFolder.path, "--chdir", workFolder.path]
        var variables = environment
        variables["PATH"] = "/usr/bin:/bin"
        variables["HOME"] = workFolder.path
        variables["TMPDIR"] = workFolder.path
        variables["LANG"] = "C.UTF-8"
        variables[CourseVariable.workDirectory.name] = workFolder.path
        if let datasets { variables[CourseVariable.dataDirectory.name] = datasets.path }
        // No backtraces from graded code: a crash report would show the hidden checks' lines.
        variables["SWIFT_BACKTRACE"] = "enable=no"
        for key in variables.keys.sorted() { arguments += ["--setenv", key, variables[key]!] }
        arguments += ["--", binary.path]
        return LaunchCommand(executable: LessonLauncher.bubblewrap, arguments: arguments, environment: [:],
                             clearEnvironment: true)
    }
}
