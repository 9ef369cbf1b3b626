import Foundation

/// The calls that a generated lesson program makes around the cells' code. Authors never write these; they show
/// up when you read the generated `main.swift`:
///
///     CourseProgram.start(seed: 42)
///     CourseProgram.beginCell(0)
///     // the cell's code
///     if CourseProgram.isolated(3, expectFailure: true) { defer { CourseProgram.endIsolated() }; /* code */ }
///     CourseProgram.finish()
public enum CourseProgram {
    /// The lesson's seed (front matter `seed:`): start every random generator of the lesson from it.
    nonisolated(unsafe) public private(set) static var seed: UInt64 = 42
    /// Where pictures go (`$COURSE_OUTPUT_DIR`, default: a folder in the temporary directory).
    nonisolated(unsafe) public private(set) static var outputDirectory = URL(fileURLWithPath: NSTemporaryDirectory())
    /// The cell running now.
    nonisolated(unsafe) public private(set) static var currentCell = -1
    /// The check cell running now (nil outside checks), for the check functions to label their verdicts.
    nonisolated(unsafe) public private(set) static var currentCheck: CheckContext?
    /// A digest of the code of the running cell and every cell before it (what `memo` results depend on).
    nonisolated(unsafe) public private(set) static var codeKey = ""
    /// Where `memo` keeps its tensors (`$COURSE_MEMO_DIR`, default: a folder in the temporary directory).
    nonisolated(unsafe) public private(set) static var memoDirectory = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("course-memo", isDirectory: true)
    /// True inside the forked child of an isolated cell.
    nonisolated(unsafe) public private(set) static var isIsolatedChild = false

    /// Sets up the program: line-buffered stdout (so the output of a cell that traps is not lost), the event
    /// nonce, the output folder, the memory limit.
    public static func start(seed: UInt64) {
        self.seed = seed
        setvbuf(stdout, nil, _IOLBF, 0)
        CheckChannel.claim()
        let environment = ProcessInfo.processInfo.environment
        RuntimeChannel.nonce = environment["COURSE_NONCE"] ?? ""
        unsetenv("COURSE_NONCE")
        // Started by `course` (which passes a nonce): end when it ends, e.g. on Ctrl-C — the program runs in its own
        // process group, so the terminal's SIGINT never reaches it.
        if !RuntimeChannel.nonce.isEmpty { exitWhenParentEnds() }
        if let path = environment["COURSE_OUTPUT_DIR"], !path.isEmpty {
            outputDirectory = URL(fileURLWithPath: path, isDirectory: true)
        }
        if let path = environment["COURSE_MEMO_DIR"], !path.isEmpty {
            memoDirectory = URL(fileURLWithPath: path, isDirectory: true)
        }
        // Relative paths in a lesson mean the same thing wherever `course` was started: the package folder.
        if let folder = environment["COURSE_WORKDIR"], !folder.isEmpty { _ = chdir(folder) }
        if let text = environment["COURSE_MEMORY_LIMIT_MB"], let megabytes = UInt64(text), megabytes > 0 {
            var limit = rlimit(rlim_cur: rlim_t(megabytes << 20), rlim_max: rlim_t(megabytes << 20))
            _ = withUnsafePointer(to: &limit) { setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), $0) }
        }
    }

    /// Marks the start of cell `index` in the output. `codeKey` digests the code up to this cell.
    public static func beginCell(_ index: Int, codeKey: String = "") {
        currentCell = index
        if !codeKey.isEmpty { self.codeKey = codeKey }
        currentCheck = nil
        RuntimeChannel.emit(.cellStarted(index: index))
    }

    /// Sets the digest of the code so far without marking a cell (the grading program, whose output carries no
    /// cell markers, calls this where `course run` calls `beginCell(_:codeKey:)`).
    public static func setCodeKey(_ key: String) {
        if !key.isEmpty { codeKey = key }
    }

    /// Marks the start of check cell `index` of `exercise`.
    public static func beginCheck(_ index: Int, exercise: String, hidden: Bool, points: Int, line: Int,
                                  codeKey: String = "") {
        beginCell(index, codeKey: codeKey)
        currentCheck = CheckContext(exercise: exercise, cell: index, hidden: hidden, points: points, line: line)
    }

    /// Forks: returns true in the child, which runs the cell's code and ends with `endIsolated()`; the parent waits
    /// for the child, reports how it ended (`RuntimeEvent.isolatedFinished`) and returns false. A trap in the
    /// child therefore ends only that cell. State changed by the child is not seen by later cells.
    public static func isolated(_ index: Int, expectFailure: Bool) -> Bool {
        fflush(stdout)
        fflush(stderr)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { fatalError("course: cannot create a pipe for an isolated cell") }
        let pid = fork()
        if pid < 0 { fatalError("course: cannot fork for an isolated cell (\(String(cString: strerror(errno))))") }
        if pid == 0 {
            close(fds[0])
            dup2(fds[1], STDERR_FILENO)
            close(fds[1])
            isIsolatedChild = true
            exitWhenParentEnds()
            return true
        }
        close(fds[1])
        var captured = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fds[0], &buffer, buffer.count)
            if count > 0 {
                if captured.count < 1 << 20 { captured.append(contentsOf: buffer[0..<count]) }
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7f
        let exited = signal == 0
        RuntimeChannel.emit(.isolatedFinished(
            index: index, expectFailure: expectFailure,
            exitCode: exited ? Int((status >> 8) & 0xff) : nil,
            signal: exited ? nil : Int(signal),
            stderr: String(decoding: captured, as: UTF8.self)))
        return false
    }

    /// Watches the parent process from a background thread and exits as soon as it is gone (the process is then
    /// re-parented, so `getppid()` changes).
    static func exitWhenParentEnds() {
        let parent = getppid()
        let watcher = Thread {
            while true {
                usleep(200_000)
                if getppid() != parent { _exit(137) }
            }
        }
        watcher.start()
    }

    /// Ends the child of an isolated cell, keeping its output.
    public static func endIsolated() -> Never {
        fflush(stdout)
        fflush(stderr)
        _exit(0)
    }

    /// Marks the normal end of the program.
    public static func finish() {
        RuntimeChannel.emit(.finished)
        fflush(stdout)
    }
}

/// Which check is running: what a check function needs to label its verdict.
public struct CheckContext: Equatable, Sendable {
    public var exercise: String
    /// The check cell's index in the lesson.
    public var cell: Int
    public var hidden: Bool
    /// The exercise's points.
    public var points: Int
    /// The line of the check's fence in the lesson.
    public var line: Int
}
