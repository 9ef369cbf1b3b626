import Foundation

/// The folder `course grade --out DIR` writes:
///
///     DIR/gradebook.csv                      one row per student and lesson (see ``Gradebook``)
///     DIR/reports/alice/02-pooling.json      the record: key, status, the full report (``ClassRecord``)
///     DIR/reports/alice/02-pooling.txt       the report as the student reads it
///
/// Every file is written atomically (a temporary file renamed), so an interrupted run leaves whole records only.
/// Everything is a function of the records: a merge of shards writes the same bytes as one run.
public struct ClassOutput: Sendable {
    public var folder: URL

    public init(folder: URL) { self.folder = folder }

    public var gradebook: URL { folder.appendingPathComponent("gradebook.csv") }
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

    /// Writes the record and its text report, each atomically.
    public func write(_ record: ClassRecord) throws {
        let json = recordFile(student: record.student, lesson: record.lesson)
        try ClassOutput.write(try record.encoded(), to: json)
        try ClassOutput.write(Data(record.text.utf8), to: json.deletingPathExtension().appendingPathExtension("txt"))
    }

    /// Writes the gradebook of `records`.
    public func writeGradebook(_ records: [ClassRecord]) throws {
        try ClassOutput.write(Data(Gradebook(records: records).csv.utf8), to: gradebook)
    }

    /// Every record under `reports/`, in gradebook order.
    public func allRecords() throws -> [ClassRecord] {
        let fm = FileManager.default
        guard let students = try? fm.contentsOfDirectory(atPath: reports.path) else { return [] }
        var records: [ClassRecord] = []
        for student in students.sorted() where !student.hasPrefix(".") {
            let folder = reports.appendingPathComponent(student, isDirectory: true)
            for name in ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where name.hasSuffix(".json") {
                records.append(try ClassRecord.read(from: folder.appendingPathComponent(name)))
            }
        }
        return Gradebook.sorted(records)
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
