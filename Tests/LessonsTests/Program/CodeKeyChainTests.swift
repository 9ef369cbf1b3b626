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

    private func keys(_ plan: LessonPlan) -> [String] {
        plan.steps.compactMap { if case .shared(_, _, let key) = $0 { return key } else { return nil } }
    }

    func testAGradedRunCarriesTheSameCodeKeysAsTheLessonRun() throws {
        let lesson = try LessonParser.parse(body, url: URL(fileURLWithPath: "/tmp/07-k.md"), displayPath: "lessons/07-k.md")
        let lessonKeys = keys(LessonPlan(lesson: lesson))
        let submission = CodeSnippet(code: "let answer = 2\n", file: "work/07-k.exercises.md", line: 12)
        let gradedKeys = keys(LessonPlan(lesson: lesson, exercises: .submission(["e": submission])))
        XCTAssertEqual(lessonKeys.count, 3, "three shared cells, three keys")
        XCTAssertEqual(Set(lessonKeys).count, 3, "each cell's key differs from the one before")
        XCTAssertEqual(gradedKeys, lessonKeys)
        XCTAssertEqual(keys(LessonPlan(lesson: lesson, exercises: .solution)), lessonKeys)
        // And the program hands them to `memo` at each shared cell.
        let source = LessonProgram(lesson: lesson).source
        for key in lessonKeys { XCTAssertTrue(source.contains(key)) }
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
