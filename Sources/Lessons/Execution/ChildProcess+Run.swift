import CourseWire
import Foundation

extension ChildProcess {
    /// What `run` gives back: how the program ended and what it wrote (stdout and stderr together).
    public struct Output: Sendable {
        public var end: ProcessEnd
        public var text: String
    }

    /// The one supervision loop of the host: hands over what the child writes as it arrives (stderr first — a
    /// lesson program marks its cells there too), and stops when the child exits — whatever its own children
    /// still hold open — or when `deadline()` has passed (the child's process group is then killed and `timedOut`
    /// is true). Ctrl-C of `course` kills the group too.
    func supervise(deadline: () -> Date, onStdout: ([UInt8]) -> Void, onStderr: ([UInt8]) -> Void)
        -> (end: ProcessEnd, timedOut: Bool) {
        let interrupt = Interrupts.register { [pid] in _ = kill(-pid, SIGKILL); _ = kill(pid, SIGKILL) }
        defer { Interrupts.unregister(interrupt) }
        var buffer = [UInt8](repeating: 0, count: 65536)
        func drain(_ fd: Int32) {
            while true {
                let count = read(fd, &buffer, buffer.count)
                guard count > 0 else { return }
                if fd == stderr { onStderr(Array(buffer[0..<count])) } else { onStdout(Array(buffer[0..<count])) }
            }
        }
        var result: (ProcessEnd, Bool)?
        while result == nil {
            let remaining = deadline().timeIntervalSinceNow
            if remaining <= 0 {
                killGroup()
                result = (wait(), true)
                break
            }
            var fds = [stderr, stdout].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = Glibc.poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 100).rounded(.up)))
            drain(stderr)
            drain(stdout)
            if let end = poll() { result = (end, false) }
        }
        // The child is gone: take what is still in the pipes, then end whatever it left in its group.
        drain(stderr)
        drain(stdout)
        killGroup()
        return result!
    }

    /// Runs a program to its end (the compiler, `swiftc --version`), keeping at most `outputLimit` bytes of what
    /// it writes; after `timeLimit` seconds it is killed with everything it started. `isolated` runs it in a PID
    /// namespace of its own (bubblewrap), which ends with it — swiftc starts its `swift-frontend`s in process groups
    /// of their own, so killing its group alone would leave them running. `currentDirectory` is where it runs.
    public static func run(executable: URL, arguments: [String], currentDirectory: URL? = nil,
                           timeLimit: Double = .infinity, outputLimit: Int = 4 << 20,
                           isolated: Bool = false) throws -> Output {
        var command = executable
        var args = arguments
        if isolated && LessonLauncher.canIsolateProcesses {
            command = LessonLauncher.bubblewrap
            args = ["--dev-bind", "/", "/", "--unshare-pid", "--die-with-parent"]
                + (currentDirectory.map { ["--chdir", $0.path] } ?? []) + ["--", executable.path] + arguments
        } else if let currentDirectory {
            command = URL(fileURLWithPath: "/usr/bin/env")
            args = ["-C", currentDirectory.path, executable.path] + arguments
        }
        let child = try spawn(executable: command, arguments: args)
        var output: [UInt8] = []
        func keep(_ bytes: [UInt8]) {
            if output.count < outputLimit { output += bytes.prefix(outputLimit - output.count) }
        }
        let deadline = Date().addingTimeInterval(timeLimit.isFinite ? timeLimit : 1e9)
        let (end, timedOut) = child.supervise(deadline: { deadline }, onStdout: keep, onStderr: keep)
        return Output(end: timedOut ? .timedOut(seconds: timeLimit) : end, text: String(decoding: output, as: UTF8.self))
    }
}
