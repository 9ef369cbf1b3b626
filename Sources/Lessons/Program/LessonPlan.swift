/// What a lesson program runs, in order: shared cells at top level (they share state, like a notebook) and
/// isolated scopes — a `fails` cell, or an exercise's code followed by its checks — each in a forked child.
/// One plan serves every use: `course run` and the site (starter code), the validation of a lesson (solutions and
/// starters) and grading (a student's code, with type pins after it).
///
///     let plan = LessonPlan(lesson: lesson, exercises: .solution)
///     plan.steps.count
public struct LessonPlan: Equatable, Sendable {
    public enum Step: Equatable, Sendable {
        /// A `swift` or `swift hidden` cell at top level; `codeKey` digests the shared code up to it.
        case shared(cell: Int, code: CodeSnippet, codeKey: String)
        case isolated(IsolatedScope)
    }

    /// A forked scope: its main cell (the `fails` cell or the exercise) and, for an exercise, its checks.
    public struct IsolatedScope: Equatable, Sendable {
        public var cell: Int
        public var code: CodeSnippet
        public var expectFailure: Bool
        /// Statements placed after the exercise code that pin the types its checks rely on (grading).
        public var pins: [String]
        public var checks: [(cell: Int, code: CodeSnippet)]

        public static func == (a: IsolatedScope, b: IsolatedScope) -> Bool {
            a.cell == b.cell && a.code == b.code && a.expectFailure == b.expectFailure && a.pins == b.pins
                && a.checks.map(\.cell) == b.checks.map(\.cell) && a.checks.map(\.code) == b.checks.map(\.code)
        }
    }

    public let lesson: Lesson
    public let exercises: ExerciseSource
    public let leftOut: Set<Int>
    public let steps: [Step]

    /// `pins` gives, per exercise id, the type pins to place after its code (grading only).
    public init(lesson: Lesson, exercises: ExerciseSource = .starter, leavingOut leftOut: Set<Int> = [],
                pins: [String: [String]] = [:]) {
        self.lesson = lesson
        self.exercises = exercises
        self.leftOut = leftOut
        let cells = lesson.cells
        let path = lesson.displayPath
        var chain = CodeKeyChain()
        var steps: [Step] = []
        for cell in cells where !leftOut.contains(cell.index) {
            let snippet = CodeSnippet(code: cell.code, file: path, line: cell.codeLine)
            switch cell.kind {
            case .code, .hidden:
                steps.append(.shared(cell: cell.index, code: snippet, codeKey: chain.adding(cell.code, kind: cell.kind)))
            case .fails where exercises.runsFailsCells:
                steps.append(.isolated(IsolatedScope(cell: cell.index, code: snippet, expectFailure: true, pins: [],
                                                     checks: [])))
            case .exercise(let id, _):
                guard let code = LessonPlan.exerciseCode(for: cell, id: id, in: cells, source: exercises, path: path)
                else { continue }
                let checks = cells.filter { $0.kind.exerciseID == id && !leftOut.contains($0.index) }
                    .filter { if case .check = $0.kind { return true } else { return false } }
                    .map { (cell: $0.index, code: CodeSnippet(code: $0.code, file: path, line: $0.codeLine)) }
                steps.append(.isolated(IsolatedScope(cell: cell.index, code: code, expectFailure: false,
                                                     pins: pins[id] ?? [], checks: checks)))
            case .fails, .check, .solution, .norun, .other:
                break
            }
        }
        self.steps = steps
    }

    /// The cells the program runs, in the order it runs them.
    public var runOrder: [Int] {
        steps.flatMap { step -> [Int] in
            switch step {
            case .shared(let cell, _, _): return [cell]
            case .isolated(let scope): return [scope.cell] + scope.checks.map(\.cell)
            }
        }
    }

    /// The cells that run together with `index` in one isolated scope (an exercise and its checks), or `[]` for
    /// a shared cell (a compile error there stops the lesson at that cell).
    public func isolationGroup(of index: Int) -> [Int] {
        let cells = lesson.cells
        guard cells.indices.contains(index) else { return [index] }
        switch cells[index].kind {
        case .fails: return [index]
        case .exercise(let id, _), .check(let id, _):
            return cells.filter {
                if case .exercise(id, _) = $0.kind { return true }
                if case .check(id, _) = $0.kind { return true }
                return false
            }.map(\.index)
        default: return []
        }
    }

    /// The code that fills an exercise; nil when a submission has none for it (the exercise is not run).
    static func exerciseCode(for cell: Cell, id: String, in cells: [Cell], source: ExerciseSource,
                             path: String) -> CodeSnippet? {
        let starter = CodeSnippet(code: cell.code, file: path, line: cell.codeLine)
        switch source {
        case .starter:
            return starter
        case .solution:
            guard let solution = cells.first(where: { $0.kind == .solution(id: id) }) else { return starter }
            return CodeSnippet(code: solution.code, file: path, line: solution.codeLine)
        case .submission(let codes):
            return codes[id]
        }
    }
}
