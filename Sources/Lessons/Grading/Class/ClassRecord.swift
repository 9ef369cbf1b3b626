import Foundation

/// The graded result of one student's workbook for one lesson, as stored in `OUT/reports/STUDENT/LESSON.json` the
/// moment it is graded (atomically), so that an interrupted run resumes and an unchanged submission is not graded
/// again (`key`). The gradebook, the text reports and a merge of shards are made from these records alone.
///
///     let record = try ClassRecord.read(from: url)
///     record.status          // "graded", "compile error", "time limit; crashed", "not graded: …"
///     record.report?.pointsEarned
public struct ClassRecord: Codable, Equatable, Sendable {
    /// A lesson's exercise as a gradebook column.
    public struct Column: Codable, Equatable, Hashable, Sendable {
        public var id: String
        public var points: Int

        public init(id: String, points: Int) {
            self.id = id
            self.points = points
        }
    }

    public var student: String
    /// `02-pooling`: the lesson file's name without `.md`.
    public var lesson: String
    /// The workbook as shown to the student (`alice/02-pooling.exercises.md`).
    public var workbook: String
    /// Hash of what decides the grade: the submission's bytes, the lesson's code and checks, the library build,
    /// the compiler, the data, the limits (see ``ClassGrader/key(content:submission:lessonKey:)``).
    public var key: String
    public var exercises: [Column]
    public var status: String
    /// The report (nil when the workbook could not be graded at all).
    public var report: GradeReport?

    public init(student: String, lesson: String, workbook: String, key: String, exercises: [Column], status: String,
                report: GradeReport?) {
        self.student = student
        self.lesson = lesson
        self.workbook = workbook
        self.key = key
        self.exercises = exercises
        self.status = status
        self.report = report
    }

    /// The record of a graded workbook: its status says what went wrong, exercise by exercise.
    init(submission: ClassSubmission, lesson: String, key: String, exercises: [Exercise], report: GradeReport) {
        self.init(student: submission.student, lesson: lesson, workbook: submission.displayPath, key: key,
                  exercises: exercises.map { Column(id: $0.id, points: $0.points) },
                  status: ClassRecord.status(of: report), report: report)
    }

    /// The status column: `graded` when every exercise ran (passed or not), else the kinds of problem, in lesson
    /// order (`compile error; time limit`).
    static func status(of report: GradeReport) -> String {
        var kinds: [String] = []
        for exercise in report.exercises {
            guard let problem = exercise.problem else { continue }
            let kind = problemKind(problem)
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds.isEmpty ? "graded" : kinds.joined(separator: "; ")
    }

    /// One or two words per kind of problem, for a spreadsheet's filter.
    static func problemKind(_ problem: ExerciseProblem) -> String {
        switch problem {
        case .missing: return "missing"
        case .repeated: return "repeated"
        case .refused: return "refused"
        case .doesNotCompile, .checksCannotUse, .compileTooSlow: return "compile error"
        case .timeLimit: return "time limit"
        case .crashed: return "crashed"
        case .threw: return "threw"
        case .endedEarly: return "exited"
        case .notRun: return "not run"
        case .other: return "other"
        }
    }

    /// What the student reads: the report, or why there is none.
    public var text: String {
        if let report { return report.description + "\n" }
        return "\(workbook) — \(lesson)\n\(status)\n"
    }

    /// The JSON of the record (sorted keys: the same record gives the same bytes).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    public static func read(from url: URL) throws -> ClassRecord {
        do {
            return try JSONDecoder().decode(ClassRecord.self, from: Data(contentsOf: url))
        } catch {
            throw ClassGradingError.unreadableRecord(path: url.path, reason: String(describing: error))
        }
    }
}
