import Foundation

/// What a ``Sandbox`` lets a program see and use: the whole tree's memory and process limits, the environment (the
/// only variables it gets), and the host paths it may read. Everything else of the host is absent inside.
///
///     var policy = SandboxPolicy(memoryLimitMB: 2048, processLimit: 64)
///     policy.environment["COURSE_CHECK_FD"] = "3"
///     policy.readOnly.append(.init(host: libraryFolder))                  // same path inside
///     policy.readOnly.append(.init(host: datasets, inside: "/data"))
public struct SandboxPolicy: Equatable, Sendable {
    /// A host path (file or folder) bound read-only inside the sandbox.
    public struct Bind: Equatable, Sendable {
        public var host: String
        public var inside: String

        public init(host: String, inside: String? = nil) {
            self.host = host
            self.inside = inside ?? host
        }
    }

    /// Memory of the whole process tree, in MiB (cgroup memory+swap; else the address space of each process).
    public var memoryLimitMB: Int
    /// Processes and threads of the whole tree (cgroup pids; else RLIMIT_NPROC, which root ignores).
    public var processLimit: Int
    /// The largest file the program may write, in MiB (RLIMIT_FSIZE; the work folder is on the host's disk).
    public var fileSizeLimitMB: Int = 256
    /// The program's environment besides `PATH`, `HOME`, `TMPDIR`, `LANG` (which the sandbox sets): nothing of
    /// the caller's passes unless it is named here.
    public var environment: [String: String]
    /// Extra read-only paths: the folder (or file) of libCourseKit.so, the memo folder, the datasets folder.
    public var readOnly: [Bind]
    /// The Swift runtime libraries (`libswiftCore.so`, Foundation), bound read-only at the same path.
    public var swiftRuntime: String

    /// Where the work folder is inside: the program's current directory, HOME and TMPDIR.
    public static let workFolderInside = "/sandbox"

    public init(memoryLimitMB: Int = 2048, processLimit: Int = 64, environment: [String: String] = [:],
                readOnly: [Bind] = [], swiftRuntime: String = SandboxPolicy.defaultSwiftRuntime) {
        self.memoryLimitMB = memoryLimitMB
        self.processLimit = processLimit
        self.environment = environment
        self.readOnly = readOnly
        self.swiftRuntime = swiftRuntime
    }

    /// The folder holding `libswiftCore.so` of the toolchain on PATH (else /opt/swift's).
    public static var defaultSwiftRuntime: String {
        var candidates: [String] = []
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let bin = URL(fileURLWithPath: String(folder)).appendingPathComponent("swiftc")
            guard FileManager.default.isExecutableFile(atPath: bin.path) else { continue }
            let usr = bin.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
            candidates.append(usr.appendingPathComponent("lib/swift/linux").path)
        }
        candidates += ["/opt/swift/usr/lib/swift/linux", "/usr/lib/swift/linux"]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/libswiftCore.so") }
            ?? "/opt/swift/usr/lib/swift/linux"
    }

    /// The few files of /etc a dynamically linked program needs: the loader's cache and configuration, the
    /// `alternatives` links (Debian's libblas/libopenblas go through them), the time zone.
    public static let etcFiles = ["/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives",
                                  "/etc/localtime", "/etc/fonts"]
}
