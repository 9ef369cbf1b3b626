import Foundation

/// Where and how a graded program runs: a fresh work folder (its only writable place and its current directory),
/// a clean environment, a memory limit, and — when `course` runs as root — a user id of its own, so that every
/// file it manages to create elsewhere (in /tmp, /var/tmp, /dev/shm, /run/lock) is found afterwards by its owner,
/// reported, and removed.
///
///     let sandbox = try GradingSandbox(memoryLimitMB: 2048)
///     defer { sandbox.remove() }
///     let arguments = sandbox.command(for: binary, environment: ["COURSE_CHECK_FD": "3"])
///
/// Without root (a student's own machine) the program runs as the same user; writes outside the work folder are
/// then detected by modification time in the same shared folders, which is less exact (noted in the report).
public struct GradingSandbox: Sendable {
    /// A private folder (mode 0711) holding the program and the work folder.
    public var root: URL
    /// The program's current directory, HOME and TMPDIR.
    public var workFolder: URL
    /// The user id the program runs as, when it could be changed (root).
    public var userID: UInt32?
    public var memoryLimitMB: Int
    /// When the program started (files changed after it count as written by it when there is no user id of its
    /// own); set by ``markStart()`` just before the program runs, so the compiler's own cache files do not count.
    public var started: Date

    /// Shared writable folders scanned for stray files.
    public static let sharedWritableFolders = ["/tmp", "/var/tmp", "/dev/shm", "/run/lock"]

    /// `trusted`: the code is the lesson's own (validating starters and solutions), so it runs as the invoking
    /// user — it may then write memoized weights into the course's cache like `course run` does.
    public init(memoryLimitMB: Int, trusted: Bool = false) throws {
        let fm = FileManager.default
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        root = base.appendingPathComponent("course-grading-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
                                           isDirectory: true)
        workFolder = root.appendingPathComponent("work", isDirectory: true)
        self.memoryLimitMB = memoryLimitMB
        started = Date()
        do {
            try fm.createDirectory(at: workFolder, withIntermediateDirectories: true)
        } catch {
            throw GradingError.cannotWrite(path: workFolder.path, reason: error.localizedDescription)
        }
        chmod(root.path, 0o711)
        if geteuid() == 0 && !trusted {
            // A user id no one else uses: 200000 + a random number (no passwd entry is needed).
            let id = UInt32(200_000 + Int.random(in: 0..<100_000))
            chown(workFolder.path, id, id)
            chmod(workFolder.path, 0o700)
            userID = id
        } else {
            userID = nil
        }
    }

    /// Records the moment the program starts.
    public mutating func markStart() { started = Date() }

    /// Whether the program runs under its own user id.
    public var isolatesUser: Bool { userID != nil }

    /// The command line that starts `binary` inside the sandbox: prlimit (memory, processes) → setpriv (user) →
    /// env (clean environment, work folder as current directory) → the program.
    public func command(for binary: URL, environment: [String: String]) -> (executable: URL, arguments: [String]) {
        var arguments = ["--as=\(memoryLimitMB << 20)", "--core=0"]
        if userID != nil { arguments.append("--nproc=256") }
        arguments.append("--")
        if let userID {
            arguments += ["/usr/bin/setpriv", "--reuid=\(userID)", "--regid=\(userID)", "--clear-groups",
                          "--inh-caps=-all", "--"]
        }
        var variables = [
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "HOME": workFolder.path,
            "TMPDIR": workFolder.path,
            "LANG": "C.UTF-8",
            "SWIFT_BACKTRACE": "enable=no",
        ]
        // Settings the course itself reads (data cache folder, thread counts) pass through.
        for (key, value) in ProcessInfo.processInfo.environment
        where key.hasPrefix("COURSE_") || key.hasPrefix("DLKIT_") || key.hasPrefix("OPENBLAS_") {
            variables[key] = value
        }
        for (key, value) in environment { variables[key] = value }
        arguments += ["/usr/bin/env", "-i", "-C", workFolder.path]
        arguments += variables.keys.sorted().map { "\($0)=\(variables[$0]!)" }
        arguments.append(binary.path)
        return (URL(fileURLWithPath: "/usr/bin/prlimit"), arguments)
    }

    /// Makes the course's dataset folder readable inside the sandbox: the program's own user cannot enter
    /// /root, where `~/.cache/course/datasets` usually is, so the files are hard-linked (or copied) into the
    /// sandbox. Returns the folder to pass as `COURSE_DATA_DIR`, or nil when there is no dataset folder.
    /// Same rule as DLKit's `DatasetCache`: `$COURSE_DATA_DIR`, else `$XDG_CACHE_HOME/course/datasets`, else
    /// `~/.cache/course/datasets`.
    public func shareDatasets() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let source: String
        if let folder = environment["COURSE_DATA_DIR"], !folder.isEmpty {
            source = folder
        } else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            source = xdg + "/course/datasets"
        } else {
            source = NSHomeDirectory() + "/.cache/course/datasets"
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        guard userID != nil else { return source }  // same user: it can read the folder where it is
        let target = root.appendingPathComponent("datasets").path
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: source) else { return nil }
        try? fm.createDirectory(atPath: target, withIntermediateDirectories: true)
        chmod(target, 0o755)
        while let relative = walker.nextObject() as? String {
            let from = source + "/" + relative, to = target + "/" + relative
            var info = stat()
            guard lstat(from, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                try? fm.createDirectory(atPath: to, withIntermediateDirectories: true)
                chmod(to, 0o755)
            } else if (info.st_mode & S_IFMT) == S_IFREG {
                if link(from, to) != 0 { try? fm.copyItem(atPath: from, toPath: to) }
            }
        }
        return target
    }

    /// Files the program left outside its work folder (and removes them). Empty when it wrote nowhere else.
    ///
    /// With a user id of its own the program can only have written into world-writable folders (and into
    /// folders it made there), so the walk descends only into those: complete, and quick even when /tmp is full.
    /// Without one, files of this user changed since the program started count (at most 50 000 entries looked at).
    public func strayFiles() -> [String] {
        var found: [String] = []
        var budget = 50_000
        func walk(_ folder: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names {
                budget -= 1
                if budget < 0 { return }
                let path = folder == "/" ? "/" + name : folder + "/" + name
                if path == root.path || path.hasPrefix(root.path + "/") { continue }
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }
                let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
                if let userID {
                    if info.st_uid == userID {
                        found.append(path)
                    } else if isFolder && (info.st_mode & S_IWOTH) != 0 {
                        walk(path)
                    }
                } else if info.st_uid == geteuid() {
                    let changed = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
                    if !isFolder && changed >= started.timeIntervalSince1970 {
                        found.append(path)
                    } else if isFolder {
                        walk(path)
                    }
                }
            }
        }
        for folder in GradingSandbox.sharedWritableFolders { walk(folder) }
        if userID != nil {
            for path in found { try? FileManager.default.removeItem(atPath: path) }
        }
        return found.sorted()
    }

    /// Deletes the sandbox folder (and whatever the program left in it).
    public func remove() {
        try? FileManager.default.removeItem(at: root)
    }
}
