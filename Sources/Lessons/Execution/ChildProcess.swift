import Foundation

/// A started program: its own process group (so a time limit can kill it and everything it forked), with its
/// stdout and stderr on pipes that the caller reads.
///
///     let child = try ChildProcess.spawn(executable: binary, environment: ["COURSE_NONCE": nonce])
///     // read child.stdout / child.stderr with poll(2) …
///     let status = child.wait()
public final class ChildProcess {
    public let pid: pid_t
    /// Read ends of the child's stdout and stderr (non-blocking).
    public let stdout: Int32
    public let stderr: Int32

    private init(pid: pid_t, stdout: Int32, stderr: Int32) {
        self.pid = pid
        self.stdout = stdout
        self.stderr = stderr
    }

    deinit {
        close(stdout)
        close(stderr)
    }

    /// How a child ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// Starts `executable` in a new process group. `environment` is added to this process's environment.
    /// `inheriting` lists descriptors the child keeps under the same numbers (e.g. a grader's pipe).
    public static func spawn(executable: URL, arguments: [String] = [], environment: [String: String] = [:],
                             inheriting: [Int32] = []) throws -> ChildProcess {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw ChildProcessError.cannotStart(errnoText()) }
        // Our ends must not leak into the child.
        _ = fcntl(outPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(errPipe[0], F_SETFD, FD_CLOEXEC)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, outPipe[1])
        posix_spawn_file_actions_addclose(&actions, errPipe[1])
        // dup2 onto itself clears close-on-exec (POSIX), so these stay open in the child.
        for fd in inheriting { posix_spawn_file_actions_adddup2(&actions, fd, fd) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))

        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw ChildProcessError.cannotStart("\(executable.path): \(String(cString: strerror(result)))")
        }
        for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return ChildProcess(pid: pid, stdout: outPipe[0], stderr: errPipe[0])
    }

    /// Kills the child and everything in its process group at once.
    public func killGroup() {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
    }

    /// Waits for the child to end.
    public func wait() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signaled(signal)
    }

    /// Runs a program to its end and returns its exit status with stdout and stderr together (for swiftc).
    public static func capture(executable: URL, arguments: [String], currentDirectory: URL? = nil)
        throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            throw ChildProcessError.cannotStart("\(executable.path): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
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

/// The name of a signal, for messages ("killed by signal 9 (SIGKILL)").
func signalName(_ signal: Int32) -> String {
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
