import Foundation

/// A program run with a time limit: at the limit it is killed with every process it started (swiftc and every
/// swift-frontend — the driver starts each frontend in a process group of its own, so the tree is stopped and
/// killed by parentage, see ``ProcessTree``), and it is registered with ``Interrupts`` so that Ctrl-C of
/// `course` kills it too. For the compiler on student code — 50 000 `let` lines must not keep a core busy for ten minutes.
///
///     let result = try LimitedProcess.compile(swiftc: "/opt/swift/usr/bin/swiftc",
///                                             arguments: ["main.swift", "-o", "program"], timeLimit: 60)
///     // throws SandboxError.compilingTookTooLong(seconds: 60): "compiling took longer than 60 s"
public enum LimitedProcess {
    /// How a run ended and what it printed (each stream capped at `outputLimit` bytes, the end kept).
    public struct Result: Equatable, Sendable {
        /// nil when the time limit ended it.
        public var termination: SpawnedProcess.Termination?
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool { termination == nil }
        public var seconds: Double
    }

    /// The most bytes kept of each stream.
    public static let outputLimit = 1 << 20

    /// Runs `executable` with `environment` (the caller's when nil), killing its whole process group after
    /// `timeLimit` seconds.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           currentDirectory: String? = nil, timeLimit: Double) throws -> Result {
        let process = try SpawnedProcess(executable: executable, arguments: arguments,
                                         environment: environment ?? ProcessInfo.processInfo.environment,
                                         currentDirectory: currentDirectory)
        let registration = Interrupts.register { ProcessTree.kill(process.pid); process.killGroup() }
        defer { Interrupts.unregister(registration) }
        let result = collect(process, timeLimit: timeLimit) { ProcessTree.kill(process.pid); process.killGroup() }
        process.killGroup()   // anything of its group still running
        return result
    }

    /// Runs the Swift compiler with a time limit.
    /// - Throws: ``SandboxError/compilingTookTooLong(seconds:)`` at the limit (nothing of it left running).
    public static func compile(swiftc: String, arguments: [String], currentDirectory: String? = nil,
                               timeLimit: Double) throws -> Result {
        let result = try run(swiftc, arguments, currentDirectory: currentDirectory, timeLimit: timeLimit)
        if result.timedOut { throw SandboxError.compilingTookTooLong(seconds: Int(timeLimit.rounded(.up))) }
        return result
    }

    /// Reads the process's output until it ends or `timeLimit` passes; at the limit calls `kill` and reaps it.
    static func collect(_ process: SpawnedProcess, timeLimit: Double, kill: () -> Void) -> Result {
        let start = Date()
        let deadline = start.addingTimeInterval(timeLimit)
        var out: [UInt8] = [], err: [UInt8] = []
        var open: [Int32: Bool] = [process.stdout: true, process.stderr: true]
        func drain() {
            for fd in [process.stdout, process.stderr] where open[fd] == true {
                guard let bytes = SpawnedProcess.readAvailable(fd) else { open[fd] = false; continue }
                if fd == process.stdout { append(bytes, to: &out) } else { append(bytes, to: &err) }
            }
        }
        var termination: SpawnedProcess.Termination?
        while true {
            var fds = open.filter(\.value).map { pollfd(fd: $0.key, events: Int16(POLLIN), revents: 0) }
            let wait = max(0, min(50, Int32(deadline.timeIntervalSinceNow * 1000)))
            _ = Glibc.poll(&fds, nfds_t(fds.count), wait)
            drain()
            if let ended = process.poll() {
                termination = ended
                break
            }
            if Date() >= deadline {
                kill()
                _ = process.wait()
                break
            }
        }
        drain()
        return Result(termination: termination, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    private static func append(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        buffer += bytes
        if buffer.count > outputLimit { buffer.removeFirst(buffer.count - outputLimit) }
    }
}
