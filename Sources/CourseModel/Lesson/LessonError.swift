/// Why a lesson could not be read or found. Messages name the file and line so an author can fix it.
public enum LessonError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The front matter is missing, unterminated or has a bad value.
    case badFrontMatter(path: String, line: Int, reason: String)
    /// A code fence's info string could not be understood.
    case badInfoString(line: Int, info: String, reason: String)
    /// An exercise, solution or check does not fit with the others (e.g. a check for an exercise that is not there).
    case badExercise(line: Int, reason: String)
    /// Same as the cases above, with the lesson's path attached (what the parser throws).
    indirect case inLesson(path: String, LessonError)
    /// `course run 07` when there is no lesson 07.
    case unknownLesson(String, available: [String])
    /// The lessons folder does not exist.
    case noLessonsFolder(path: String)
    /// Two lesson files claim the same place: the same number in their names, or the same `order:`.
    case duplicateLesson(first: String, second: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the lesson (\(reason))"
        case .badFrontMatter(let path, let line, let reason):
            return "\(path):\(line): front matter: \(reason)"
        case .badInfoString(let line, let info, let reason):
            return "line \(line): code fence '```\(info)': \(reason)"
        case .badExercise(let line, let reason):
            return "line \(line): \(reason)"
        case .inLesson(let path, let error):
            switch error {
            case .badInfoString(let line, let info, let reason):
                return "\(path):\(line): code fence '```\(info)': \(reason)"
            case .badExercise(let line, let reason):
                return "\(path):\(line): \(reason)"
            default:
                return error.description
            }
        case .unknownLesson(let name, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "no lesson '\(name)'; the lessons are: \(list)"
        case .noLessonsFolder(let path):
            return "no lessons folder at \(path)"
        case .duplicateLesson(let first, let second, let reason):
            return "\(first) and \(second) have \(reason): give each lesson its own number"
        }
    }
}
