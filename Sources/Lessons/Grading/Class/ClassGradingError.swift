/// Why grading a class could not start or finish. (A bad submission is not an error: it is a gradebook row with
/// its status.)
public enum ClassGradingError: Error, Equatable, CustomStringConvertible {
    /// A path given on the command line does not exist.
    case noSuchPath(String)
    /// The same student handed in two workbooks for one lesson.
    case twoSubmissions(student: String, first: String, second: String)
    /// `--shard` is not `I/N` with 1 ≤ I ≤ N.
    case badShard(String)
    /// Two student ids become the same file name.
    case sameFileName(first: String, second: String)
    /// A folder given to `--merge` holds no gradebook records.
    case nothingToMerge(String)
    /// Two shards graded the same student and lesson differently.
    case conflictingShards(student: String, lesson: String)
    /// A record file cannot be read back.
    case unreadableRecord(path: String, reason: String)
    /// The output folder cannot be written.
    case cannotWrite(path: String, reason: String)
    /// No workbook was found in what was given.
    case noSubmissions([String])
    /// `--out` names a folder with files that `course grade` did not write.
    case notAGradesFolder(path: String, files: [String])

    public var description: String {
        switch self {
        case .noSuchPath(let path): return "no such file or folder: \(path)"
        case .twoSubmissions(let student, let first, let second):
            return "student \(student) has two workbooks for the same lesson: \(first) and \(second); keep one"
        case .badShard(let text):
            return "--shard must be I/N with 1 ≤ I ≤ N (e.g. 1/4 for the first of four machines), not '\(text)'"
        case .sameFileName(let first, let second):
            return "students '\(first)' and '\(second)' would share one report file; rename one of their folders"
        case .nothingToMerge(let path):
            return "\(path) holds no gradebook (gradebook.csv and rows.json of `course grade --out`)"
        case .conflictingShards(let student, let lesson):
            return "two shards graded \(student) / \(lesson) differently: were they graded from different submissions?"
        case .unreadableRecord(let path, let reason): return "cannot read the graded record \(path): \(reason)"
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .noSubmissions(let paths):
            return "no workbooks (*.exercises.md) in \(paths.joined(separator: ", "))"
        case .notAGradesFolder(let path, let files):
            return "\(path) already holds files that `course grade` did not write (\(files.prefix(3).joined(separator: ", "))"
                + "\(files.count > 3 ? ", …" : "")); nothing was written: name a new or empty folder with --out"
        }
    }
}
