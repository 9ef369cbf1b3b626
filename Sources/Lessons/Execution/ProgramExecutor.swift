import CourseWire
import Foundation

/// Where and how a compiled lesson program runs.
public struct ExecutionSettings: Sendable {
    /// Seconds each shared cell may take; isolated scopes get `LessonProgram.isolatedTimeLimit`.
    public var timeout: Double
    /// The program's address-space limit, in MiB.
    public var memoryLimitMB: Int
    public var outputsDirectory: URL
    /// The program's current directory (relative paths in a lesson).
    public var workingDirectory: URL
    public var memoDirectory: URL
    public var memoReadOnly: Bool
    public var libraryHash: String
    public var dataKey: String
    public var launcher: any ProgramLauncher

    public init(timeout: Double, memoryLimitMB: Int, outputsDirectory: URL, workingDirectory: URL,
                memoDirectory: URL, memoReadOnly: Bool = false, libraryHash: String, dataKey: String,
                launcher: any ProgramLauncher = LessonLauncher()) {
        self.timeout = timeout
        self.memoryLimitMB = memoryLimitMB
        self.outputsDirectory = outputsDirectory
        self.workingDirectory = workingDirectory
        self.memoDirectory = memoDirectory
        self.memoReadOnly = memoReadOnly
        self.libraryHash = libraryHash
        self.dataKey = dataKey
        self.launcher = launcher
    }

    /// The variables the program reads at start (`CourseProgram.start`).
    func variables(nonce: String) -> [String: String] {
        var variables: [CourseVariable: String] = [
            .nonce: nonce, .outputDirectory: outputsDirectory.path, .workDirectory: workingDirectory.path,
            .memoryLimitMB: String(memoryLimitMB), .memoDirectory: memoDirectory.path,
            .libraryHash: libraryHash, .dataKey: dataKey,
        ]
        if memoReadOnly { variables[.memoReadOnly] = "1" }
        var environment = Dictionary(uniqueKeysWithValues: variables.map { ($0.key.name, $0.value) })
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no"
        return environment
    }
}

/// Runs a compiled lesson program and turns what it writes into per-cell results, enforcing the time limits:
/// the program runs in its own process group (and, where bubblewrap can, its own PID namespace), which is killed
/// when a cell overruns. The run is over when the program exits, whatever its children still hold open.
struct ProgramExecutor {
    var program: LessonProgram
    var binary: URL
    var settings: ExecutionSettings

    /// Runs the program; returns a result for every cell it was to run.
    func run(progress: ((RunProgress) -> Void)?) throws -> [Int: CellResult] {
        let nonce = (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
        do {
            try FileManager.default.createDirectory(at: settings.outputsDirectory, withIntermediateDirectories: true)
        } catch {
            throw CacheFolderError(path: settings.outputsDirectory.path, reason: error)
        }
        let command = settings.launcher.command(for: binary, environment: settings.variables(nonce: nonce))
        let child = try ChildProcess.spawn(executable: command.executable, arguments: command.arguments,
                                           environment: command.environment,
                                           clearEnvironment: command.clearEnvironment)
        let interrupt = Interrupts.register { child.killGroup() }
        defer { Interrupts.unregister(interrupt) }

        var collector = CellCollector(program: program, nonce: nonce, memoryLimitMB: settings.memoryLimitMB,
                                      progress: progress)
        var splitter = WireSplitter(nonce: nonce)
        var buffer = [UInt8](repeating: 0, count: 65536)
        func drain(_ fd: Int32) {
            while true {
                let count = read(fd, &buffer, buffer.count)
                guard count > 0 else { return }
                let bytes = Array(buffer[0..<count])
                if fd == child.stderr { collector.stderr(bytes) }
                else { for item in splitter.feed(bytes) { collector.handle(item) } }
            }
        }
        var end: ProcessEnd?
        var timedOut = false
        while end == nil {
            let limit = collector.currentIsIsolated
                ? program.isolatedTimeLimit + 5 : settings.timeout
            let remaining = collector.cellStart.addingTimeInterval(limit).timeIntervalSinceNow
            if remaining <= 0 {
                timedOut = true
                child.killGroup()
                end = child.wait()
                break
            }
            var fds = [child.stderr, child.stdout].map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = Glibc.poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 100).rounded(.up)))
            // stderr first: it carries its own cell markers, and what a cell wrote there before its end should be
            // in before stdout says the next cell started.
            drain(child.stderr)
            drain(child.stdout)
            end = child.poll()
        }
        // The program is gone: take what is still in the pipes, then end whatever it left in its group.
        drain(child.stderr)
        drain(child.stdout)
        child.killGroup()
        for item in splitter.finish() { collector.handle(item) }
        collector.end(termination: end ?? .exited(-1), timedOut: timedOut, timeout: settings.timeout)
        return collector.results
    }
}

/// The cache folder (or the outputs folder in it) cannot be written.
public struct CacheFolderError: Error, CustomStringConvertible {
    public var path: String
    public var reason: Error

    public var description: String {
        let text = (reason as NSError).userInfo[NSUnderlyingErrorKey].map { "\($0)" } ?? "\(reason.localizedDescription)"
        return "cannot write to the cache folder \(path): \(text) — make it writable or free some space"
    }
}
