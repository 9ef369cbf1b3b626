/// Which code fills the exercises when a lesson program is generated.
///
///     LessonProgram(lesson: lesson, exercises: .starter)    // course run, the site
///     LessonProgram(lesson: lesson, exercises: .solution)   // the tests: every solution passes its checks
///     LessonProgram(lesson: lesson, exercises: .submission(["xor": ExerciseCode(code: text, file: "wb/02.md", line: 14)]))
public enum ExerciseSource: Equatable, Hashable, Sendable {
    /// The starter code of each exercise (what the lesson shows).
    case starter
    /// The reference solutions (`swift solution id=ID`); an exercise without a solution keeps its starter code.
    case solution
    /// A student's code per exercise id; exercises not in the dictionary keep their starter code.
    case submission([String: ExerciseCode])

    /// A short stable description for cache keys.
    var cacheDescription: String {
        switch self {
        case .starter: return "starter"
        case .solution: return "solution"
        case .submission(let codes):
            return "submission:" + codes.keys.sorted().map { "\($0)=\(codes[$0]!.code.utf8.count):\(codes[$0]!.code)" }
                .joined(separator: "\u{0}")
        }
    }
}

/// Code that replaces an exercise's starter code, with where it was written (for error messages).
///
///     ExerciseCode(code: "func relu(_ x: Float) -> Float { max(0, x) }\n", file: "workbook/02-relu.md", line: 31)
public struct ExerciseCode: Equatable, Hashable, Sendable {
    public var code: String
    /// The file shown in compile errors and traps (`#sourceLocation(file:)`).
    public var file: String
    /// The line of the code's first line in `file`.
    public var line: Int

    public init(code: String, file: String, line: Int) {
        self.code = code
        self.file = file
        self.line = line
    }
}
