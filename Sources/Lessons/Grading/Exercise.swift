/// One exercise of a lesson, gathered from its fences: the prompt, the starter code, the reference solution and
/// the checks, in lesson order.
///
///     let exercises = Exercise.all(in: try Lesson(contentsOf: url))
///     exercises.map(\.points).reduce(0, +)   // the lesson's total
public struct Exercise: Equatable, Sendable {
    /// `exercise id=relu`.
    public var id: String
    /// `points=2` (default 1). Earned in full when every check passes, else 0.
    public var points: Int
    /// The Markdown prose between the previous fence and the exercise fence.
    public var prompt: String
    /// The code in the exercise fence, and the lesson line where it starts.
    public var starter: CodeSnippet
    /// The reference solution (`swift solution id=…`), if the lesson has one.
    public var solution: CodeSnippet?
    /// Public and hidden checks, in lesson order.
    public var checks: [ExerciseCheck]

    public init(id: String, points: Int, prompt: String, starter: CodeSnippet, solution: CodeSnippet?,
                checks: [ExerciseCheck]) {
        self.id = id
        self.points = points
        self.prompt = prompt
        self.starter = starter
        self.solution = solution
        self.checks = checks
    }

    public var publicChecks: [ExerciseCheck] { checks.filter { !$0.hidden } }
    public var hiddenChecks: [ExerciseCheck] { checks.filter(\.hidden) }

    /// The exercises of a lesson in the order of their exercise fences. (The parser has already rejected
    /// solutions and checks without an exercise, and repeated ids.)
    public static func all(in lesson: Lesson) -> [Exercise] {
        var order: [String] = []
        var byID: [String: Exercise] = [:]
        for cell in lesson.cells {
            let snippet = CodeSnippet(code: cell.code, file: lesson.displayPath, line: cell.codeLine)
            switch cell.kind {
            case .exercise(let id, let points):
                order.append(id)
                byID[id] = Exercise(id: id, points: points, prompt: cell.precedingProse, starter: snippet,
                                    solution: byID[id]?.solution, checks: byID[id]?.checks ?? [])
            case .solution(let id):
                byID[id, default: placeholder(id, lesson)].solution = snippet
            case .check(let id, let hidden):
                var exercise = byID[id, default: placeholder(id, lesson)]
                exercise.checks.append(ExerciseCheck(number: exercise.checks.count + 1, code: snippet, hidden: hidden))
                byID[id] = exercise
            default:
                break
            }
        }
        return order.compactMap { byID[$0] }
    }

    private static func placeholder(_ id: String, _ lesson: Lesson) -> Exercise {
        Exercise(id: id, points: 0, prompt: "", starter: CodeSnippet(code: "", file: lesson.displayPath, line: 0),
                 solution: nil, checks: [])
    }
}

/// One check cell of an exercise.
public struct ExerciseCheck: Equatable, Sendable {
    /// 1-based position among the exercise's checks (public and hidden together).
    public var number: Int
    public var code: CodeSnippet
    /// A hidden check's code and message are never shown to the student.
    public var hidden: Bool

    public init(number: Int, code: CodeSnippet, hidden: Bool) {
        self.number = number
        self.code = code
        self.hidden = hidden
    }
}

/// Code and where it came from, so compile errors and traps name the right file and line.
public struct CodeSnippet: Equatable, Hashable, Sendable {
    public var code: String
    /// The path written into `#sourceLocation` (a lesson or a workbook).
    public var file: String
    /// The file's line of the first line of code.
    public var line: Int

    public init(code: String, file: String, line: Int) {
        self.code = code
        self.file = file
        self.line = line
    }

    /// The number of lines the code spans.
    public var lineCount: Int { max(1, code.split(separator: "\n", omittingEmptySubsequences: false).count) }
}
