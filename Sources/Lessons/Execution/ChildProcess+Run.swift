import CourseWire
import Foundation

extension ChildProcess {
    /// What `run` gives back: how the program ended and what it wrote (stdout and stderr together).
    public struct Output: Sendable {
        public var end: ProcessEnd
        public var text: String
    }

    /// Runs a program to its end (the compiler, `swiftc --version`), keeping at most `outputLimit` bytes of what
    /// it writes; after `timeLimit` seconds it and its whole process group (swiftc's `swift-frontend`s) are killed.
    /// `currentDirectory` is where it runs (via `/usr/bin/env -C`, since posix_spawn cannot change it portably).
    public static func run(executable: URL, arguments: [String], currentDirectory: URL? = nil,
                           timeLimit: Double = .infinity, outputLimit: Int = 4 << 20) throws -> Output {
        var command = executable
        var args = arguments
        if let currentDirectory {
            command = URL(fileURLWithPath: "/usr/bin/env")
            args = ["-C", currentDirectory.path, executable.path] + arguments
        }
        let child = try spawn(executable: command, arguments: args)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let deadline = Date().addingTimeInterval(timeLimit.isFinite ? timeLimit : 1e9)
        func drain() {
            for fd in [child.stdout, child.stderr] {
                while true {
                    let count = read(fd, &buffer, buffer.count)
                    if count <= 0 { break }
                    if output.count < outputLimit { output += buffer[0..<min(count, outputLimit - output.count)] }
                }
            }
        }
        let interrupt = Interrupts.register { child.killGroup() }
        defer { Interrupts.unregister(interrupt) }
        while true {
            var fds = [child.stdout, child.stderr].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = Glibc.poll(&fds, nfds_t(fds.count), 50)
            drain()
            if let end = child.poll() {
                drain()
                child.killGroup()   // what it left behind in its group
                return Output(end: end, text: String(decoding: output, as: UTF8.self))
            }
            if Date() > deadline {
                child.killGroup()
                _ = child.wait()
                drain()
                return Output(end: .timedOut(seconds: timeLimit), text: String(decoding: output, as: UTF8.self))
            }
        }
    }
}
