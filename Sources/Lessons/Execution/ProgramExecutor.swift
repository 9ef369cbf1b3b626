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
        let child = try settings.launcher.start(binary, environment: settings.variables(nonce: nonce))
        var collector = CellCollector(program: program, nonce: nonce, memoryLimitMB: settings.memoryLimitMB,
                                      progress: progress)
        var splitter = WireSplitter(nonce: nonce)
        let isolatedLimit = program.isolatedTimeLimit + 5, timeout = settings.timeout
        let (end, timedOut) = child.supervise(
            deadline: { collector.cellStart.addingTimeInterval(collector.currentIsIsolated ? isolatedLimit : timeout) },
            onStdout: { for item in splitter.feed($0) { collector.handle(item) } },
            onStderr: { collector.stderr($0) })
        for item in splitter.finish() { collector.handle(item) }
        collector.end(termination: end, timedOut: timedOut, timeout: settings.timeout)
        return collector.results
    }
}

/// The cache folder (or the outputs folder in it) cannot be written.
public struct CacheFolderError: Error, CustomStringConvertible {
    public var path: String
    public var reason: Error

    public var description: String {
        "cannot write to the cache folder \(path): \(CacheFolderError.reasonText(reason)) — make it writable or free "
            + "some space"
    }

    /// "Read-only file system", "No space left on device": the system's words, not Foundation's error dump.
    static func reasonText(_ error: Error) -> String {
        var current = error as NSError
        while true {
            if current.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(current.code))) }
            guard let underlying = current.userInfo[NSUnderlyingErrorKey] as? NSError else { break }
            current = underlying
        }
        if let posix = (error as? CocoaError)?.underlying as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return current.localizedDescription
    }
}
