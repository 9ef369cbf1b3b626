import Foundation

/// The report as a student reads it in the terminal.
///
///     ✓ relu        2/2  all 2 checks passed
///     ✗ softmax     0/3  check 1 (lessons/02-functions.md:58): expected shape [3], got shape [2]
///     points: 2/5
extension GradeReport: CustomStringConvertible {
    public var description: String {
        var lines: [String] = ["\(submission) — \(lesson)"]
        let width = max(8, exercises.map(\.id.count).max() ?? 8)
        for exercise in exercises {
            let mark = exercise.passed ? "✓" : "✗"
            let score = "\(exercise.pointsEarned)/\(exercise.pointsPossible)"
            let id = exercise.id.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("\(mark) \(id)  \(score.padding(toLength: 5, withPad: " ", startingAt: 0))  \(exercise.summary)")
            for check in exercise.checks where !(exercise.passed) {
                let place = check.location.map { " (\($0))" } ?? ""
                let text = check.message.replacingOccurrences(of: "\n", with: "\n      ")
                lines.append("    \(check.passed ? "✓" : "✗") \(check.name)\(place): \(text)")
            }
            if let output = exercise.output, !output.isEmpty, !exercise.passed {
                lines.append("    its last output:")
                for line in output.split(separator: "\n", omittingEmptySubsequences: false).suffix(12) {
                    lines.append("      | \(line)")
                }
            }
        }
        for note in notes { lines.append("note: \(note)") }
        lines.append("points: \(pointsEarned)/\(pointsPossible)")
        return lines.joined(separator: "\n")
    }
}

extension ExerciseReport {
    /// One line: what went wrong, or that all checks passed.
    public var summary: String {
        if let problem { return problem.description }
        if passed { return "all \(checks.count) check\(checks.count == 1 ? "" : "s") passed" }
        if checks.isEmpty { return "no checks ran" }
        let failed = checks.filter { !$0.passed }.count
        return "\(failed) of \(checks.count) check\(checks.count == 1 ? "" : "s") failed"
    }
}
