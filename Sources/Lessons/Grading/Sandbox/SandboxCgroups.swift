import Foundation

/// The cgroup v1 groups (memory, pids) of one sandbox: children of the groups this process is in, so the
/// machine's own limits still hold. The whole tree goes in before it runs anything (the launcher writes its own
/// pid into `cgroup.procs`, then execs bwrap), so the memory limit and the process limit count every process
/// the program forks, and `cgroup.procs` lists every process left to kill.
///
///     let groups = SandboxCgroups.create(name: "course-sandbox-42-ab12", memoryLimitMB: 2048, processLimit: 64)
///     groups?.folders      // ["/sys/fs/cgroup/memory/…/course-sandbox-42-ab12", "/sys/fs/cgroup/pids/…"]
///     groups?.killAll(); groups?.remove()
struct SandboxCgroups: Sendable {
    /// The group folders, memory first.
    var folders: [String]

    static let base = "/sys/fs/cgroup"

    /// Creates both groups with their limits, or nil when cgroup v1 memory and pids are not both writable here
    /// (not root, cgroup v2 only): the caller then falls back to rlimits.
    static func create(name: String, memoryLimitMB: Int, processLimit: Int) -> SandboxCgroups? {
        guard let memory = parentFolder(controller: "memory"), let pids = parentFolder(controller: "pids") else {
            return nil
        }
        let groups = SandboxCgroups(folders: [memory + "/" + name, pids + "/" + name])
        for folder in groups.folders where mkdir(folder, 0o755) != 0 {
            groups.remove()
            return nil
        }
        let bytes = String(memoryLimitMB << 20)
        let memoryFolder = groups.folders[0], pidsFolder = groups.folders[1]
        // Memory first, then memory+swap (it must stay ≥ the memory limit): swap is no way around it.
        guard write(bytes, to: memoryFolder + "/memory.limit_in_bytes"),
              write(String(processLimit), to: pidsFolder + "/pids.max") else {
            groups.remove()
            return nil
        }
        _ = write(bytes, to: memoryFolder + "/memory.memsw.limit_in_bytes")
        _ = write("0", to: memoryFolder + "/memory.swappiness")
        return groups
    }

    /// `/sys/fs/cgroup/<controller>` plus this process's own group of that controller, if writable.
    static func parentFolder(controller: String) -> String? {
        guard let text = try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[1].split(separator: ",").contains(Substring(controller)) else { continue }
            let folder = base + "/" + controller + (parts[2] == "/" ? "" : String(parts[2]))
            return access(folder, W_OK) == 0 ? folder : nil
        }
        return nil
    }

    /// The pids in the groups (of any of them: a process is in both).
    func processes() -> [pid_t] {
        var found = Set<pid_t>()
        for folder in folders {
            guard let text = try? String(contentsOfFile: folder + "/cgroup.procs", encoding: .utf8) else { continue }
            for line in text.split(separator: "\n") { if let pid = pid_t(line) { found.insert(pid) } }
        }
        return found.sorted()
    }

    /// Kills every process in the groups until none is left (a fork racing the kill is caught on the next
    /// round; the pids limit bounds how many there can be). Returns whether the groups are empty.
    @discardableResult
    func killAll(timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let left = processes()
            if left.isEmpty { return true }
            if Date() > deadline { return false }
            for pid in left { kill(pid, SIGKILL) }
            usleep(5_000)
        }
    }

    /// The highest memory use of the tree so far, in bytes.
    var peakMemoryBytes: Int? {
        (try? String(contentsOfFile: folders[0] + "/memory.max_usage_in_bytes", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    /// How many forks `pids.max` refused.
    var refusedForks: Int {
        guard let text = try? String(contentsOfFile: folders[1] + "/pids.events", encoding: .utf8) else { return 0 }
        return Int(text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") ?? 0
    }

    /// The most processes (and threads) the tree had at once.
    var peakProcesses: Int {
        (try? String(contentsOfFile: folders[1] + "/pids.peak", encoding: .utf8))
            .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    }

    /// How many times the kernel's out-of-memory killer ended a process of the tree.
    var outOfMemoryKills: Int {
        guard let text = try? String(contentsOfFile: folders[0] + "/memory.oom_control", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("oom_kill ") {
            return Int(line.dropFirst("oom_kill ".count)) ?? 0
        }
        return 0
    }

    /// Removes the (empty) groups; a group still holding a process cannot be removed, so kill first.
    func remove() {
        for folder in folders { rmdir(folder) }
    }

    static func write(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return text.withCString { Glibc.write(fd, $0, strlen($0)) } >= 0
    }
}
