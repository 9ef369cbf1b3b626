import Foundation
import Lessons
import XCTest

/// `memo` finds trained weights by the code key of the cell that trains; a graded run must compute the same keys
/// as `course run`, or every `course check` would retrain the lesson's models.
final class CodeKeyChainTests: XCTestCase {
    private let body = """
        ---
        title: T
        ---
        ```swift
        let a = 1
        ```
        Prose in between does not count.
        ```swift hidden
        let b = a + 1
        ```
        ```swift exercise id=e points=2
        let answer = 0
        ```
        ```swift solution id=e
        let answer = b
        ```
        ```swift check id=e
        check(answer == 2)
        ```
        ```swift
        let c = b * 2
        ```

        """

    private func keys(in source: String, call: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: NSRegularExpression.escapedPattern(for: call) + #"[^"]*"([0-9a-f]{64})""#)
        let range = NSRange(source.startIndex..., in: source)
        return pattern.matches(in: source, range: range).map { String(source[Range($0.range(at: 1), in: source)!]) }
    }

    func testTheGradingProgramCarriesTheSameCodeKeysAsTheLessonProgram() throws {
        let lesson = try LessonParser.parse(body, url: URL(fileURLWithPath: "/tmp/07-k.md"), displayPath: "lessons/07-k.md")
        let lessonKeys = keys(in: LessonProgram(lesson: lesson).source, call: "CourseProgram.beginCell(")
        let exercises = Exercise.all(in: lesson)
        let graded = GradingProgram(lesson: lesson, exercises: exercises, attempts: [], secretName: "S", timeLimit: 5)
        let gradingKeys = keys(in: graded.source, call: "CourseProgram.setCodeKey(")
        XCTAssertEqual(lessonKeys.count, 3, "three shared cells, three keys")
        XCTAssertEqual(Set(lessonKeys).count, 3, "each cell's key differs from the one before")
        XCTAssertEqual(gradingKeys, lessonKeys)
    }

    func testEditingProseOrLaterCodeKeepsTheKeyOfEarlierCells() throws {
        var first = CodeKeyChain(), second = CodeKeyChain()
        let a1 = first.adding("let a = 1\n", kind: .code), a2 = second.adding("let a = 1\n", kind: .code)
        XCTAssertEqual(a1, a2)
        XCTAssertNotEqual(first.adding("let b = 2\n", kind: .code), second.adding("let b = 3\n", kind: .code))
        var hidden = CodeKeyChain()
        XCTAssertNotEqual(hidden.adding("let a = 1\n", kind: .hidden), a1, "the kind of the cell counts")
    }
}
