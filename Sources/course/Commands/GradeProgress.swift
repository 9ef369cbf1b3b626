import Foundation
import Lessons

/// What `course grade` shows on stderr while it works: on a terminal one bar redrawn in place, elsewhere (a CI
/// log) one line per workbook; and the summary at the end on stdout.
///
///     [##########----------]  30/60  alice  7/7 graded  · 9.4/min · 2 jobs
final class GradeProgress: @unchecked Sendable {
    private let jobs: Int
    private let terminal: Bool
    private let lock = NSLock()
    private var start = Date()
    private var gradedNow = 0
    private var drawn = false

    init(jobs: Int, terminal: Bool) {
        self.jobs = jobs
        self.terminal = terminal
    }

    func show(_ event: ClassGrader.Event) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .planned(let total, let unchanged):
            start = Date()
            let toGrade = total - unchanged
            say("\(total) workbook\(total == 1 ? "" : "s"): \(toGrade) to grade, \(unchanged) unchanged since the last run\n")
        case .reference(let lesson):
            say("reference solutions of \(lesson)…\n")
        case .finished(let record, let unchanged, let done, let total, let seconds):
            if !unchanged { gradedNow += 1 }
            let minutes = Date().timeIntervalSince(start) / 60
            let rate = gradedNow > 0 && minutes > 0 ? String(format: " · %.1f/min", Double(gradedNow) / minutes) : ""
            let score = record.report.map { "\($0.pointsEarned)/\($0.pointsPossible) " } ?? ""
            let what = "\(record.student)  \(score)\(record.status)"
            if terminal {
                let width = 20, filled = total > 0 ? width * done / total : width
                let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
                let line = "[\(bar)] \(done)/\(total)  \(what.prefix(50))\(rate) · \(jobs) job\(jobs == 1 ? "" : "s")"
                say("\r\u{1B}[2K" + GradeProgress.printable(line))
                drawn = true
            } else if !unchanged {
                say("[\(done)/\(total)] \(GradeProgress.printable(what)) (\(String(format: "%.1f", seconds)) s)\n")
            }
        }
    }

    /// Ends the bar's line.
    func end() {
        lock.lock()
        if drawn { say("\n") }
        lock.unlock()
    }

    /// A student's folder name may hold escape sequences: only printable characters reach the terminal.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
    }

    private func say(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// The summary: how many, how fast, how they fared, where the files are.
    static func summary(_ summary: ClassGrader.Summary, jobs: Int, output: ClassOutput) -> String {
        let records = summary.records
        let minutes = summary.seconds / 60
        var text = "graded \(summary.graded) of \(records.count) workbooks in \(String(format: "%.1f", summary.seconds)) s"
        if summary.graded > 0 && minutes > 0 {
            text += String(format: " (%.1f per minute, %d job%@)", Double(summary.graded) / minutes, jobs, jobs == 1 ? "" : "s")
        }
        text += "; \(records.count - summary.graded) unchanged\n"
        var byStatus: [String: Int] = [:]
        for record in records { byStatus[record.status.hasPrefix("not graded") ? "not graded" : record.status, default: 0] += 1 }
        text += "  status: " + byStatus.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: " · ") + "\n"
        let reports = records.compactMap(\.report)
        if !reports.isEmpty {
            let earned = reports.reduce(0) { $0 + $1.pointsEarned }, full = reports.filter(\.allPassed).count
            text += String(format: "  points: mean %.1f", Double(earned) / Double(reports.count))
                + " · full marks \(full) of \(reports.count)\n"
        }
        text += "wrote \(output.gradebook.path) and \(records.count) report\(records.count == 1 ? "" : "s") in "
            + "\(output.folder.appendingPathComponent("reports").path)/\n"
        return text
    }
}
