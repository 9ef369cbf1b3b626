import CourseWire

/// Why an exercise earned nothing before (or instead of) its checks' verdicts. A report says it in a sentence;
/// code asks the case.
///
///     ExerciseProblem.timeLimit(seconds: 2).description
///     // "time limit: still running after 2 s (an endless loop?)"
public enum ExerciseProblem: Equatable, Sendable, CustomStringConvertible, Codable {
    /// The workbook has no block for it.
    case missing(id: String)
    /// The workbook has several blocks for it (their fence lines).
    case repeated(lines: [Int])
    /// The screen refused the code (an import, a grader name, …): the reason names the workbook line.
    case refused(String)
    /// The student's code does not compile (its file:line and the compiler's message).
    case doesNotCompile(location: String, message: String)
    /// The code compiles alone but not with the checks (a missing or mistyped name).
    case checksCannotUse(location: String?, message: String)
    /// Compiling took longer than the limit.
    case compileTooSlow(seconds: Double)
    /// Still running at the time limit.
    case timeLimit(seconds: Double)
    /// A trap or a crash (its message).
    case crashed(String)
    /// An error thrown and not caught.
    case threw(String)
    /// The scope ended (`exit`) before its checks finished.
    case endedEarly
    /// The run stopped before this exercise (why).
    case notRun(String)
    /// A problem read back from a report's JSON (only the sentence is stored).
    case other(String)

    public var description: String {
        switch self {
        case .missing(let id): return "missing from the workbook (no ```swift exercise id=\(id) block)"
        case .repeated(let lines):
            return "appears \(lines.count) times in the workbook (lines \(lines.map(String.init).joined(separator: ", "))); keep one"
        case .refused(let reason): return "your code \(reason)"
        case .doesNotCompile(let location, let message): return "does not compile: \(location): \(message)"
        case .checksCannotUse(let location, let message):
            guard let location else {
                return "does not compile together with a hidden check: does your code declare the names and types "
                    + "the prompt asks for?"
            }
            return "the checks cannot use your code: \(location): \(message) (does your code declare the names and "
                + "types the prompt asks for?)"
        case .compileTooSlow(let seconds): return "compiling took longer than \(ProcessEnd.seconds(seconds)) s"
        case .timeLimit(let seconds): return "time limit: still running after \(ProcessEnd.seconds(seconds)) s (an endless loop?)"
        case .crashed(let message): return "crashed (\(message))"
        case .threw(let message): return "your code threw an error before the checks ran: \(message)"
        case .endedEarly: return "the program ended before the checks finished (an exit() call?)"
        case .notRun(let why): return "not run: \(why)"
        case .other(let text): return text
        }
    }

    /// The code did not compile (alone or with the checks): a starter must never do that.
    public var isCompileProblem: Bool {
        switch self {
        case .doesNotCompile, .checksCannotUse, .compileTooSlow: return true
        default: return false
        }
    }

    /// Two problems are the same when they say the same (a report read back from JSON keeps only the sentence).
    public static func == (a: ExerciseProblem, b: ExerciseProblem) -> Bool { a.description == b.description }

    public init(from decoder: Decoder) throws {
        self = .other(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
