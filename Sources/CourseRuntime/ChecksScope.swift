#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The isolated scope in which a graded program runs one exercise: the exercise code and its checks run in a
/// forked child, so a trap, an early `exit` or an endless loop costs that exercise only.
///
/// The grader's program generator writes, for each exercise (the type is reached through an alias with a
/// random name, so student code cannot shadow it):
///
///     if ExerciseScope.enter("relu", attempt: "submission", timeLimit: 2) {
///         do {
///             /* the exercise code */
///             do { ExerciseScope.beginCheck(0, hidden: false); /* check 0 */; ExerciseScope.endCheck(0) }
///             catch { ExerciseScope.checkThrew(0, error) }
///         } catch { ExerciseScope.exerciseThrew(error) }
///         ExerciseScope.leave()
///     }
///
/// The parent waits for the child (killing it at the time limit) and reports how it ended, with the tail of its
/// output. Output printed while a hidden check runs is discarded, so hidden checks stay hidden.
public enum ExerciseScope {
    static var inChild = false
    static var outputFD: Int32 = -1
    static var nullFD: Int32 = -1
    static var currentCheck: Int? = nil

    /// Forks. Returns `true` in the child (which runs the exercise, then calls ``leave()``), `false` in the
    /// parent once the child has ended or been killed after `timeLimit` seconds.
    public static func enter(_ id: String, attempt: String, timeLimit: Double) -> Bool {
        CheckChannel.send("start", [id, attempt])
        fflush(stdout); fflush(stderr)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            CheckChannel.send("finish", [id, attempt, "error could not create a pipe", ""])
            return false
        }
        let pid = fork()
        if pid < 0 {
            CheckChannel.send("finish", [id, attempt, "error could not fork", ""])
            return false
        }
        if pid == 0 {
            close(ends[0])
            dup2(ends[1], 1); dup2(ends[1], 2); close(ends[1])
            setvbuf(stdout, nil, _IOLBF, 0)
            outputFD = dup(1)
            nullFD = open("/dev/null", O_WRONLY)
            inChild = true
            return true
        }
        close(ends[1])
        let (status, output) = superviseChild(pid, outputFD: ends[0], timeLimit: timeLimit)
        close(ends[0])
        CheckChannel.send("finish", [id, attempt, status, output])
        return false
    }

    /// Marks the start of check `index` of the current exercise; verdicts until ``endCheck(_:)`` belong to it.
    public static func beginCheck(_ index: Int, hidden: Bool) {
        fflush(stdout); fflush(stderr)
        if hidden, nullFD >= 0 { dup2(nullFD, 1); dup2(nullFD, 2) }
        currentCheck = index
        CheckChannel.send("begin", [String(index)])
    }

    /// Marks the normal end of check `index` (it ran to its last line).
    public static func endCheck(_ index: Int) {
        CheckChannel.send("end", [String(index)])
        currentCheck = nil
        fflush(stdout); fflush(stderr)
        if outputFD >= 0 { dup2(outputFD, 1); dup2(outputFD, 2) }
    }

    /// A check's code threw: a failed check.
    public static func checkThrew(_ index: Int, _ error: Error) {
        CheckChannel.send("verdict", ["fail", "the check threw an error: \(error)"])
        endCheck(index)
    }

    /// The exercise code threw before its checks ran.
    public static func exerciseThrew(_ error: Error) {
        if let index = currentCheck { checkThrew(index, error); return }
        CheckChannel.send("threw", ["\(error)"])
    }

    /// Ends the child normally.
    public static func leave() -> Never {
        CheckChannel.send("done")
        fflush(stdout); fflush(stderr)
        _exit(0)
    }

    /// Reads the child's output while waiting for it; kills it at the time limit.
    /// Returns how it ended ("exit 0", "signal 4", "timeout 2") and the last part of its output.
    static func superviseChild(_ pid: pid_t, outputFD: Int32, timeLimit: Double) -> (String, String) {
        _ = fcntl(outputFD, F_SETFL, fcntl(outputFD, F_GETFL) | O_NONBLOCK)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        func drain() {
            while true {
                let n = read(outputFD, &buffer, buffer.count)
                if n <= 0 { break }
                output += buffer[0..<n]
                if output.count > 65536 { output.removeFirst(output.count - 16384) }
            }
        }
        let deadline = monotonicSeconds() + timeLimit
        var status: Int32 = 0
        var ended = ""
        while true {
            drain()
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                let signal = status & 0x7f
                ended = signal == 0 ? "exit \((status >> 8) & 0xff)" : "signal \(signal)"
                break
            }
            if result < 0 && errno != EINTR { ended = "error lost the child"; break }
            if monotonicSeconds() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                ended = "timeout \(timeLimit)"
                break
            }
            usleep(2000)
        }
        drain()
        let text = String(decoding: output.suffix(3000), as: UTF8.self)
        return (ended, text)
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
