import Foundation

/// An OS sandbox for one graded run, with bubblewrap: new user, mount, PID, network, IPC, UTS and cgroup
/// namespaces; no capabilities, no further user namespaces; a private root holding only /usr (with the /bin, /lib
/// links), the few /etc files a program needs, the Swift runtime, the policy's read-only paths, and one writable
/// work folder (`/sandbox`: its current directory, HOME and TMPDIR); a fresh /proc that shows only its own
/// processes, a minimal /dev, empty /tmp, /var/tmp and /dev/shm; a cleared environment; no terminal
/// (`--new-session`); nothing inherited but stdin (/dev/null), stdout, stderr and the descriptors passed on; and a
/// memory and process limit for the whole tree (cgroup v1 memory+pids, else rlimits). Everything it started is
/// killed and everything it made removed by ``remove()``, also when `course` is interrupted (see
/// ``Interrupts``) and, after a hard kill, by ``removeLeftovers()`` on the next run.
///
///     let sandbox = try Sandbox(policy: SandboxPolicy(memoryLimitMB: 2048, processLimit: 64))
///     defer { sandbox.remove() }
///     let run = try sandbox.run("/bin/sh", ["-c", "echo hi > note; cat note"], timeLimit: 5)
///     run.stdout   // "hi\n" (a `ChildProcess.Output`)
public final class Sandbox: @unchecked Sendable {
    public let policy: SandboxPolicy
    /// The host folder holding the work folder (mode 0700).
    public let root: URL
    /// The host side of `/sandbox`, the only place the program can write.
    public let workFolder: URL
    /// `course-sandbox-<pid>-<random>`: the name of the folder and of the cgroups.
    public let name: String
    let cgroups: SandboxCgroups?
    private let lock = NSLock()
    private var started: [ChildProcess] = []
    private var removed = false
    private var registration = 0

    /// Folder names start with this, followed by the pid of the `course` that made them.
    public static let namePrefix = "course-sandbox-"

    /// bubblewrap's path, if installed.
    public static var bubblewrap: String? {
        ["/usr/bin/bwrap", "/usr/local/bin/bwrap"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public init(policy: SandboxPolicy) throws {
        guard Sandbox.bubblewrap != nil else { throw SandboxError.bubblewrapMissing }
        self.policy = policy
        name = Sandbox.namePrefix + "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        root = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true).appendingPathComponent(name)
        workFolder = root.appendingPathComponent("work", isDirectory: true)
        guard mkdir(root.path, 0o700) == 0, mkdir(workFolder.path, 0o700) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: root)
            throw SandboxError.cannotCreate(path: workFolder.path, reason: reason)
        }
        cgroups = SandboxCgroups.create(name: name, memoryLimitMB: policy.memoryLimitMB,
                                        processLimit: policy.processLimit)
        registration = Interrupts.register { [weak self] in self?.remove() }
    }

    deinit { remove() }

    /// Whether the limits hold for the whole process tree (cgroups), not per process (rlimits).
    public var limitsWholeTree: Bool { cgroups != nil }

    /// The command line that runs `executable` (a path inside the sandbox) with `arguments` inside it:
    /// launcher (cgroup entry, or prlimit) → bwrap → the program.
    public func command(_ executable: String, _ arguments: [String] = []) -> [String] {
        var launcher: [String] = []
        if let cgroups {
            // The launcher joins the groups itself, then becomes prlimit, then bwrap: nothing runs outside them.
            launcher = ["/bin/sh", "-c",
                        "echo $$ > \"$1/cgroup.procs\" && echo $$ > \"$2/cgroup.procs\" && shift 2 && exec \"$@\"",
                        "sh", cgroups.folders[0], cgroups.folders[1]]
        }
        // No core files; no single file larger than the limit (the work folder is on the host's disk).
        launcher += ["/usr/bin/prlimit", "--core=0", "--fsize=\(policy.fileSizeLimitMB << 20)"]
        if cgroups == nil {
            launcher += ["--as=\(policy.memoryLimitMB << 20)", "--nproc=\(policy.processLimit)"]
        }
        return launcher + ["--", Sandbox.bubblewrap ?? "/usr/bin/bwrap"] + bubblewrapArguments() + ["--", executable]
            + arguments
    }

    /// bwrap's options for this sandbox.
    func bubblewrapArguments() -> [String] {
        var arguments = ["--unshare-all", "--unshare-user", "--disable-userns", "--cap-drop", "ALL",
                         "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
                         "--die-with-parent", "--new-session", "--clearenv",
                         "--ro-bind", "/usr", "/usr"]
        let fm = FileManager.default
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? fm.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else if fm.fileExists(atPath: top) {
                arguments += ["--ro-bind", top, top]
            }
        }
        for file in SandboxPolicy.etcFiles { arguments += ["--ro-bind-try", file, file] }
        arguments += ["--ro-bind", policy.swiftRuntime, policy.swiftRuntime]
        let inside = SandboxPolicy.workFolderInside
        // The private /tmp, /var/tmp and /dev/shm hold at most the memory limit each (memory they are, charged
        // to the memory cgroup).
        let size = ["--size", String(policy.memoryLimitMB << 20)]
        arguments += ["--proc", "/proc", "--dev", "/dev"] + size + ["--tmpfs", "/tmp"] + size + ["--tmpfs", "/var/tmp"]
            + size + ["--tmpfs", "/dev/shm"]
        // After the tmpfs mounts, so that a bind below /tmp (a course folder there) is not hidden by them.
        for bind in policy.readOnly { arguments += ["--ro-bind", bind.host, bind.inside] }
        arguments += ["--bind", workFolder.path, inside, "--chdir", inside,
                      // The root itself (where bwrap made /etc, /opt …) becomes read-only too.
                      "--remount-ro", "/"]
        var environment = policy.environment
        environment["PATH"] = "/usr/bin:/bin"
        environment["HOME"] = inside
        environment["TMPDIR"] = inside
        environment["LANG"] = environment["LANG"] ?? "C.UTF-8"
        for key in environment.keys.sorted() { arguments += ["--setenv", key, environment[key]!] }
        return arguments
    }

    /// Starts `executable` (a path inside the sandbox) inside it, with nothing of `course`'s environment (a
    /// graded program starts here, from `SandboxLauncher`); `passing` are descriptors it gets as 3, 4, ….
    public func spawn(_ executable: String, _ arguments: [String] = [], passing: [Int32] = []) throws -> ChildProcess {
        let line = command(executable, arguments)
        let process = try ChildProcess.spawn(executable: URL(fileURLWithPath: line[0]), arguments: Array(line.dropFirst()),
                                             clearEnvironment: true, passing: passing)
        lock.lock()
        started.append(process)
        lock.unlock()
        return process
    }

    /// Runs `executable` inside to its end, or until `timeLimit` seconds have passed (then everything is killed:
    /// the launcher's group, and with it bwrap's PID namespace); what it left running in the background (a
    /// `sleep &`) ends with it.
    public func run(_ executable: String, _ arguments: [String] = [], passing: [Int32] = [],
                    timeLimit: Double) throws -> ChildProcess.Output {
        let output = try spawn(executable, arguments, passing: passing).collect(timeLimit: timeLimit)
        killAll()
        return output
    }

    /// Kills every process of the sandbox: the cgroups' members, and the launcher's process group (whose bwrap
    /// takes the PID namespace, and so every process in it, with it).
    public func killAll() {
        lock.lock()
        let processes = started
        lock.unlock()
        for process in processes { process.killGroup() }
        cgroups?.killAll()
        for process in processes { _ = process.wait() }
    }

    /// The cgroup folders of the sandbox (memory, pids), empty without cgroups.
    public var cgroupFolders: [String] { cgroups?.folders ?? [] }

    /// The processes of the tree now (cgroups only: every process the program forked, however it left).
    public func processes() -> [pid_t] { cgroups?.processes() ?? [] }

    /// The most processes and threads the tree had at once (cgroups only).
    public var peakProcesses: Int { cgroups?.peakProcesses ?? 0 }

    /// How many forks the process limit refused (cgroups only).
    public var refusedForks: Int { cgroups?.refusedForks ?? 0 }

    /// The tree's peak memory use in bytes (cgroups only).
    public var peakMemoryBytes: Int? { cgroups?.peakMemoryBytes }
    /// How many of its processes the out-of-memory killer ended (cgroups only).
    public var outOfMemoryKills: Int { cgroups?.outOfMemoryKills ?? 0 }

    /// Kills everything, removes the cgroups and the folder. Safe to call more than once, from any thread.
    public func remove() {
        lock.lock()
        if removed { lock.unlock(); return }
        removed = true
        lock.unlock()
        killAll()
        cgroups?.remove()
        Sandbox.removeFolder(root.path)
        Interrupts.unregister(registration)
    }

    /// Removes what sandboxes of `course` processes that no longer run left behind (after a hard kill):
    /// their folders in the temporary folder and their cgroups (killing what is still in them).
    public static func removeLeftovers() {
        let temporary = NSTemporaryDirectory()
        var folders: [String] = []
        for controller in ["memory", "pids"] {
            if let parent = SandboxCgroups.parentFolder(controller: controller) { folders.append(parent) }
        }
        for base in [temporary] + folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { continue }
            for entry in names where entry.hasPrefix(namePrefix) {
                let pidText = entry.dropFirst(namePrefix.count).prefix { $0 != "-" }
                guard let pid = pid_t(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
                let path = (base as NSString).appendingPathComponent(entry)
                if base == temporary {
                    removeFolder(path)
                } else {
                    let group = SandboxCgroups(folders: [path])
                    group.killAll()
                    group.remove()
                }
            }
        }
    }

    /// Removes a folder tree even where the program took away its own permissions.
    static func removeFolder(_ path: String) {
        if let walker = FileManager.default.enumerator(atPath: path) {
            chmod(path, 0o700)
            while let relative = walker.nextObject() as? String {
                var info = stat()
                let full = path + "/" + relative
                if lstat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { chmod(full, 0o700) }
            }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}
