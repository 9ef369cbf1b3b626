import CourseWire
import Foundation

/// A started program: its own process group (so a time limit can kill it and everything it forked), stdout and
/// stderr on pipes that the caller reads, and no other descriptor of ours (everything above 2 is closed in the
/// child: `course check W 9>>file` gives the program no fd 9).
///
///     let child = try ChildProcess.spawn(executable: binary, environment: [CourseVariable.nonce.name: nonce])
///     // read child.stdout / child.stderr with poll(2) …
///     let end = child.wait()
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

    /// Starts `executable` in a new process group. The child's environment is `environment` alone when
    /// `clearEnvironment`, else this process's environment with `environment` added.
    public static func spawn(executable: URL, arguments: [String] = [], environment: [String: String] = [:],
                             clearEnvironment: Bool = false) throws -> ChildProcess {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw ChildProcessError.cannotStart(errnoText()) }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw ChildProcessError.cannotStart(errnoText())
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        closeDescriptorsFrom3(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        sigaddset(&defaultSignals, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var merged = clearEnvironment ? [:] : ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.keys.sorted().map { strdup("\($0)=\(merged[$0]!)") } + [nil]
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
        for fd in [outPipe[0], errPipe[0]] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        return ChildProcess(pid: pid, stdout: outPipe[0], stderr: errPipe[0])
    }

    /// Kills the child and everything in its process group at once.
    public func killGroup() {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
    }

    /// How the child ended, if it has (does not block).
    public func poll() -> ProcessEnd? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return ProcessEnd(waitStatus: status) }
        if result < 0 && errno != EINTR { return .exited(-1) }
        return nil
    }

    /// Waits for the child to end.
    public func wait() -> ProcessEnd {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        return ProcessEnd(waitStatus: status)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+; not imported into Swift): the child closes every
    /// descriptor from 3 up. Without it, every descriptor of ours is marked close-on-exec instead.
    private static func closeDescriptorsFrom3(_ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
            if closeFrom(&actions, 3) == 0 { return }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in names.compactMap(Int32.init) where fd > 2 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
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
