#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The channel on which checks report their verdicts to the grader (`course check`, the tests, the site).
///
/// A graded lesson program is started by the host with two environment variables:
/// `COURSE_CHECK_FD` (the write end of a pipe the host reads) and `COURSE_CHECK_TOKEN` (a secret made fresh for
/// each run). The generated program calls ``claim()`` before any cell runs: it remembers both, then scrubs them
/// from the environment *and* from the process's initial environment block, so that `getenv`,
/// `ProcessInfo.environment` and `/proc/self/environ` no longer show them to the student's code. The host counts
/// only lines that start with the token, so text printed by the student (even a line that looks like a verdict)
/// never reaches the grade.
///
/// Without the variables (`course run`, the site) checks simply print a line with their verdict.
///
///     CheckChannel.claim()             // first statement of a generated program
///     check(1 + 1 == 2, "arithmetic")  // later: a verdict on the channel (or a printed line)
public enum CheckChannel {
    static var fd: Int32 = -1
    static var token = ""
    static var claimed = false

    /// Whether verdicts go to a grader (true) or are printed (false).
    public static var isGraded: Bool { fd >= 0 }

    /// Takes the grader's pipe and token out of the environment. Call once, before any cell's code.
    public static func claim() {
        guard !claimed else { return }
        claimed = true
        let fdText = take("COURSE_CHECK_FD")
        let tokenText = take("COURSE_CHECK_TOKEN")
        guard let fdText, let number = Int32(fdText), let tokenText, !tokenText.isEmpty else { return }
        fd = number
        token = tokenText
        // The pipe must not leak into programs the student's code might start.
        _ = fcntl(number, F_SETFD, FD_CLOEXEC)
    }

    /// Reads an environment variable, overwrites its bytes in place (they live in the initial environment block
    /// that /proc/self/environ shows), and removes it.
    private static func take(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        let value = String(cString: pointer)
        memset(pointer, 0, strlen(pointer))
        unsetenv(name)
        return value
    }

    /// Sends one event line: the token, the kind, then tab-separated fields (escaped).
    static func send(_ kind: String, _ fields: [String] = []) {
        guard fd >= 0 else { return }
        var line = token + "\t" + kind
        for field in fields { line += "\t" + escape(field) }
        line += "\n"
        var bytes = Array(line.utf8)
        // One write of at most PIPE_BUF bytes is atomic: keep lines short so they never interleave.
        if bytes.count > 4000 { bytes = Array(bytes.prefix(3990)) + Array("…\n".utf8) }
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }

    /// Escapes backslash, tab and newline so one event is one line.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out
    }
}
