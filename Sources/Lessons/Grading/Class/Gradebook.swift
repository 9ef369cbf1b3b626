/// The class's grades as CSV (RFC 4180: comma-separated, CRLF line ends, a field with a comma, a quote or a line
/// break quoted, quotes doubled) for a spreadsheet or a learning-management system:
///
///     student,lesson,pooled-size,average-pool,argmax-positions,total,possible,status
///     alice,02-pooling,2,3,2,7,7,graded
///     bob,02-pooling,0,0,0,0,7,compile error
///
/// One column per exercise (its points earned; empty when the lesson has no such exercise or the workbook could
/// not be graded), rows sorted by student then lesson. The same records give the same bytes.
public struct Gradebook: Sendable {
    public var records: [ClassRecord]

    public init(records: [ClassRecord]) { self.records = Gradebook.sorted(records) }

    /// Sorted by student, then lesson (byte order of their UTF-8: the same on every machine and locale).
    static func sorted(_ records: [ClassRecord]) -> [ClassRecord] {
        records.sorted { a, b in
            a.student != b.student ? before(a.student, b.student) : before(a.lesson, b.lesson)
        }
    }

    static func before(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

    /// The exercise columns: every lesson's exercises, lessons in name order; an id two lessons share is
    /// written `LESSON/id`.
    var columns: [(lesson: String, id: String, title: String)] {
        var lessons: [String: [ClassRecord.Column]] = [:]
        for record in records where lessons[record.lesson] == nil { lessons[record.lesson] = record.exercises }
        let names = lessons.keys.sorted(by: Gradebook.before)
        var count: [String: Int] = [:]
        for name in names { for column in lessons[name]! { count[column.id, default: 0] += 1 } }
        return names.flatMap { name in
            lessons[name]!.map { (name, $0.id, count[$0.id]! > 1 ? name + "/" + $0.id : $0.id) }
        }
    }

    public var csv: String {
        let columns = self.columns
        var rows = [["student", "lesson"] + columns.map(\.title) + ["total", "possible", "status"]]
        for record in records {
            var row = [Gradebook.spreadsheetSafe(record.student), Gradebook.spreadsheetSafe(record.lesson)]
            for column in columns {
                if column.lesson == record.lesson, let exercise = record.report?[column.id] {
                    row.append(String(exercise.pointsEarned))
                } else {
                    row.append("")
                }
            }
            row.append(record.report.map { String($0.pointsEarned) } ?? "")
            row.append(String(record.exercises.reduce(0) { $0 + $1.points }))
            row.append(record.status)
            rows.append(row)
        }
        return rows.map { $0.map(Gradebook.field).joined(separator: ",") + "\r\n" }.joined()
    }

    /// One field, quoted when RFC 4180 requires it.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A student id that a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+1`, `@SUM`) gets a leading `'`.
    static func spreadsheetSafe(_ text: String) -> String {
        guard let first = text.first, "=+-@\t\r".contains(first) else { return text }
        return "'" + text
    }
}
