import CourseWire
import Foundation

/// The calls that a generated lesson program makes around the cells' code. Authors never write these; they show
/// up when you read the generated `main.swift`:
///
///     CourseProgram.start(seed: 42)
///     CourseProgram.beginCell(0, codeKey: "…")
///     // the cell's code
///     if CourseProgram.isolated(3, expectFailure: true, timeLimit: 60) { /* code */; CourseProgram.endIsolated() }
///     CourseProgram.finish()
public enum CourseProgram {
    /// The lesson's seed (front matter `seed:`): start every random generator of the lesson from it.
    nonisolated(unsafe) public private(set) static var seed: UInt64 = 42
    /// Where pictures go (`$COURSE_OUTPUT_DIR`, default: the temporary directory).
    nonisolated(unsafe) public private(set) static var outputDirectory = URL(fileURLWithPath: NSTemporaryDirectory())
    /// The cell running now.
    nonisolated(unsafe) public private(set) static var currentCell = -1
    /// A digest of the code of the running cell and every cell before it (what `memo` results depend on).
    nonisolated(unsafe) public private(set) static var codeKey = ""
    /// Where `memo` keeps its tensors (`$COURSE_MEMO_DIR`, default: a folder in the temporary directory).
    nonisolated(unsafe) public private(set) static var memoDirectory = URL(fileURLWithPath: NSTemporaryDirectory())
        .appendingPathComponent("course-memo", isDirectory: true)
    /// `memo` only reads the cache (a graded run).
    nonisolated(unsafe) public private(set) static var memoReadOnly = false
    /// True inside the forked child of an isolated scope.
    nonisolated(unsafe) public internal(set) static var isIsolatedChild = false

    /// Sets up the program: line-buffered stdout (so the output of a cell that traps is not lost), the wire's
    /// nonce (taken out of the environment), the folders, the memory limit; in a graded run, the ban on starting
    /// programs (``ExecBan``).
    public static func start(seed: UInt64) {
        // A graded run (memo read-only) may not start other programs; before any thread exists (see ExecBan).
        if ProcessInfo.processInfo.environment[CourseVariable.memoReadOnly.name] == "1" { ExecBan.install() }
        self.seed = seed
        setvbuf(stdout, nil, _IOLBF, 0)
        RuntimeWire.nonce = take(.nonce) ?? ""
        let environment = ProcessInfo.processInfo.environment
        func value(_ variable: CourseVariable) -> String? {
            environment[variable.name].flatMap { $0.isEmpty ? nil : $0 }
        }
        // Started by `course` (which passes a nonce): end when it ends, e.g. on Ctrl-C — the program runs in its own
        // process group, so the terminal's SIGINT never reaches it.
        if !RuntimeWire.nonce.isEmpty {
            ParentWatch.exitWhenParentEnds()
            ProgressThrottle.forwardTraining()   // `fit`'s bar is drawn by `course`, not on the program's stderr
        }
        if let path = value(.outputDirectory) { outputDirectory = URL(fileURLWithPath: path, isDirectory: true) }
        if let path = value(.memoDirectory) { memoDirectory = URL(fileURLWithPath: path, isDirectory: true) }
        memoReadOnly = value(.memoReadOnly) == "1"
        // Relative paths in a lesson mean the same thing wherever `course` was started: the course folder.
        if let folder = value(.workDirectory) { _ = chdir(folder) }
        if let text = value(.memoryLimitMB), let megabytes = UInt64(text), megabytes > 0, megabytes < 1 << 40 {
            var limit = rlimit(rlim_cur: rlim_t(megabytes << 20), rlim_max: rlim_t(megabytes << 20))
            _ = withUnsafePointer(to: &limit) { setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), $0) }
        }
    }

    /// Reads an environment variable, overwrites its bytes (they live in the initial environment block that
    /// /proc/self/environ shows) and removes it.
    private static func take(_ variable: CourseVariable) -> String? {
        guard let pointer = getenv(variable.name) else { return nil }
        let value = String(cString: pointer)
        memset(pointer, 0, strlen(pointer))
        unsetenv(variable.name)
        return value
    }

    /// Marks the start of cell `index`. `codeKey` digests the code up to this cell (shared cells only).
    public static func beginCell(_ index: Int, codeKey: String = "") {
        currentCell = index
        if !codeKey.isEmpty { self.codeKey = codeKey }
        RuntimeWire.emit(.cellStarted(index: index))
    }

    /// Forks for an isolated scope: returns true in the child, which runs the scope's code and ends with
    /// `endIsolated()`; the parent supervises the child (killing it after `timeLimit` seconds), reports how it
    /// ended and returns false. A trap, an `exit` or an endless loop in the child ends only that scope, and what
    /// the child changes is not seen by later cells.
    public static func isolated(_ index: Int, expectFailure: Bool, timeLimit: Double) -> Bool {
        IsolatedScope.enter(index, expectFailure: expectFailure, timeLimit: timeLimit)
    }

    /// A check cell threw before it finished: reported as a failed check call with the error.
    public static func checkThrew(_ error: Error) {
        RuntimeWire.emit(.check(CheckCall(kind: .condition, got: nil, expected: .bool(true),
                                          message: "the check threw an error", error: "\(error)")))
    }

    /// Ends the child of an isolated scope, keeping its output.
    public static func endIsolated() -> Never {
        fflush(stdout)
        fflush(stderr)
        _exit(0)
    }

    /// Marks the normal end of the program.
    public static func finish() {
        RuntimeWire.emit(.finished)
        fflush(stdout)
    }
}
