import Foundation
import Lessons
import XCTest

final class LessonProgramTests: XCTestCase {
    private func lesson(_ body: String) throws -> Lesson {
        try LessonParser.parse("---\ntitle: T\nseed: 9\n---\n" + body,
                               url: URL(fileURLWithPath: "/tmp/04-t.md"), displayPath: "lessons/04-t.md")
    }

    private let exerciseLesson = """
        ```swift
        let a = 1
        ```
        ```swift norun
        let never = 0
        ```
        ```swift exercise id=e points=2
        let answer = 0
        ```
        ```swift solution id=e
        let answer = 42
        ```
        ```swift check id=e
        print(answer)
        ```

        """

    func testEachCellGetsABoundaryAndASourceLocationAtItsMarkdownLine() throws {
        let program = LessonProgram(lesson: try lesson("```swift\nlet a = 1\n```\n\n```swift hidden\nlet b = a\n```\n"))
        XCTAssertTrue(program.source.contains("CourseProgram.start(seed: 9)"))
        XCTAssertTrue(program.source.contains(
            "\")\n#sourceLocation(file: \"lessons/04-t.md\", line: 6)\nlet a = 1\n#sourceLocation()\n"))
        XCTAssertTrue(program.source.contains(
            "\")\n#sourceLocation(file: \"lessons/04-t.md\", line: 10)\nlet b = a\n"))
        let boundaries = program.source.split(separator: "\n").filter { $0.hasPrefix("CourseProgram.beginCell(") }
        XCTAssertEqual(boundaries.map { $0.prefix(27) }, ["CourseProgram.beginCell(0, ", "CourseProgram.beginCell(1, "])
        XCTAssertEqual(program.runOrder, [0, 1])
        XCTAssertEqual(program.cell(file: "lessons/04-t.md", line: 10), 1)
        XCTAssertNil(program.cell(file: "lessons/04-t.md", line: 8))
    }

    func testStarterRunsIsolatedWithItsChecksAndSkipsNorunAndSolution() throws {
        let program = LessonProgram(lesson: try lesson(exerciseLesson))
        XCTAssertEqual(program.runOrder, [0, 2, 4])
        XCTAssertFalse(program.source.contains("never"))
        XCTAssertFalse(program.source.contains("42"))
        // The exercise and its check form one isolated scope, after the shared cell.
        guard program.plan.steps.count == 2, case .isolated(let scope) = program.plan.steps[1] else {
            return XCTFail("expected a shared cell and one isolated scope: \(program.plan.steps)")
        }
        XCTAssertEqual(scope.cell, 2)
        XCTAssertEqual(scope.checks.map(\.cell), [4])
        XCTAssertFalse(scope.expectFailure)
        XCTAssertEqual(program.plan.isolationGroup(of: 4), [2, 4])
        XCTAssertTrue(program.source.contains("if CourseProgram.isolated(2, expectFailure: false, timeLimit: 60.0) {"))
    }

    func testSolutionReplacesTheStarterAtItsOwnLines() throws {
        let parsed = try lesson(exerciseLesson)
        let program = LessonProgram(lesson: parsed, exercises: .solution)
        XCTAssertTrue(program.source.contains("#sourceLocation(file: \"lessons/04-t.md\", line: \(parsed.cells[3].codeLine))\nlet answer = 42\n"))
        XCTAssertFalse(program.source.contains("let answer = 0"))
    }

    func testSubmissionNamesItsOwnFile() throws {
        let code = CodeSnippet(code: "let answer = 7\n", file: "work/04-t.md", line: 30)
        let program = LessonProgram(lesson: try lesson(exerciseLesson), exercises: .submission(["e": code]))
        XCTAssertTrue(program.source.contains("#sourceLocation(file: \"work/04-t.md\", line: 30)\nlet answer = 7\n"))
        XCTAssertEqual(program.cell(file: "work/04-t.md", line: 30), 2)
    }

    func testCodeKeyFollowsTheCodeUpToTheCellButNotLaterCells() throws {
        func keys(_ body: String) throws -> [String] {
            LessonProgram(lesson: try lesson(body)).source.split(separator: "\n")
                .filter { $0.hasPrefix("CourseProgram.beginCell(") }
                .map { String($0.split(separator: "\"")[1]) }
        }
        let original = try keys("```swift\nlet a = 1\n```\n```swift\nlet b = 2\n```\n")
        let laterEdited = try keys("```swift\nlet a = 1\n```\n```swift\nlet b = 3\n```\n")
        let earlierEdited = try keys("```swift\nlet a = 0\n```\n```swift\nlet b = 2\n```\n")
        XCTAssertEqual(original.count, 2)
        XCTAssertEqual(original[0], laterEdited[0])
        XCTAssertNotEqual(original[1], laterEdited[1])
        XCTAssertNotEqual(original[1], earlierEdited[1])
    }

    func testASubmissionWithoutAnExerciseLeavesItOutAndPinsFollowTheCode() throws {
        let parsed = try lesson(exerciseLesson)
        XCTAssertEqual(LessonPlan(lesson: parsed, exercises: .submission([:])).runOrder, [0])
        let code = CodeSnippet(code: "let answer = 7\n", file: "work/04-t.md", line: 30)
        let plan = LessonPlan(lesson: parsed, exercises: .submission(["e": code]), pins: ["e": ["let _: Int = answer"]])
        let source = LessonProgram(plan: plan, isolatedTimeLimit: 2).source
        let codeAt = try XCTUnwrap(source.range(of: "let answer = 7"))
        let pinAt = try XCTUnwrap(source.range(of: "let _: Int = answer"))
        let checkAt = try XCTUnwrap(source.range(of: "print(answer)"))
        XCTAssertTrue(codeAt.upperBound <= pinAt.lowerBound && pinAt.upperBound <= checkAt.lowerBound)
        XCTAssertTrue(source.contains("timeLimit: 2.0"))
    }

    func testLeftOutCellsAreNotInTheProgram() throws {
        let program = LessonProgram(lesson: try lesson(exerciseLesson), leavingOut: [2, 4])
        XCTAssertEqual(program.runOrder, [0])
        XCTAssertFalse(program.source.contains("isolated"))
    }

    func testDiagnosticLinesAreParsed() {
        let diagnostic = Diagnostic.parse("lessons/04-t.md:12:5: error: cannot find 'foo' in scope")
        XCTAssertEqual(diagnostic, Diagnostic(file: "lessons/04-t.md", line: 12, column: 5, severity: .error,
                                              message: "cannot find 'foo' in scope"))
        XCTAssertNil(Diagnostic.parse("   |     `- error: cannot find 'foo' in scope"))
        XCTAssertEqual(Diagnostic.parseAll("a.md:1:2: warning: w\nnoise\nb.md:3:4: note: n\n").map(\.severity),
                       [.warning, .note])
    }
}
