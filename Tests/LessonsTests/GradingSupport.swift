import Foundation
import Lessons
import XCTest

/// Shared by the grading tests: the fixture lesson, workbooks with chosen answers, a grader on the built library.
enum GradingFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/grading", isDirectory: true)
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func lesson(_ name: String = "01-grading-basics") throws -> Lesson {
        let url = folder.appendingPathComponent("lessons/\(name).md")
        return try Lesson(contentsOf: url, displayPath: "lessons/\(name).md")
    }

    static func grader(timeLimit: Double = 10, memoryLimitMB: Int = 4096) throws -> Grader {
        try Grader.discover(from: packageRoot, limits: GradingLimits(timeLimit: timeLimit, memoryLimitMB: memoryLimitMB,
                                                                     lessonTimeLimit: 60))
    }

    /// Folders made by `temporaryFolder()`, removed by `removeTemporaryFolders()` (each test class's tearDown).
    nonisolated(unsafe) static var madeFolders: [URL] = []

    /// A fresh folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("course-grading-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        madeFolders.append(url)
        return url
    }

    static func removeTemporaryFolders() {
        for folder in madeFolders { try? FileManager.default.removeItem(at: folder) }
        madeFolders = []
    }

    /// Writes the lesson's workbook into a fresh folder, replacing the code of the exercises in `answers`,
    /// and returns its URL.
    static func workbook(for lesson: Lesson, answers: [String: String]) throws -> URL {
        let url = try temporaryFolder().appendingPathComponent(Workbook.fileName(for: lesson))
        try workbookText(for: lesson, answers: answers).write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// The lesson's workbook text with the code of the exercises in `answers` replaced.
    static func workbookText(for lesson: Lesson, answers: [String: String]) throws -> String {
        var markdown = Workbook(lesson: lesson).markdown
        for exercise in Exercise.all(in: lesson) {
            guard let answer = answers[exercise.id] else { continue }
            let fence = "```swift exercise id=\(exercise.id) points=\(exercise.points)\n"
            let block = fence + exercise.starter.code
            guard markdown.contains(block) else { throw XCTSkip("workbook lacks the starter of \(exercise.id)") }
            markdown = markdown.replacingOccurrences(of: block, with: fence + answer + (answer.hasSuffix("\n") ? "" : "\n"))
        }
        return markdown
    }

    /// The 1-based line of the first line of `text` that contains `needle`.
    static func line(of needle: String, in url: URL) throws -> Int {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
            XCTFail("no line contains \(needle)")
            return 0
        }
        return index + 1
    }

    static let correct = [
        "square": "func square(_ x: Double) -> Double {\n    return x * x\n}\n",
        "relu": "func relu(_ t: Tensor) -> Tensor {\n    Tensor(shape: t.shape, scalars: t.scalars.map { $0 < 0 ? 0 : $0 })\n}\n",
        "vowels": "func countVowels(_ text: String) -> Int {\n    var n = 0\n    for c in text where \"aeiou\".contains(c) { n += 1 }\n    return n\n}\n",
    ]
}
