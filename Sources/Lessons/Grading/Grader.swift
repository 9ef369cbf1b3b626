import CourseWire
import Foundation

/// The grading engine behind `course check` (a student's workbook) and the test suite (every lesson's solutions
/// pass, its starters fail). It is the lesson pipeline run twice: once with the reference solutions — trusted,
/// cached like any lesson run — whose check calls give the expected values and tolerances, and once with the
/// student's code in a sandbox, whose check calls give only the values their code produced. The verdicts are
/// decided here, outside the process that ran the student's code.
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

    var runner: LessonRunner {
        get throws { try LessonRunner(environment: environment, toolchain: toolchain) }
    }

    /// Grades the workbook at `url` against `lesson`: every exercise gets a report line and its points.
    public func grade(lesson: Lesson, workbook url: URL, displayPath: String) throws -> GradeReport {
        let exercises = Exercise.all(in: lesson)
        guard !exercises.isEmpty else { throw GradingError.noExercises(lesson: lesson.displayPath) }
        let submission = try Submission(workbook: url, displayPath: displayPath, exercises: exercises)
        return try grade(lesson: lesson, submission: submission)
    }

    /// Grades a submission already read. `reference`: the lesson's reference run, when the caller has it already
    /// (a class is graded against one reference run per lesson).
    public func grade(lesson: Lesson, submission: Submission, reference: LessonResult? = nil) throws -> GradeReport {
        let exercises = Exercise.all(in: lesson)
        var refused = submission.problems
        var codes: [String: CodeSnippet] = [:]
        for exercise in exercises where refused[exercise.id] == nil {
            guard let code = submission.codes[exercise.id] else { continue }
            if let problem = SubmissionScreen.problem(in: code, exercise: exercise) {
                refused[exercise.id] = .refused(problem)
            } else {
                codes[exercise.id] = code
            }
        }
        let reference = try reference ?? referenceRun(lesson)
        var notes: [String] = []
        var result: LessonResult?
        if !codes.isEmpty {
            result = try sandboxedRun(lesson, codes: codes, exercises: exercises, notes: &notes)
        }
        if !submission.unknownIDs.isEmpty {
            notes.append("the workbook has exercise blocks the lesson does not know (ignored): "
                         + submission.unknownIDs.joined(separator: ", "))
        }
        let reports = exercises.map { exercise in
            ExerciseReport(exercise: exercise, lesson: lesson, problem: refused[exercise.id],
                           result: result, reference: reference, timeLimit: limits.timeLimit)
        }
        return GradeReport(lesson: lesson.displayPath, submission: submission.path, exercises: reports, notes: notes)
    }

    /// The lesson with its reference solutions: what the checks expect. Trusted code, run and cached like
    /// `course run` (it may train and memoize).
    func referenceRun(_ lesson: Lesson) throws -> LessonResult {
        let result = try runner.run(lesson, exercises: .solution, options: RunOptions(dataKey: limits.dataKey))
        if let broken = result.cells.first(where: { $0.status == .failed && !lesson.cells[$0.index].kind.isExercisePart }),
           let error = broken.error {
            throw GradingError.lessonBroken(lesson: lesson.displayPath,
                                            detail: "\(lesson.displayPath):\(error.line(in: lesson.cells[broken.index]) ?? lesson.cells[broken.index].fenceLine): \(error.message)")
        }
        return result
    }

    /// The student's code in the sandbox: never cached, memo read-only, a time limit per exercise, limits for the
    /// whole process tree; the sandbox and its work folder are removed whatever happens.
    private func sandboxedRun(_ lesson: Lesson, codes: [String: CodeSnippet], exercises: [Exercise],
                              notes: inout [String]) throws -> LessonResult {
        Sandbox.removeLeftovers()   // of a `course` killed the hard way
        guard Sandbox.bubblewrap != nil else { throw GradingError.sandboxUnavailable("bubblewrap (bwrap) is not installed") }
        let memo = environment.cacheDirectory.appendingPathComponent("memo", isDirectory: true)
        let launcher = SandboxLauncher(policy: SandboxLauncher.policy(limits: limits, library: environment.library,
                                                                      memo: memo, datasets: DatasetsFolder.datasetsFolder()))
        defer { launcher.remove() }
        let inside = URL(fileURLWithPath: SandboxPolicy.workFolderInside, isDirectory: true)
        let options = RunOptions(useCache: false, timeout: limits.lessonTimeLimit, isolatedTimeLimit: limits.timeLimit,
                                 compileTimeLimit: limits.compileTimeLimit, memoryLimitMB: limits.memoryLimitMB,
                                 dataKey: limits.dataKey, launcher: launcher,
                                 outputsDirectory: inside.appendingPathComponent("outputs", isDirectory: true),
                                 workingDirectory: inside, memoReadOnly: true,
                                 pins: Dictionary(uniqueKeysWithValues: exercises.map {
                                     ($0.id, ExercisePins.statements(forStarter: $0.starter.code)) }))
        let result = try runner.run(lesson, exercises: .submission(codes), options: options)
        if !launcher.limitsWholeTree {
            notes.append("no cgroups here: the memory and process limits hold per process, not for the whole tree")
        }
        if launcher.outOfMemoryKills > 0 {
            notes.append("the code used more than the memory limit of \(limits.memoryLimitMB) MiB and was stopped")
        }
        // The lesson's own cells ran in the sandbox too: if one failed there, the exercises after it never ran.
        for cell in result.cells where cell.status == .failed && !lesson.cells[cell.index].kind.isExercisePart {
            let error = cell.error.map { ReportText.visible(String($0.message.prefix(500))) } ?? "failed"
            notes.append("the lesson's own cell at \(lesson.displayPath):\(lesson.cells[cell.index].fenceLine) failed in "
                         + "the grading sandbox: \(error)")
        }
        return result
    }

    /// Runs every exercise of `lesson` with its reference solution and with its starter code, so that a test can
    /// demand that solutions pass and starters fail — judged exactly as a student's workbook is.
    public func validate(lesson: Lesson) throws -> LessonValidation {
        let exercises = Exercise.all(in: lesson)
        let reference = try referenceRun(lesson)
        let starter = try runner.run(lesson, exercises: .starter, options: RunOptions(dataKey: limits.dataKey))
        func report(_ name: String, _ result: LessonResult, solution: Bool) -> GradeReport {
            GradeReport(lesson: lesson.displayPath, submission: name, exercises: exercises.map {
                ExerciseReport(exercise: $0, lesson: lesson, problem: nil, result: result, reference: reference,
                               timeLimit: limits.timeLimit, expectingStarter: !solution)
            })
        }
        return LessonValidation(lesson: lesson.displayPath, exercises: exercises,
                                solution: report("solution", reference, solution: true),
                                starter: report("starter", starter, solution: false))
    }
}

extension CellKind {
    /// An exercise or one of its checks (cells that run in an exercise's isolated scope).
    var isExercisePart: Bool {
        switch self {
        case .exercise, .check, .solution: return true
        default: return false
        }
    }
}
