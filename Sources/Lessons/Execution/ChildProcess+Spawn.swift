import Foundation

extension ChildProcess {
    /// Starts `executable` in a new process group, with every signal back at its default (`course` ignores
    /// SIGINT while its handler cleans up) and no signal blocked. The child's environment is `environment` alone
    /// when `clearEnvironment`, else this process's environment with `environment` added; the descriptors in
    /// `passing` are its 3, 4, …; it starts in `currentDirectory` when given.
    ///
    ///     let child = try ChildProcess.spawn(executable: URL(fileURLWithPath: "/bin/sh"),
    ///                                        arguments: ["-c", "echo wire >&3"], passing: [channel[1]])
    public static func spawn(executable: URL, arguments: [String] = [], environment: [String: String] = [:],
                             clearEnvironment: Bool = false, passing: [Int32] = [],
                             currentDirectory: URL? = nil) throws -> ChildProcess {
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in outPipe + errPipe where fd >= 0 { close(fd) }
            throw ChildProcessError.cannotStart(reason)
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var merged = clearEnvironment ? [:] : ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let pid: pid_t
        do {
            pid = try launch(executable.path, arguments, environment: merged, stdout: outPipe[1], stderr: errPipe[1],
                             passing: passing, currentDirectory: currentDirectory?.path)
        } catch {
            for fd in outPipe + errPipe { close(fd) }
            throw error
        }
        close(outPipe[1])
        close(errPipe[1])
        for fd in [outPipe[0], errPipe[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return ChildProcess(pid: pid, stdout: outPipe[0], stderr: errPipe[0])
    }

    /// `posix_spawn` with the file actions and attributes of a child: stdin /dev/null, the two pipes as 1 and 2,
    /// `passing` as 3, 4, …, every other descriptor closed.
    private static func launch(_ executable: String, _ arguments: [String], environment: [String: String],
                               stdout: Int32, stderr: Int32, passing: [Int32],
                               currentDirectory: String?) throws -> pid_t {
        // Copies of the passed descriptors above any target number, so renumbering cannot clobber one.
        let high = passing.map { fcntl($0, F_DUPFD_CLOEXEC, 100) }
        defer { high.forEach { close($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        for (index, fd) in high.enumerated() { posix_spawn_file_actions_adddup2(&actions, fd, Int32(3 + index)) }
        FileActions.closeFrom(&actions, Int32(3 + passing.count))
        if let currentDirectory, !FileActions.changeDirectory(&actions, currentDirectory) {
            throw ChildProcessError.cannotStart("this C library cannot start a program in another folder")
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
        guard result == 0 else { throw ChildProcessError.cannotStart("\(executable): \(String(cString: strerror(result)))") }
        return pid
    }

    /// The two GNU file actions of `posix_spawn` a child needs, looked up in the C library at run time: Swift's
    /// Glibc module is built without `_GNU_SOURCE`, so their declarations are not visible to Swift.
    private enum FileActions {
        private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>,
                                                            UnsafePointer<CChar>) -> Int32

        private static func symbol(_ name: String) -> UnsafeMutableRawPointer? { dlsym(dlopen(nil, RTLD_NOW), name) }

        /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34+); where it is missing, one `addclose` for each
        /// descriptor from `lowest` up that is open now (/proc/self/fd).
        static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ lowest: Int32) {
            if let address = symbol("posix_spawn_file_actions_addclosefrom_np") {
                let function = unsafeBitCast(address, to: CloseFrom.self)
                if function(&actions, lowest) == 0 { return }
            }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for fd in open.compactMap(Int32.init) where fd >= lowest {
                posix_spawn_file_actions_addclose(&actions, fd)
            }
        }

        /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+); false when missing.
        static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) -> Bool {
            guard let address = symbol("posix_spawn_file_actions_addchdir_np") else { return false }
            let function = unsafeBitCast(address, to: ChangeDirectory.self)
            return function(&actions, path) == 0
        }
    }
}
