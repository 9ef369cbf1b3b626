/// The grade of one run: every exercise of a lesson with its points and the verdict of each check.
/// The same value is printed for a student (`description`) and written as JSON for a learning-management system
/// (`Codable`; `course check --json`).
///
///     let report = try Grader(toolchain: .discover()).grade(lesson: lesson, workbook: url)
///     print(report)   // ✓ relu  2/2 points …
public struct GradeReport: Codable, Equatable, Sendable {
    /// The lesson's path (`lessons/02-functions.md`).
    public var lesson: String
    /// The graded workbook's path, or `starter` / `solution` when validating a lesson.
    public var submission: String
    public var exercises: [ExerciseReport]
    /// Things that concern the whole run (e.g. how the code was isolated, or a write outside the work folder).
    public var notes: [String]

    public init(lesson: String, submission: String, exercises: [ExerciseReport], notes: [String] = []) {
        self.lesson = lesson
        self.submission = submission
        self.exercises = exercises
        self.notes = notes
    }

    public var pointsEarned: Int { exercises.reduce(0) { $0 + $1.pointsEarned } }
    public var pointsPossible: Int { exercises.reduce(0) { $0 + $1.pointsPossible } }
    /// Whether every exercise passed (the class summary counts these students).
    public var allPassed: Bool { exercises.allSatisfy(\.passed) }

    /// The report of exercise `id`.
    public subscript(id: String) -> ExerciseReport? { exercises.first { $0.id == id } }

    enum CodingKeys: String, CodingKey { case lesson, submission, exercises, notes, pointsEarned, pointsPossible }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(lesson, forKey: .lesson)
        try container.encode(submission, forKey: .submission)
        try container.encode(pointsEarned, forKey: .pointsEarned)
        try container.encode(pointsPossible, forKey: .pointsPossible)
        try container.encode(exercises, forKey: .exercises)
        try container.encode(notes, forKey: .notes)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        lesson = try container.decode(String.self, forKey: .lesson)
        submission = try container.decode(String.self, forKey: .submission)
        exercises = try container.decode([ExerciseReport].self, forKey: .exercises)
        notes = try container.decode([String].self, forKey: .notes)
    }
}

/// How one exercise fared: points, and the checks' verdicts (hidden ones with a generic message only).
public struct ExerciseReport: Codable, Equatable, Sendable {
    public var id: String
    public var pointsPossible: Int
    /// Why the checks could not run at all (missing in the workbook, compile error, crash, time limit), if so.
    public var problem: ExerciseProblem?
    public var checks: [CheckVerdict]
    /// The end of what the exercise printed, shown when it crashed or ran out of time.
    public var output: String?

    public init(id: String, pointsPossible: Int, problem: ExerciseProblem? = nil, checks: [CheckVerdict], output: String? = nil) {
        self.id = id
        self.pointsPossible = pointsPossible
        self.problem = problem
        self.checks = checks
        self.output = output
    }

    /// All or nothing: every check passed and nothing went wrong.
    public var passed: Bool { problem == nil && !checks.isEmpty && checks.allSatisfy(\.passed) }
    public var pointsEarned: Int { passed ? pointsPossible : 0 }

    enum CodingKeys: String, CodingKey { case id, passed, pointsEarned, pointsPossible, problem, checks, output }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(passed, forKey: .passed)
        try container.encode(pointsEarned, forKey: .pointsEarned)
        try container.encode(pointsPossible, forKey: .pointsPossible)
        try container.encodeIfPresent(problem, forKey: .problem)
        try container.encode(checks, forKey: .checks)
        try container.encodeIfPresent(output, forKey: .output)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        pointsPossible = try container.decode(Int.self, forKey: .pointsPossible)
        problem = try container.decodeIfPresent(ExerciseProblem.self, forKey: .problem)
        checks = try container.decode([CheckVerdict].self, forKey: .checks)
        output = try container.decodeIfPresent(String.self, forKey: .output)
    }
}

/// The verdict of one check cell (all the check calls in it).
public struct CheckVerdict: Codable, Equatable, Sendable {
    /// 1-based among the exercise's checks.
    public var number: Int
    public var hidden: Bool
    public var passed: Bool
    /// Expected vs got for a public check; a generic sentence for a hidden one.
    public var message: String
    /// Where the check is in the lesson (public checks only).
    public var location: String?

    public init(number: Int, hidden: Bool, passed: Bool, message: String, location: String? = nil) {
        self.number = number
        self.hidden = hidden
        self.passed = passed
        self.message = message
        self.location = location
    }

    /// "check 2" or "hidden check 3".
    public var name: String { (hidden ? "hidden check " : "check ") + String(number) }
}
