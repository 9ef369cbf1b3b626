/// The names graded code may not mention, in one place.
///
/// A lesson program imports DLKit, Render and CourseRuntime, and these (or the lesson's own `import Foundation`)
/// make Glibc and Foundation visible to the student's code. Nothing an exercise asks for needs any of the
/// following, and each is a way out of the exercise:
///
/// - **Unsafe memory** (`unsafe`): raw pointers read and write any byte of the process — the checks' values, the
///   runtime's buffers — and `unsafeBitCast` / `Unmanaged` turn any value into any other; `dlsym`/`dlopen` call
///   any symbol by name, `ptrace`/`process_vm_*` reach other processes.
/// - **Escapes** (`escapes`): files (`FileManager`, `FileHandle`, `fopen`, `open`, `String(contentsOf:)` …) read
///   the reference solutions or write where they must not; descriptors (`write`, `dup2`, `fcntl`, `stdout`,
///   `setvbuf` …) write on the lesson wire that carries the checks' operands to the grader, or hide the output;
///   processes (`Process`, `fork`, `exec*`, `system`, `posix_spawn`) run other programs; the environment
///   (`getenv`, `ProcessInfo`, `CommandLine`) holds the grader's settings; threads and tasks (`Thread`,
///   `Dispatch*`, `Task`) keep running while the checks read the code's values, or after its time is measured;
///   signals (`signal`, `kill`, `alarm`) interrupt the checks; sockets and the network talk to the outside.
///   The OS sandbox enforces the same boundaries for the running program: this list refuses the code early, with
///   a clear message, and keeps those routes out of reach even where the sandbox is weaker (no root, no bwrap).
/// - **Common words** (`bareEscapes`): C functions with everyday names (`open`, `read`, `close`, `remove`,
///   `stat`, `link`, `kill`, `signal`, `exit` …) are refused only as a *bare* reference (`open(path, 0)`), never as
///   a member (`array.remove(at: 0)`, `model.train()`): a C function can only be reached bare, or through its
///   module (`Glibc.open`), and module names are refused everywhere.
///
/// DLKit's readers and writers that take a path (`SafeTensors`, `ImageFolder`, `IDX`, a layer's `save(to:)` and
/// `load(from:)`) are refused too: a path can be `/proc/self/fd/3`, the wire. `MNIST.load(split:)` (the course's
/// own dataset cache) stays available; the sandbox decides what it reaches.
/// A name is matched after removing backticks (`` `FileHandle` ``); the rules hold for declarations, labels and
/// members alike, so a student's own `func getenv()` is refused too (the message says to rename it).
enum ForbiddenNames {
    /// Exact names and prefixes of unsafe memory APIs.
    static let unsafe: Set<String> = [
        "Unmanaged", "OpaquePointer", "unsafeBitCast", "unsafeDowncast", "unsafeAddress", "unsafeMutableAddress",
        "CVaListPointer", "withVaList", "getVaList", "dlsym", "dlopen", "dlclose", "dlerror", "dladdr", "dlvsym",
        "dlmopen", "ptrace", "process_vm_readv", "process_vm_writev", "mmap", "munmap", "mprotect", "mremap",
        "malloc", "calloc", "realloc", "memcpy", "memmove", "memset", "alloca", "ManagedBuffer",
        "ManagedBufferPointer", "unsafelyUnwrapped", "Builtin",
    ]
    static let unsafePrefixes = ["Unsafe", "unsafe", "withUnsafe", "AutoreleasingUnsafe", "withMemoryRebound"]

    /// Exact names that reach files, descriptors, processes, the environment, threads, signals or the network.
    static let escapes: Set<String> = [
        // Modules (their names qualify anything: `Glibc.open`, `Foundation.FileManager`); see `mathFunctions`.
        "Glibc", "SwiftGlibc", "Foundation", "FoundationEssentials", "FoundationNetworking", "CoreFoundation",
        "Darwin", "Musl", "WinSDK", "Android", "Bionic", "WASILibc", "Dispatch", "Synchronization", "System",
        "SystemPackage", "_Concurrency",
        // Foundation: files, processes, environment, network, threads.
        "FileManager", "FileHandle", "FileWrapper", "Process", "ProcessInfo", "CommandLine", "Pipe", "Bundle",
        "URL", "URLComponents", "URLSession", "URLRequest", "URLResourceValues", "InputStream", "OutputStream",
        "Stream", "Host", "Port", "SocketPort", "NetService", "UserDefaults", "Thread", "RunLoop", "Timer",
        "OperationQueue", "BlockOperation", "NotificationCenter", "DistributedNotificationCenter",
        "fileURLWithPath", "contentsOfFile", "fileAtPath", "toFile", "toFileAtPath", "contentsOfDirectory", "write",
        // DLKit's own file readers and writers that take any path: `SafeTensors.save(_, to: "/proc/self/fd/3")`
        // would write raw bytes on the lesson wire. (Layer's `save(to:)` / `load(from:)` are refused by the scan.)
        "SafeTensors", "ImageFolder", "IDX", "IDXArray", "DatasetCache", "DatasetFetcher", "DatasetDescriptor",
        // Swift concurrency: work that outlives the exercise.
        "Task", "TaskGroup", "ThrowingTaskGroup", "DiscardingTaskGroup", "withTaskGroup", "withThrowingTaskGroup",
        "withDiscardingTaskGroup", "withThrowingDiscardingTaskGroup", "AsyncStream", "Executor",
        "SerialExecutor", "TaskExecutor", "MainActor",
        // C: environment and identity.
        "getenv", "setenv", "unsetenv", "putenv", "clearenv", "secure_getenv", "environ", "getauxval",
        // C: processes.
        "fork", "vfork", "execv", "execve", "execvp", "execvpe", "execl", "execlp", "execle", "fexecve",
        "popen", "pclose", "wordexp", "wordfree", "execveat", "daemon", "clone", "clone3", "unshare", "setns",
        "prctl", "setsid", "setpgid", "setuid",
        "setgid", "seteuid", "setegid", "setreuid", "setresuid", "chroot", "syscall", "waitpid", "wait4",
        // C: files and descriptors.
        "fopen", "freopen", "fdopen", "fclose", "fread", "fwrite", "fgets", "fgetc", "fputs", "fputc", "putc",
        "putchar", "puts", "getchar", "getline", "getdelim", "fprintf", "dprintf", "vdprintf", "fscanf", "fflush",
        "fseek", "ftell", "rewind", "setvbuf", "setbuf", "setlinebuf", "stdin", "stdout", "stderr", "openat",
        "creat", "opendir", "fdopendir", "readdir", "scandir", "closedir", "pread", "pwrite", "readv", "writev",
        "preadv", "pwritev", "sendfile", "splice", "dup", "dup2", "dup3", "fcntl", "ioctl", "lseek",
        "unlink", "unlinkat", "rmdir", "mkdir", "mkdirat", "chdir", "fchdir", "getcwd", "chmod", "fchmod",
        "chown", "fchown", "lchown", "symlink", "readlink", "realpath", "truncate", "ftruncate", "mkstemp",
        "mkdtemp", "tmpfile", "tmpnam", "mkfifo", "mknod", "statfs", "fstat", "lstat", "fstatat", "utime",
        "utimes", "inotify_init", "memfd_create", "shm_open", "shmget", "shmat", "semget", "msgget", "mq_open",
        "flock", "lockf", "fsync",
        // C: threads, signals, time.
        "pthread_create", "pthread_kill", "pthread_detach", "sigaction", "sigprocmask", "sigsetjmp", "siglongjmp",
        "sigaltstack", "sigqueue", "sigwait", "sigsuspend",
        "setjmp", "longjmp", "killpg", "alarm", "setitimer", "timer_create", "atexit", "at_quick_exit",
        "quick_exit", "_exit", "setrlimit", "prlimit",
        // C: network.
        "socket", "socketpair", "accept4", "sendto", "sendmsg", "recvfrom",
        "recvmsg", "getaddrinfo", "gethostbyname", "inet_pton", "inet_addr", "sockaddr", "sockaddr_in",
    ]
    static let escapePrefixes = ["Dispatch", "posix_spawn", "pthread_", "NS", "CF", "shm_", "sem_", "mq_", "inotify_",
                                 "epoll_", "io_uring"]

    /// C functions with everyday names: refused as a bare reference only (see the type's comment).
    static let bareEscapes: Set<String> = [
        "open", "read", "close", "remove", "rename", "renameat", "stat", "access", "link", "pipe", "kill",
        "signal", "raise", "exit", "abort", "send", "recv", "select", "poll", "wait", "sleep", "usleep",
        "nanosleep", "pause", "umask", "sysconf", "uname", "getpid", "getppid", "getuid", "geteuid", "shutdown",
        "system", "sync", "tee", "free", "connect", "bind", "listen", "accept",
    ]

    /// The C library's math functions, which lessons call qualified (`Foundation.exp($0)`, because DLKit has an
    /// `exp` of its own for tensors): a module name is allowed as the base of one of these, and only there.
    static let mathFunctions: Set<String> = [
        "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "sqrt", "cbrt", "pow", "sin", "cos", "tan", "asin",
        "acos", "atan", "atan2", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "floor", "ceil", "round",
        "trunc", "fabs", "fmod", "hypot", "erf", "erfc", "tgamma", "lgamma", "fmax", "fmin", "copysign", "M_PI",
    ]
    static let modules: Set<String> = ["Glibc", "SwiftGlibc", "Foundation", "Darwin", "Musl"]

    /// Attributes graded code may not use besides every `@_…` one: linkage and exclusivity escapes.
    static let attributes: Set<String> = ["extern", "section", "used", "exclusivity", "unsafe", "convention"]

    /// Why `name` is refused wherever it appears (declaration, reference, label, member), or nil.
    static func reason(for rawName: String) -> ScreenRefusal.Reason? {
        let name = rawName.replacingOccurrences(of: "`", with: "")
        if RuntimeAPINames.all.contains(name) { return .graderName(name) }
        if unsafe.contains(name) || unsafePrefixes.contains(where: { name.hasPrefix($0) }) { return .unsafeAPI(name) }
        if escapes.contains(name) { return .escape(name) }
        for prefix in escapePrefixes where name.hasPrefix(prefix) {
            // `NS`/`CF` only as the prefix of a Foundation name (`NSString`, `CFRunLoop`), not of a word.
            if prefix == "NS" || prefix == "CF" {
                let rest = name.dropFirst(prefix.count)
                guard rest.first?.isUppercase ?? false, rest.dropFirst().first?.isLowercase ?? false else { continue }
            }
            return .escape(name)
        }
        return nil
    }
}
