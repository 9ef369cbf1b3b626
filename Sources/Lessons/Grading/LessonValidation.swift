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
                    let code = exercise.checks[check.number - 1].code
                    let message = check.hidden ? "(hidden)" : check.message
                    lines.append("\(place): the reference solution fails \(check.name) at \(code.file):\(code.line - 1): \(message)")
                }
            }
            if exercise.checks.isEmpty {
                lines.append("\(place) has no checks")
            } else if let report = starter[exercise.id], let problem = report.problem, problem.isCompileProblem {
                let what: String
                if case .doesNotCompile = problem { what = "\(problem)" } else { what = "does not compile with the checks: \(problem)" }
                lines.append("\(place): the starter code \(what) — a student's workbook must compile; let the starter "
                             + "return a wrong value or call fatalError(\"write this\")")
            } else if let report = starter[exercise.id], report.passed {
                lines.append("\(place): the starter code passes every check, so the checks assert nothing "
                             + "(the starter must fail at least one)")
            }
        }
        return lines
    }
}
