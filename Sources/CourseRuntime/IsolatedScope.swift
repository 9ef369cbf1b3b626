import CourseWire
import Foundation

/// The one fork primitive of a lesson program: `fails` cells and each exercise with its checks run in a forked
/// child. The child writes to the program's stdout as usual (its events reach the host directly); its stderr is
/// captured by the parent, which waits for it — killing it at the time limit — and reports how it ended.
enum IsolatedScope {
    static func enter(_ index: Int, expectFailure: Bool, timeLimit: Double) -> Bool {
        fflush(stdout)
        fflush(stderr)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { fatalError("course: cannot create a pipe for an isolated cell") }
        let pid = fork()
        if pid < 0 { fatalError("course: cannot fork for an isolated cell (\(String(cString: strerror(errno))))") }
        if pid == 0 {
            close(ends[0])
            dup2(ends[1], STDERR_FILENO)
            close(ends[1])
            CourseProgram.isIsolatedChild = true
            ParentWatch.exitWhenParentEnds()
            return true
        }
        close(ends[1])
        let (end, captured) = supervise(pid, stderr: ends[0], timeLimit: timeLimit)
        close(ends[0])
        RuntimeWire.emit(.isolatedEnded(index: index, expectFailure: expectFailure, end: end,
                                        stderr: String(decoding: captured, as: UTF8.self)))
        return false
    }

    /// Reads the child's stderr (keeping the first `Wire.isolatedStderrLimit` bytes) until it ends or the time
    /// limit passes; then kills it and everything it started in its process group.
    private static func supervise(_ pid: pid_t, stderr fd: Int32, timeLimit: Double) -> (ProcessEnd, [UInt8]) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var captured: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        func drain() {
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count <= 0 { return }
                if captured.count < Wire.isolatedStderrLimit {
                    captured += buffer[0..<min(count, Wire.isolatedStderrLimit - captured.count)]
                }
            }
        }
        let deadline = monotonicSeconds() + (timeLimit.isFinite && timeLimit > 0 ? timeLimit : 1e9)
        var status: Int32 = 0
        while true {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 20)
            drain()
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { drain(); return (ProcessEnd(waitStatus: status), captured) }
            if result < 0 && errno != EINTR { return (.exited(-1), captured) }
            if monotonicSeconds() > deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                drain()
                return (.timedOut(seconds: timeLimit), captured)
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
