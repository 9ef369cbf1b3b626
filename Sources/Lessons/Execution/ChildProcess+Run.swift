import CourseWire
import Foundation

extension ChildProcess {
    /// What `collect` and `run` give back: how the program ended (`.timedOut` at the time limit) and what it
    /// wrote on each stream.
    public struct Output: Sendable {
        public var end: ProcessEnd
        public var stdout: String
        public var stderr: String
        /// Both streams, stdout first (the compiler writes its diagnostics to stderr).
        public var text: String { stdout + stderr }
    }

    /// The one supervision loop of the host: hands over what the child writes as it arrives (stderr first — a
    /// lesson program marks its cells there too), and stops when the child exits — whatever its own children
    /// still hold open — or when `deadline()` has passed (the child's process group is then killed and `timedOut`
    /// is true). A stream the child closed is no longer polled. Ctrl-C of `course` kills the group too.
    func supervise(deadline: () -> Date, onStdout: ([UInt8]) -> Void, onStderr: ([UInt8]) -> Void)
        -> (end: ProcessEnd, timedOut: Bool) {
        let interrupt = Interrupts.register { [pid] in _ = kill(-pid, SIGKILL); _ = kill(pid, SIGKILL) }
        defer { Interrupts.unregister(interrupt) }
        var open = [stderr, stdout]
        func drain() {
            for fd in open {
                guard let bytes = ChildProcess.readAvailable(fd) else { open.removeAll { $0 == fd }; continue }
                if bytes.isEmpty { continue }
                if fd == stderr { onStderr(bytes) } else { onStdout(bytes) }
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
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = Glibc.poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 100).rounded(.up)))
            drain()
            if let end = poll() { result = (end, false) }
        }
        // The child is gone: take what is still in the pipes, then end whatever it left in its group.
        drain()
        killGroup()
        return result!
    }

    /// Reads the child to its end, keeping at most `outputLimit` bytes of each stream; after `timeLimit` seconds
    /// it is killed with its process group and the end is `.timedOut(seconds: timeLimit)`.
    ///
    ///     let output = try ChildProcess.spawn(executable: swiftc, arguments: ["--version"]).collect(timeLimit: 60)
    public func collect(timeLimit: Double = .infinity, outputLimit: Int = 4 << 20) -> Output {
        var out: [UInt8] = [], err: [UInt8] = []
        func keep(_ bytes: [UInt8], in buffer: inout [UInt8]) {
            if buffer.count < outputLimit { buffer += bytes.prefix(outputLimit - buffer.count) }
        }
        let deadline = Date().addingTimeInterval(timeLimit.isFinite ? timeLimit : 1e9)
        let (end, timedOut) = supervise(deadline: { deadline }, onStdout: { keep($0, in: &out) },
                                        onStderr: { keep($0, in: &err) })
        return Output(end: timedOut ? .timedOut(seconds: timeLimit) : end, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// Runs a program to its end (the compiler, `swiftc --version`): ``collect(timeLimit:outputLimit:)``.
    /// `isolated` runs it in a PID namespace of its own (bubblewrap), which ends with it — swiftc starts its
    /// `swift-frontend`s in process groups of their own, so killing its group alone would leave them running.
    /// `currentDirectory` is where it runs (bubblewrap keeps it).
    ///
    ///     let output = try ChildProcess.run(executable: swiftc, arguments: ["main.swift"], timeLimit: 300, isolated: true)
    public static func run(executable: URL, arguments: [String], currentDirectory: URL? = nil,
                           timeLimit: Double = .infinity, outputLimit: Int = 4 << 20,
                           isolated: Bool = false) throws -> Output {
        var command = executable
        var args = arguments
        if isolated && LessonLauncher.canIsolateProcesses {
            command = LessonLauncher.bubblewrap
            args = ["--dev-bind", "/", "/", "--unshare-pid", "--die-with-parent", "--", executable.path] + arguments
        }
        let child = try spawn(executable: command, arguments: args, currentDirectory: currentDirectory)
        return child.collect(timeLimit: timeLimit, outputLimit: outputLimit)
    }
}
