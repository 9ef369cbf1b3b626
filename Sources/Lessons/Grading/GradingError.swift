/// Why grading could not start. (A bad *submission* is not an error: it is a report with zero points.)
public enum GradingError: Error, Equatable, CustomStringConvertible {
    /// The workbook file cannot be read.
    case unreadableSubmission(path: String, reason: String)
    /// The workbook's name does not say which lesson it belongs to, and none was given.
    case unknownLessonForWorkbook(path: String)
    /// The lesson has no exercises to grade.
    case noExercises(lesson: String)
    /// swiftc, the CourseKit library or its modules were not found.
    case toolchainMissing(String)
    /// The lesson program (not the student's code) does not compile or could not be started.
    case lessonBroken(lesson: String, detail: String)
    /// The workbook folder cannot be written.
    case cannotWrite(path: String, reason: String)
    /// The OS sandbox that holds graded code cannot be made here.
    case sandboxUnavailable(String)

    public var description: String {
        switch self {
        case .unreadableSubmission(let path, let reason):
            return "cannot read the workbook \(path): \(reason)"
        case .unknownLessonForWorkbook(let path):
            return "cannot tell which lesson \(path) belongs to: keep the name 'NN-slug.exercises.md' "
                + "that `course exercises` gave it, or pass --lesson NN"
        case .noExercises(let lesson):
            return "\(lesson) has no exercises"
        case .toolchainMissing(let what):
            return "cannot compile lesson programs: \(what)"
        case .lessonBroken(let lesson, let detail):
            return "\(lesson) itself does not build or run, so its exercises cannot be graded:\n\(detail)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        case .sandboxUnavailable(let reason):
            return "cannot grade without the sandbox that holds the submitted code: \(reason) "
                + "(Debian: apt-get install bubblewrap)"
        }
    }
}
