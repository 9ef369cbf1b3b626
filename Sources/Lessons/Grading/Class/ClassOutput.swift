import Foundation

/// The folder `course grade --out DIR` writes:
///
///     DIR/gradebook.csv                      one row per student and lesson (see ``Gradebook``)
///     DIR/rows.json                          the gradebook's rows: [[student, lesson]], what `--merge` joins
///     DIR/reports/alice/02-pooling.json      the record: key, status, the full report (``ClassRecord``)
///     DIR/reports/alice/02-pooling.txt       the report as the student reads it
///
/// Every file is written atomically (a temporary file renamed), so an interrupted run leaves whole records only.
/// Everything is a function of the records: a merge of shards writes the same bytes as one run.
public struct ClassOutput: Sendable {
    public var folder: URL

    public init(folder: URL) { self.folder = folder }

    public var gradebook: URL { folder.appendingPathComponent("gradebook.csv") }
    var rows: URL { folder.appendingPathComponent("rows.json") }
    var reports: URL { folder.appendingPathComponent("reports", isDirectory: true) }

    /// `reports/STUDENT/LESSON.json`.
    func recordFile(student: String, lesson: String) -> URL {
        let safe = ClassSubmission(student: student, lessonName: nil, url: folder, displayPath: "").fileSafeStudent
        return reports.appendingPathComponent(safe, isDirectory: true).appendingPathComponent(lesson + ".json")
    }

    /// The stored record of `student` for `lesson`, if any and readable.
    func storedRecord(student: String, lesson: String) -> ClassRecord? {
        try? ClassRecord.read(from: recordFile(student: student, lesson: lesson))
    }

    /// Refuses a folder that holds anything but what `course grade` writes (and has no `rows.json`, its mark):
    /// `--out ~/Documents` must not overwrite a `gradebook.csv` of the instructor's own. A missing or empty folder,
    /// or one an earlier run wrote, is fine.
    public func checkOwned() throws {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: folder.path), !entries.isEmpty,
              !fm.fileExists(atPath: rows.path) else { return }
        let own: Set<String> = ["gradebook.csv", "reports"]
        let foreign = entries.filter { !own.contains($0) }.sorted()
        let gradebookWithoutMark = entries.contains("gradebook.csv")
        guard foreign.isEmpty && !gradebookWithoutMark else {
            throw ClassGradingError.notAGradesFolder(path: folder.path, files: gradebookWithoutMark
                                                     ? ["gradebook.csv"] + foreign : foreign)
        }
    }

    /// Writes the record and its text report, each atomically.
    public func write(_ record: ClassRecord) throws {
        let json = recordFile(student: record.student, lesson: record.lesson)
        try ClassOutput.write(try record.encoded(), to: json)
        try ClassOutput.write(Data(record.text.utf8), to: json.deletingPathExtension().appendingPathExtension("txt"))
    }

    /// Writes the gradebook of `records`, and the list of its rows.
    public func writeGradebook(_ records: [ClassRecord]) throws {
        let sorted = Gradebook.sorted(records)
        try ClassOutput.write(Data(Gradebook(records: sorted).csv.utf8), to: gradebook)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try ClassOutput.write(try encoder.encode(sorted.map { [$0.student, $0.lesson] }) + Data("\n".utf8), to: rows)
    }

    /// The records of the gradebook's rows (not older records of students no longer graded), in gradebook order.
    public func gradebookRecords() throws -> [ClassRecord] {
        guard let data = try? Data(contentsOf: rows) else { return [] }
        let pairs: [[String]]
        do { pairs = try JSONDecoder().decode([[String]].self, from: data) } catch {
            throw ClassGradingError.unreadableRecord(path: rows.path, reason: String(describing: error))
        }
        return try Gradebook.sorted(pairs.filter { $0.count == 2 }.map {
            try ClassRecord.read(from: recordFile(student: $0[0], lesson: $0[1]))
        })
    }

    /// Writes `data` to `url` through a temporary file in the same folder and a rename.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw ClassGradingError.cannotWrite(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}
