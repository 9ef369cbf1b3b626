import Foundation
import Lessons
import Render
import XCTest

/// How results are shown: terminal lines and the site's page model.
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

    func testSitePageKeepsProseAndCellsInOrderAndHidesHiddenCheckDetails() throws {
        let lesson = try lesson()
        let verdict = CheckResult(exercise: "e", check: "line 16", passed: false, message: "expected 1, got 0",
                                  hidden: true, points: 3)
        let result = LessonResult(cells: [
            CellResult(index: 0, status: .ran, outputs: [.text("hi\n"), .image(file: "ab.png", width: 28, height: 28)],
                       seconds: 0.5),
            CellResult(index: 1, status: .ran, outputs: [.error(CellError(kind: .trap, message: "todo", lineInCell: 1,
                                                                          expected: true))]),
            CellResult(index: 2, status: .ran, outputs: [.text("secret detail\n"), .check(verdict)]),
        ], key: "k", fromCache: true)
        let page = SitePageMapping.page(for: lesson, result: result)
        XCTAssertEqual(page.slug, "06-shown")
        XCTAssertEqual(page.title, "Shown")
        guard page.blocks.count == 4, case .prose(let prose) = page.blocks[0],
              case .code(let first) = page.blocks[1], case .code(let exercise) = page.blocks[2],
              case .code(let hidden) = page.blocks[3] else {
            return XCTFail("unexpected blocks \(page.blocks)")
        }
        XCTAssertEqual(prose, "Prose.\n")
        XCTAssertEqual(first.status, .cached)
        XCTAssertEqual(first.mdLocation, "lessons/06-shown.md:6")
        XCTAssertEqual(first.outputs, [.text("hi\n"),
                                       .image(fileName: "ab.png", width: 28, height: 28,
                                              alt: "picture shown by cell 1", pixelated: true)])
        XCTAssertEqual(exercise.kind, .exercise)
        XCTAssertEqual(exercise.exercise, SiteExercise(id: "e", points: 3))
        XCTAssertEqual(exercise.outputs, [.error(kind: .trap, message: "todo", location: "lessons/06-shown.md:12")])
        XCTAssertEqual(hidden.kind, .hiddenCheck)
        XCTAssertEqual(hidden.outputs, [.check(name: "line 16", passed: false, message: "", hidden: true)])

        let images = SitePageMapping.images(in: result, outputsDirectory: URL(fileURLWithPath: "/cache/outputs"))
        XCTAssertEqual(images, ["ab.png": .file("/cache/outputs/ab.png")])
    }

    func testCellsAreStampedRanOrCachedWithTheTimeMeasuredWhenTheyRan() throws {
        let lesson = try lesson()
        let cells = [CellResult(index: 0, status: .ran, outputs: [.text("1\n")], seconds: 0.25),
                     CellResult(index: 1, status: .ran), CellResult(index: 2, status: .ran)]
        let fresh = SitePageMapping.page(for: lesson, result: LessonResult(cells: cells, key: "k", fromCache: false))
        let cached = SitePageMapping.page(for: lesson, result: LessonResult(cells: cells, key: "k", fromCache: true))
        let again = SitePageMapping.page(for: lesson, result: LessonResult(cells: cells, key: "k", fromCache: true))
        guard case .code(let ran)? = fresh.blocks.first(where: { if case .code = $0 { return true }; return false }),
              case .code(let hit)? = cached.blocks.first(where: { if case .code = $0 { return true }; return false })
        else { return XCTFail("no code cell in \(fresh.blocks)") }
        XCTAssertEqual(ran.status, .ran)
        XCTAssertEqual(hit.status, .cached)
        XCTAssertEqual(ran.duration, 0.25)
        XCTAssertEqual(hit.duration, 0.25, "a cached cell shows the time measured when it ran, not the cache lookup")
        XCTAssertEqual(cached, again, "two builds in the same cache state give the same page")
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
