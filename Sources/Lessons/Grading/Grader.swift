import Foundation

/// The one grading engine behind `course check` (a student's workbook), the test suite (every lesson's solutions
/// pass, its starters fail) and the site (which shows the exercises and their points).
///
///     let grader = try Grader.discover(limits: GradingLimits(timeLimit: 10))
///     let report = try grader.grade(lesson: lesson, workbook: url, displayPath: "work/02-functions.exercises.md")
///     print(report)          // or JSONEncoder().encode(report) for a learning-management system
public struct Grader: Sendable {
    public var environment: CourseEnvironment
    public var toolchain: Toolchain
    public var limits: GradingLimits

    public init(environment: CourseEnvironment, toolchain: Toolchain, limits: GradingLimits = GradingLimits()) {
        self.environment = environment
        self.toolchain = toolchain
        self.limits = limits
    }

    /// Finds the package, the built CourseKit library and swiftc (see `CourseEnvironment.locate`).
    public static func discover(from start: URL? = nil, limits: GradingLimits = GradingLimits()) throws -> Grader {
        let environment = try CourseEnvironment.locate(from: start)
        let toolchain = try Toolchain.find(cacheDirectory: environment.cacheDirectory)
        return Grader(environment: environment, toolchain: toolchain, limits: limits)
    }

    /// Grades the workbook at `url` against `lesson`: every exercise gets a report line and its points.
    public func grade(lesson: Lesson, workbook url: URL, displayPath: String) throws -> GradeReport {
        let exercises = Exercise.all(in: lesson)
        guard !exercises.isEmpty else { throw GradingError.noExercises(lesson: lesson.displayPath) }
        let submission = try Submission(workbook: url, displayPath: displayPath, exercises: exercises)
        return try grade(lesson: lesson, submission: submission)
    }

    /// Grades a submission already read.
    public func grade(lesson: Lesson, submission: Submission) throws -> GradeReport {
        let exercises = Exercise.all(in: lesson)
        var attempts: [GradingProgram.Attempt] = []
        var refused: [String: String] = [:]
        for exercise in exercises {
            let key = GradingEvents.key(exercise.id, "submission")
            let code = submission.codes[exercise.id] ?? exercise.starter
            attempts.append(GradingProgram.Attempt(exercise: exercise.id, name: "submission", code: code))
            if let problem = submission.problems[exercise.id] {
                refused[key] = problem
            } else if let problem = SubmissionScreen.problem(in: code.code, exercise: exercise) {
                refused[key] = "your code " + problem
            }
        }
        let run = try GradingRun(environment: environment, toolchain: toolchain, limits: limits)
            .run(lesson: lesson, exercises: exercises, attempts: attempts, refused: refused)
        var notes = run.notes
        if !submission.unknownIDs.isEmpty {
            notes.append("the workbook has exercise blocks the lesson does not know (ignored): "
                         + submission.unknownIDs.joined(separator: ", "))
        }
        let reports = exercises.compactMap { run.reports[GradingEvents.key($0.id, "submission")] }
        return GradeReport(lesson: lesson.displayPath, submission: submission.path, exercises: reports, notes: notes)
    }

    /// Runs every exercise of `lesson` twice in one program — with its reference solution and with its starter
    /// code — so that a test can demand that solutions pass and starters fail.
    public func validate(lesson: Lesson) throws -> LessonValidation {
        let exercises = Exercise.all(in: lesson)
        var attempts: [GradingProgram.Attempt] = []
        for exercise in exercises {
            if let solution = exercise.solution {
                attempts.append(GradingProgram.Attempt(exercise: exercise.id, name: "solution", code: solution))
            }
            attempts.append(GradingProgram.Attempt(exercise: exercise.id, name: "starter", code: exercise.starter))
        }
        // Only the lesson's own code runs here, so it runs as the invoking user: weights it memoizes (a lesson
        // that trains) are stored for `course run`, `course build` and the next validation.
        let run = try GradingRun(environment: environment, toolchain: toolchain, limits: limits, trusted: true)
            .run(lesson: lesson, exercises: exercises, attempts: attempts, refused: [:])
        func report(_ name: String) -> GradeReport {
            GradeReport(lesson: lesson.displayPath, submission: name,
                        exercises: exercises.compactMap { run.reports[GradingEvents.key($0.id, name)] },
                        notes: run.notes)
        }
        return LessonValidation(lesson: lesson.displayPath, exercises: exercises,
                                solution: report("solution"), starter: report("starter"))
    }
}

/// What `Grader.validate` found: the solution run and the starter run, and every way the lesson breaks the rule
/// "each reference solution passes all its checks; each starter fails at least one".
public struct LessonValidation: Sendable {
    public var lesson: String
    public var exercises: [Exercise]
    public var solution: GradeReport
    public var starter: GradeReport

    /// One line per broken rule, naming the lesson, the exercise and the check. Empty when the lesson is sound.
    public var failures: [String] {
        var lines: [String] = []
        for exercise in exercises {
            let place = "\(lesson): exercise '\(exercise.id)'"
            if exercise.solution == nil {
                lines.append("\(place) has no ```swift solution id=\(exercise.id) block")
            } else if let report = solution[exercise.id] {
                if let problem = report.problem {
                    lines.append("\(place): the reference solution fails: \(problem)")
                }
                for check in report.checks where !check.passed {
                    let message = check.hidden ? "(hidden)" : check.message
                    lines.append("\(place): the reference solution fails \(check.name) at "
                                 + "\(exercise.checks[check.number - 1].code.file):\(exercise.checks[check.number - 1].code.line - 1): \(message)")
                }
            }
            if exercise.checks.isEmpty {
                lines.append("\(place) has no checks")
            } else if let report = starter[exercise.id], let problem = report.problem,
                      problem.hasPrefix("does not compile") || problem.hasPrefix("the checks cannot use your code")
                        || problem.hasPrefix("does not compile together") {
                lines.append("\(place): the starter code \(problem.hasPrefix("does not compile:") ? problem : "does not compile with the checks: " + problem) "
                             + "— a student's workbook must compile; let the starter return a wrong value or call "
                             + "fatalError(\"write this\")")
            } else if let report = starter[exercise.id], report.passed {
                lines.append("\(place): the starter code passes every check, so the checks assert nothing "
                             + "(the starter must fail at least one)")
            }
        }
        return lines
    }
}
