import CourseModel
import Foundation

extension Lesson {
    /// Reads and parses a lesson file. `displayPath` defaults to the path relative to the current directory.
    ///
    ///     let lesson = try Lesson(contentsOf: URL(fileURLWithPath: "lessons/03-shallow-network.md"))
    ///     lesson.cells.filter { $0.kind == .code }.count
    public init(contentsOf url: URL, displayPath: String? = nil) throws {
        let path = displayPath ?? Lesson.relativePath(of: url)
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw LessonError.unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        self = try LessonParser.parse(text, url: url, displayPath: path)
    }
}
