import Foundation

/// A process and its descendants, found by parentage in /proc: for programs whose children leave their process
/// group (swiftc's driver starts each swift-frontend in a group of its own).
///
///     ProcessTree.kill(driver.pid)   // the driver and every frontend it started
enum ProcessTree {
    /// Stops `root` (so it starts nothing more), then stops its descendants level by level until no new one
    /// appears, then kills them all with SIGKILL. The caller reaps `root`; the others are reaped by theirs.
    static func kill(_ root: pid_t) {
        _ = Glibc.kill(root, SIGSTOP)
        var tree: Set<pid_t> = [root]
        while true {
            let children = parents().filter { tree.contains($0.value) && !tree.contains($0.key) }.map(\.key)
            if children.isEmpty { break }
            for child in children { _ = Glibc.kill(child, SIGSTOP) }
            tree.formUnion(children)
        }
        for pid in tree { _ = Glibc.kill(pid, SIGKILL) }
    }

    /// pid → parent pid, for every process (from `/proc/<pid>/stat`).
    static func parents() -> [pid_t: pid_t] {
        var map: [pid_t: pid_t] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry),
                  let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // "pid (comm) state ppid …": the command may hold spaces and parentheses, so read after the last ')'.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = pid_t(fields[1]) { map[pid] = parent }
        }
        return map
    }
}
