import CourseWire

/// What one cell produced: its outputs in order, and how it ended.
///
///     let result = try runner.run(lesson)
///     for case .text(let text) in result.cells[2].outputs { print(text) }
public struct CellResult: Equatable, Codable, Sendable {
    /// The cell's index in `Lesson.cells`.
    public var index: Int
    public var status: CellStatus
    public var outputs: [CellOutput]
    /// Wall-clock seconds from the cell's start to the next cell's (nil when it did not run).
    public var seconds: Double?

    public init(index: Int, status: CellStatus, outputs: [CellOutput] = [], seconds: Double? = nil) {
        self.index = index
        self.status = status
        self.outputs = outputs
        self.seconds = seconds
    }

    /// The unexpected error of this cell, if any.
    public var error: CellError? {
        for case .error(let error) in outputs where !error.expected { return error }
        return nil
    }

    /// All printed text (stdout), joined.
    public var text: String {
        outputs.map { if case .text(let text) = $0 { return text } else { return "" } }.joined()
    }

    /// The check verdicts of this cell.
    public var checks: [CheckResult] {
        outputs.compactMap { if case .check(let check) = $0 { return check } else { return nil } }
    }
}

/// How a cell ended.
public enum CellStatus: String, Equatable, Codable, Sendable {
    /// It ran to its end (a `fails` cell: it failed, as expected).
    case ran
    /// It failed unexpectedly: compile error, trap, time limit, a `fails` cell that did not fail.
    case failed
    /// It would have run, but an earlier failure stopped the program first.
    case notRun
    /// It never runs: `norun`, solutions, other languages.
    case skipped
}

/// One output of a cell, in the order produced.
public enum CellOutput: Equatable, Codable, Sendable {
    /// Printed text (stdout). Progress bars redrawn with `\r` keep only their last state.
    case text(String)
    /// Text the cell wrote to stderr.
    case stderr(String)
    /// A picture shown with `show(_:)`: `file` is `<sha256>.png` in the outputs folder; `description` says what
    /// it shows (the lesson's words, or what the chart or grid knows of itself), for alt text.
    case image(file: String, width: Int, height: Int, description: String? = nil)
    /// A check's verdict.
    case check(CheckResult)
    /// A failure; `expected` for a `fails` cell.
    case error(CellError)
}


/// How a cell failed, with where (line within the cell, so a cached error follows the cell when prose moves it).
public struct CellError: Equatable, Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The cell did not compile.
        case compile
        /// A Swift runtime trap (index out of range, nil unwrap, fatalError, …) or a crash.
        case trap
        /// An error thrown and not caught.
        case thrown
        /// The cell exceeded the lesson's time limit.
        case timeout
        /// A `fails` cell that ran without failing.
        case unexpectedSuccess
        /// The program ended without a trap (e.g. `exit(1)`), or could not be started.
        case exit
    }

    public var kind: Kind
    /// One or a few lines for the student (`Fatal error: Index out of range`).
    public var message: String
    /// 1-based line within the cell's code where it happened, when known.
    public var lineInCell: Int?
    /// True for the failure of a `fails` cell (the point of the cell).
    public var expected: Bool
    /// More detail: the compiler's full output or the backtrace.
    public var detail: String
    /// `file:line:column` of a compile error (the lesson's line, or a student's workbook's).
    public var location: String?

    public init(kind: Kind, message: String, lineInCell: Int? = nil, expected: Bool = false, detail: String = "",
                location: String? = nil) {
        self.location = location
        self.kind = kind
        self.message = message
        self.lineInCell = lineInCell
        self.expected = expected
        self.detail = detail
    }

    /// The line in the lesson file: the cell's first code line + `lineInCell` - 1.
    public func line(in cell: Cell) -> Int? {
        lineInCell.map { cell.codeLine + $0 - 1 }
    }
}

/// The results of one run of a lesson.
public struct LessonResult: Equatable, Codable, Sendable {
    /// One per cell of the lesson, in order (`cells[i].index == i`).
    public var cells: [CellResult]
    /// The cache key digest the results were stored under.
    public var key: String
    /// Whether the results came from the cache (nothing ran).
    public var fromCache: Bool
    /// Seconds spent compiling (0 when the compiled program was cached) and running.
    public var compileSeconds: Double
    public var runSeconds: Double
    /// Whether the compiled program was reused.
    public var programFromCache: Bool

    public init(cells: [CellResult], key: String, fromCache: Bool = false, compileSeconds: Double = 0,
                runSeconds: Double = 0, programFromCache: Bool = false) {
        self.cells = cells
        self.key = key
        self.fromCache = fromCache
        self.compileSeconds = compileSeconds
        self.runSeconds = runSeconds
        self.programFromCache = programFromCache
    }

    /// The cells that failed unexpectedly.
    public var failures: [CellResult] { cells.filter { $0.status == .failed } }
}
