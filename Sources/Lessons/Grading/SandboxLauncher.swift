import CourseWire
import Foundation

/// Starts a graded program inside a `Sandbox` (bubblewrap, cgroup limits for the whole tree), made when the
/// program is known: the program itself, the CourseKit library, the memo and datasets folders are bound read-only
/// at their own paths — no other compiled program, no project file; the work folder is `/sandbox`. The run's
/// variables (the wire's nonce among them) are handed over by `/usr/bin/env` inside.
///
///     let launcher = SandboxLauncher(policy: SandboxLauncher.policy(…))
///     defer { launcher.remove() }
final class SandboxLauncher: ProgramLauncher, @unchecked Sendable {
    private let policy: SandboxPolicy
    private let lock = NSLock()
    private var sandboxes: [Sandbox] = []

    init(policy: SandboxPolicy) { self.policy = policy }

    /// Line tables only: the sandbox runs without the backtracer, so nothing reads more (and `-g` would cost
    /// a second frontend job per compile).
    var debugInfo: DebugInfo { .lineTables }

    /// The policy of a graded run: the library, the memo folder and the datasets, read-only.
    static func policy(limits: GradingLimits, library: URL, memo: URL, datasets: URL?) -> SandboxPolicy {
        var binds = [SandboxPolicy.Bind(host: library.path)]
        if FileManager.default.fileExists(atPath: memo.path) { binds.append(.init(host: memo.path)) }
        if let datasets { binds.append(.init(host: datasets.path)) }
        var environment: [String: String] = ["SWIFT_BACKTRACE": "enable=no"]
        if let datasets { environment[CourseVariable.dataDirectory.name] = datasets.path }
        // Lesson programs start threads (OpenBLAS, DLKit's workers, a parent watch per process): room for them.
        return SandboxPolicy(memoryLimitMB: limits.memoryLimitMB, processLimit: 256, environment: environment,
                             readOnly: binds)
    }

    func start(_ binary: URL, environment: [String: String]) throws -> ChildProcess {
        var policy = self.policy
        policy.readOnly.append(.init(host: binary.path))
        let sandbox = try Sandbox(policy: policy)
        lock.lock()
        sandboxes.append(sandbox)
        lock.unlock()
        var variables = environment
        variables["SWIFT_BACKTRACE"] = "enable=no"   // no backtracer: it would name the hidden checks' lines
        let assignments = variables.keys.sorted().map { "\($0)=\(variables[$0]!)" }
        return try sandbox.spawn("/usr/bin/env", assignments + [binary.path])
    }

    /// Whether every sandbox held its limits for the whole tree (cgroups), and how many out-of-memory kills.
    var limitsWholeTree: Bool { lock.lock(); defer { lock.unlock() }; return sandboxes.allSatisfy(\.limitsWholeTree) }
    var outOfMemoryKills: Int { lock.lock(); defer { lock.unlock() }; return sandboxes.reduce(0) { $0 + $1.outOfMemoryKills } }

    /// Kills what is left and removes every sandbox (folders, cgroups).
    func remove() {
        lock.lock()
        let all = sandboxes
        sandboxes = []
        lock.unlock()
        for sandbox in all { sandbox.remove() }
    }
}
