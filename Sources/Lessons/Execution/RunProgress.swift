import CourseWire

/// What a running lesson reports while it runs, so the terminal can show answers as they are computed.
///
///     try runner.run(lesson) { event in if case .text(_, let chunk) = event { print(chunk, terminator: "") } }
public enum RunProgress: Equatable, Sendable {
    /// The program is being compiled (`cached`: the compiled program is reused).
    case compiling(cached: Bool)
    /// Cell `index` starts.
    case cellStarted(Int)
    /// A piece of text the cell printed, as it arrived (may hold `\r` redraws of a progress bar).
    case text(cell: Int, String)
    /// Any other output (picture, check, stderr, error), as it arrived.
    case output(cell: Int, CellOutput)
    /// A long loop in the cell (training) reports how far it got; not part of the cell's stored outputs.
    case progress(cell: Int, ProgressReport)
    /// The cell is done; `result` holds all its outputs (text with progress redraws collapsed).
    case cellFinished(CellResult)
}
