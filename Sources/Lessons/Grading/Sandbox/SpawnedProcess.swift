import Foundation

/// A program started with `posix_spawn` so that it inherits nothing it was not given: stdin from /dev/null,
/// stdout and stderr on pipes the caller reads, the descriptors in `passing` renumbered 3, 4, …, and every other
/// descriptor closed (`posix_spawn_file_actions_addclosefrom_np(3 + passing.count)`: `course check W 9>>file`
/// does not hand fd 9 on). It leads a process group of its own, and all signals are back to their defaults (the
/// caller may be ignoring SIGINT while its handler cleans up).
///
///     let child = try SpawnedProcess(executable: "/bin/sh", arguments: ["-c", "echo hi"])
///     // poll child.stdout / child.stderr …
///     let status = child.wait()   // .exited(0)
public final class SpawnedProcess: @unchecked Sendable {
    public let pid: pid_t
    /// Read ends of the child's stdout and stderr (non-blocking, close-on-exec).
    public let stdout: Int32
    public let stderr: Int32
    private let lock = NSLock()
    private var status: Termination?

    /// How a process ended.
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signaled(Int32)
    }

    /// Starts `executable` (an absolute path) with exactly `environment` (nothing of the caller's), in
    /// `currentDirectory` when given.
    public init(executable: String, arguments: [String], environment: [String: String] = [:],
                passing: [Int32] = [], currentDirectory: String? = nil) throws {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { throw SpawnedProcess.failure(executable, errno) }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            throw SpawnedProcess.failure(executable, errno)
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        // Copies of the passed descriptors above any target number, so renumbering cannot clobber one.
        let high = passing.map { fcntl($0, F_DUPFD_CLOEXEC, 100) }
        defer { high.forEach { close($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for (index, fd) in high.enumerated() { posix_spawn_file_actions_adddup2(&actions, fd, Int32(3 + index)) }
        SpawnActions.closeFrom(&actions, Int32(3 + passing.count))
        if let currentDirectory {
            guard SpawnActions.changeDirectory(&actions, currentDirectory) else {
                throw SandboxError.cannotStart(program: executable, reason: "this C library cannot set a child's directory")
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all)
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.keys.sorted().map { strdup("\($0)=\(environment[$0]!)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard result == 0 else {
            close(outPipe[0]); close(errPipe[0])
            throw SpawnedProcess.failure(executable, result)
        }
        for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        self.pid = pid
        stdout = outPipe[0]
        stderr = errPipe[0]
    }

    deinit {
        close(stdout)
        close(stderr)
    }

    /// Sends SIGKILL to the process group it leads (and to it, should it have left the group).
    public func killGroup() {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
    }

    /// The termination, if the process has ended (reaps it); nil while it runs.
    public func poll() -> Termination? {
        lock.lock()
        if status == nil {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = SpawnedProcess.decode(raw) }
        }
        let result = status
        lock.unlock()
        if result != nil { Interrupts.holdIfInterrupted() }
        return result
    }

    /// Waits for the process to end.
    public func wait() -> Termination {
        var lostRounds = 0
        while true {
            if let status = poll() { return status }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, 0)
            lock.lock()
            if result == pid && status == nil { status = SpawnedProcess.decode(raw) }
            let lost = result < 0 && errno == ECHILD && status == nil
            lock.unlock()
            // Another thread reaped it and is about to record how it ended.
            if lost { lostRounds += 1; if lostRounds > 100 { return .exited(-1) }; usleep(1000) }
        }
    }

    /// Reads what is available on `fd` without blocking (empty when nothing is, nil at end of file).
    public static func readAvailable(_ fd: Int32) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 { out += buffer[0..<count]; continue }
            if count == 0 { return out.isEmpty ? nil : out }
            return out
        }
    }

    static func decode(_ raw: Int32) -> Termination {
        let signal = raw & 0x7f
        return signal == 0 ? .exited((raw >> 8) & 0xff) : .signaled(signal)
    }

    private static func failure(_ program: String, _ code: Int32) -> SandboxError {
        .cannotStart(program: program, reason: String(cString: strerror(code)))
    }
}
