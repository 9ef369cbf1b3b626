import Foundation
import Lessons
import XCTest

/// How results are shown in the terminal (the site's pages: Tests/RenderTests/SiteCellTests.swift).
final class PresentationTests: XCTestCase {
    private func lesson() throws -> Lesson {
        try LessonParser.parse("""
            ---
            title: Shown
            ---
            Prose.

            ```swift
            let a = 1
            let b = 2
            ```

            ```swift exercise id=e points=3
            let x = 0
            ```

            ```swift check id=e hidden
            print("secret detail")
            ```
            """, url: URL(fileURLWithPath: "/tmp/06-shown.md"), displayPath: "lessons/06-shown.md")
    }

    func testTerminalHeaderNamesTheCellAndItsMarkdownLine() throws {
        let lesson = try lesson()
        let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: URL(fileURLWithPath: "/tmp/out"), color: false)
        XCTAssertTrue(formatter.header(for: lesson.cells[0]).hasPrefix("── [1] lessons/06-shown.md:6 "))
        XCTAssertTrue(formatter.header(for: lesson.cells[1]).contains("exercise e, 3 points"))
        XCTAssertFalse(formatter.header(for: lesson.cells[0]).contains("\u{1B}"), "no colour when not asked")
        XCTAssertTrue(TerminalFormatter(lesson: lesson, outputsDirectory: URL(fileURLWithPath: "/tmp"), color: true)
            .header(for: lesson.cells[0]).contains("\u{1B}["))
    }

    func testTerminalErrorUsesTheLineWithinTheCell() throws {
        let lesson = try lesson()
        let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: URL(fileURLWithPath: "/tmp/out"), color: false)
        let error = CellError(kind: .trap, message: "Fatal error: Index out of range", lineInCell: 2)
        XCTAssertEqual(formatter.format(.error(error), of: lesson.cells[0]),
                       "lessons/06-shown.md:8: trap: Fatal error: Index out of range\n")
        let check = CheckResult(exercise: "e", check: "line 16", passed: false, message: "expected 1, got 0",
                                hidden: true, points: 3)
        XCTAssertEqual(formatter.format(.check(check), of: lesson.cells[2]), "○ not yet (starter code) · e: line 16\n",
                       "a hidden check's message is not shown")
    }

    func testMissingLibraryIsAClearError() throws {
        let empty = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("nolib-\(UUID().uuidString)")
        let environment = CourseEnvironment(packageRoot: RunnerFixture.repositoryRoot, libraryDirectory: empty)
        XCTAssertThrowsError(try environment.checkLibrary()) { error in
            XCTAssertEqual("\(error)", "\(empty.path)/libCourseKit.so is missing; build the course library first: swift build -c release")
        }
    }

    func testPackageRootIsFoundFromAnyFolderBelowIt() {
        let deep = RunnerFixture.repositoryRoot.appendingPathComponent("Sources/Lessons/Parsing")
        XCTAssertEqual(CourseEnvironment.findRoot(from: deep)?.standardizedFileURL.path,
                       RunnerFixture.repositoryRoot.standardizedFileURL.path)
        XCTAssertNil(CourseEnvironment.findRoot(from: URL(fileURLWithPath: "/proc/self")))
    }
}
