/// Which code fills the exercises when a lesson program is generated.
///
///     LessonPlan(lesson: lesson, exercises: .starter)    // course run, the site
///     LessonPlan(lesson: lesson, exercises: .solution)   // the reference run: expected values, validation
///     LessonPlan(lesson: lesson, exercises: .submission(["xor": CodeSnippet(code: text, file: "wb/02.md", line: 14)]))
public enum ExerciseSource: Equatable, Hashable, Sendable {
    /// The starter code of each exercise (what the lesson shows).
    case starter
    /// The reference solutions (`swift solution id=ID`); an exercise without a solution keeps its starter code.
    case solution
    /// A student's code per exercise id; exercises not in the dictionary are not run.
    case submission([String: CodeSnippet])

    /// `fails` cells show a failure to the reader; only the lesson as shown runs them.
    var runsFailsCells: Bool { self == .starter }

    /// A short stable description for cache keys.
    var cacheDescription: String {
        switch self {
        case .starter: return "starter"
        case .solution: return "solution"
        case .submission(let codes):
            return "submission:" + codes.keys.sorted().map {
                let snippet = codes[$0]!
                return "\($0)=\(snippet.file):\(snippet.line):\(snippet.code.utf8.count):\(snippet.code)"
            }.joined(separator: "\u{0}")
        }
    }
}
