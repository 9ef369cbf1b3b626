import CourseWire

/// Turning one run of the lesson pipeline into the report line of an exercise: its problem, if any, and each
/// check's verdict — the run's check values judged against the reference run's.
extension ExerciseReport {
    /// `problem`: a reason known before running (missing, refused). `result`: the run of the code under test (nil
    /// when it never ran). `reference`: the run of the reference solutions (expected values, tolerances).
    init(exercise: Exercise, lesson: Lesson, problem: ExerciseProblem?, result: LessonResult?,
         reference: LessonResult, timeLimit: Double, expectingStarter: Bool = false) {
        let cells = lesson.cells
        let exerciseCell = cells.first { if case .exercise(exercise.id, _) = $0.kind { return true }; return false }
        let checkCells = cells.filter { if case .check(exercise.id, _) = $0.kind { return true }; return false }
        var problem = problem
        var output: String?
        if problem == nil {
            if let result, let exerciseCell {
                let group = [exerciseCell.index] + checkCells.map(\.index)
                problem = ExerciseReport.problem(in: group, of: result, lesson: lesson, timeLimit: timeLimit)
                if problem != nil {
                    // What the code printed (stdout, stderr, the crash message) — never during a hidden check.
                    let shown = group.filter { cells[$0].kind != .check(id: exercise.id, hidden: true) }
                    let text = shown.flatMap { result.cells[$0].outputs }.map { output -> String in
                        switch output {
                        case .text(let text), .stderr(let text): return text
                        case .error(let error) where error.kind != .compile: return error.message + "\n"
                        default: return ""
                        }
                    }.joined()
                    output = text.isEmpty ? nil : ReportText.visible(String(text.suffix(3000)))
                }
            } else {
                problem = .notRun("the lesson program did not reach this exercise")
            }
        }
        var verdicts: [CheckVerdict] = []
        for (check, cell) in zip(exercise.checks, checkCells) {
            let location = check.hidden ? nil : "\(check.code.file):\(max(1, check.code.line - 1))"
            var (passed, message) = ExerciseReport.verdict(
                got: result?.cells[cell.index].checks.compactMap(\.call) ?? [],
                expected: reference.cells[cell.index].checks.compactMap(\.call),
                ran: result.map { $0.cells[cell.index].status != .notRun } ?? false)
            if check.hidden { message = passed ? "passed" : "failed (the details of hidden checks are not shown)" }
            verdicts.append(CheckVerdict(number: check.number, hidden: check.hidden, passed: passed,
                                         message: ReportText.visible(message), location: location))
        }
        self.init(id: exercise.id, pointsPossible: exercise.points, problem: problem, checks: verdicts, output: output)
    }

    /// A check cell's verdict: every call it made, judged against the same call of the reference run; a call
    /// that never came (a crash, an exit, a time-out) fails.
    static func verdict(got: [CheckCall], expected: [CheckCall], ran: Bool) -> (Bool, String) {
        guard !expected.isEmpty else { return (false, "the reference solution gave this check nothing to compare") }
        if got.isEmpty { return (false, ran ? "did not finish (it crashed, threw, or ran out of time)" : "did not run") }
        var messages: [String] = []
        for (index, reference) in expected.enumerated() {
            guard index < got.count else { return (false, "did not finish (it crashed, threw, or ran out of time)") }
            let (passed, message) = CheckJudge.judge(got[index], against: reference)
            if !passed { return (false, message) }
            if !message.isEmpty { messages.append(message) }
        }
        if got.count > expected.count { return (false, "made more check calls than the lesson's own checks") }
        return (true, messages.isEmpty ? "passed" : messages.joined(separator: "; "))
    }

    /// What stopped the exercise's scope, from the errors its cells show.
    static func problem(in group: [Int], of result: LessonResult, lesson: Lesson, timeLimit: Double) -> ExerciseProblem? {
        let cells = lesson.cells
        for index in group {
            for case .error(let error) in result.cells[index].outputs {
                let cell = cells[index]
                if case .check(_, hidden: true) = cell.kind, error.kind != .compile {
                    // Nothing of a hidden check reaches the report: not its inputs, not its crash message.
                    return error.kind == .timeout ? .timeLimit(seconds: timeLimit) : .crashed("in a hidden check")
                }
                switch error.kind {
                case .compile:
                    if case .check(_, let hidden) = cell.kind {
                        return .checksCannotUse(location: hidden ? nil : error.location ?? lesson.displayPath,
                                                message: error.message)
                    }
                    return .doesNotCompile(location: error.location ?? lesson.displayPath, message: error.message)
                case .timeout: return .timeLimit(seconds: timeLimit)
                case .trap: return .crashed(error.message)
                case .thrown: return .threw(error.message)
                case .exit: return .endedEarly
                case .unexpectedSuccess: continue
                }
            }
        }
        if result.cells[group[0]].status == .notRun {
            return .notRun("the lesson program stopped before this exercise")
        }
        // The scope ended normally, yet a check never started: the code called exit().
        if group.dropFirst().contains(where: { result.cells[$0].status == .notRun }) { return .endedEarly }
        return nil
    }
}
