import Foundation

/// Joins the output folders of `course grade --shard I/N` runs into one: every record, its text report, and the
/// gradebook of them all — the same bytes a single unsharded run writes, because both are made from the records
/// alone. Each folder gives the rows of its own gradebook (`rows.json`), not older records left in it. A student
/// and lesson graded by two shards must have the same record (same key and grade).
///
///     let merged = try GradebookMerge.merge([shard1, shard2], into: ClassOutput(folder: out))
///     merged.count   // records
public enum GradebookMerge {
    @discardableResult
    public static func merge(_ folders: [URL], into output: ClassOutput) throws -> [ClassRecord] {
        try output.checkOwned()
        var byRow: [String: ClassRecord] = [:]
        for folder in folders {
            let records = try ClassOutput(folder: folder).gradebookRecords()
            guard !records.isEmpty else { throw ClassGradingError.nothingToMerge(folder.path) }
            for record in records {
                let row = record.student + "\u{0}" + record.lesson
                if let other = byRow[row], other != record {
                    throw ClassGradingError.conflictingShards(student: record.student, lesson: record.lesson)
                }
                byRow[row] = record
            }
        }
        let records = Gradebook.sorted(Array(byRow.values))
        for record in records { try output.write(record) }
        try output.writeGradebook(records)
        return records
    }
}
