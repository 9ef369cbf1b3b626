import Foundation

/// A ``GradeReport`` in the form Gradescope's autograder harness reads from `/autograder/results/results.json`
/// (https://gradescope-autograders.readthedocs.io/en/latest/specs/): the total `score`, and `tests[]`.
///
/// Points stay all or nothing per exercise, as in `course check`: each exercise is one test carrying its points
/// (`visible`: the student sees at once which exercises earned them, as `course check` shows), followed by one
/// test per check with `max_score` 0 — a public check `visible` with its expected-vs-got message, a hidden check
/// `after_published` with only passed or failed. Nothing of a hidden check's code or values is in the file.
///
///     let results = GradescopeResults(report: report)
///     results.score           // 5
///     results.tests[0].name   // "pooled-size (2 points)"
public struct GradescopeResults: Codable, Equatable, Sendable {
    public struct Test: Codable, Equatable, Sendable {
        public var name: String
        public var score: Double
        public var maxScore: Double
        /// `passed` or `failed` (Gradescope colours the test by it).
        public var status: String
        /// `visible`, or `after_published` for a hidden check.
        public var visibility: String
        public var output: String

        enum CodingKeys: String, CodingKey {
            case name, score, status, visibility, output
            case maxScore = "max_score"
        }
    }

    public var score: Double
    /// About the whole submission: which workbook was graded, the notes of the run.
    public var output: String
    public var tests: [Test]

    public init(score: Double, output: String, tests: [Test]) {
        self.score = score
        self.output = output
        self.tests = tests
    }

    public init(report: GradeReport) {
        var tests: [Test] = []
        for exercise in report.exercises {
            var lines = [exercise.summary]
            if let output = exercise.output, !output.isEmpty, !exercise.passed {
                lines.append("Its last output:\n" + output.split(separator: "\n", omittingEmptySubsequences: false)
                    .suffix(12).joined(separator: "\n"))
            }
            tests.append(Test(name: "\(exercise.id) (\(exercise.pointsPossible) point\(exercise.pointsPossible == 1 ? "" : "s"))",
                              score: Double(exercise.pointsEarned), maxScore: Double(exercise.pointsPossible),
                              status: exercise.passed ? "passed" : "failed", visibility: "visible",
                              output: lines.joined(separator: "\n")))
            for check in exercise.checks {
                let place = check.location.map { " (\($0))" } ?? ""
                tests.append(Test(name: "\(exercise.id): \(check.name)", score: 0, maxScore: 0,
                                  status: check.passed ? "passed" : "failed",
                                  visibility: check.hidden ? "after_published" : "visible",
                                  output: check.hidden ? (check.passed ? "passed" : "failed")
                                      : check.message + place))
            }
        }
        var output = "\(report.submission) graded against \(report.lesson): \(report.pointsEarned) of "
            + "\(report.pointsPossible) points."
        for note in report.notes { output += "\nnote: \(note)" }
        self.init(score: Double(report.pointsEarned), output: output, tests: tests)
    }

    /// A submission that could not be graded at all: score 0 and why, in words for the student.
    public init(problem: String) {
        self.init(score: 0, output: problem, tests: [])
    }

    /// The JSON Gradescope reads.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
