import Foundation
import Lessons
import Render
import XCTest

/// A lesson and its results as a page: Render reads `Cell`, `CellKind` and `CellResult` directly.
final class SiteCellTests: XCTestCase {
    private let lesson = SiteFixtures.lesson("06-shown.md", title: "Shown", order: 6, """
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
        """)

    private var result: LessonResult {
        let verdict = CheckResult(exercise: "e", check: "line 16", passed: false, message: "expected 1, got 0",
                                  hidden: true, points: 3)
        return LessonResult(cells: [
            CellResult(index: 0, status: .ran, outputs: [.text("hi\n"), .image(file: "ab.png", width: 28, height: 28,
                                                                                  description: "Grayscale image of a <7>")],
                       seconds: 0.5),
            CellResult(index: 1, status: .ran, outputs: [.error(CellError(kind: .trap, message: "todo", lineInCell: 1,
                                                                          expected: false))]),
            CellResult(index: 2, status: .ran, outputs: [.text("secret detail\n"), .check(verdict)]),
        ], key: "k", fromCache: true)
    }

    func testAPageShowsProseAndCellsInOrderWithTheirLocationsAndHidesHiddenCheckDetails() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = SitePage(lesson: lesson, result: result)
        XCTAssertEqual(page.slug, "06-shown")
        XCTAssertEqual(page.title, "Shown")
        XCTAssertEqual(page.order, 6)
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [page], images: ["ab.png": .png(SiteFixtures.png)])
        let html = try SiteFixtures.read(dir, "06-shown.html")
        let (code, exercise) = (lesson.cells[0], lesson.cells[1])
        XCTAssertEqual([code.fenceLine, exercise.codeLine], [7, 13], "four lines of front matter, then the body")
        let order = ["<p>Prose.</p>", "lessons/06-shown.md:\(code.fenceLine)</a>", "<pre class=\"out out-stdout\">hi</pre>",
                     "alt=\"Grayscale image of a &lt;7&gt;\" width=\"224\" height=\"224\" class=\"pixelated\"",
                     "Exercise “e” · 3 points", "<p class=\"error-title\">Crashed at lessons/06-shown.md:\(exercise.codeLine)</p>",
                     "<span class=\"check-name\">Hidden check</span>"]
        let positions = order.map { html.range(of: $0)?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "\(zip(order, positions).filter { $0.1 == nil }.map(\.0))")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted())
        for secret in ["secret detail", "line 16", "expected 1, got 0"] { XCTAssertFalse(html.contains(secret), secret) }
    }

    func testThePicturesAResultShowsAreCopiedFromTheOutputsFolder() {
        let images = SiteImage.files(shownBy: result, in: URL(fileURLWithPath: "/cache/outputs"))
        XCTAssertEqual(images, ["ab.png": .file("/cache/outputs/ab.png")])
    }

    func testALessonThatCouldNotRunShowsItsCellsAsNotRun() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [SitePage(lesson: lesson, result: nil)])
        let html = try SiteFixtures.read(dir, "06-shown.html")
        XCTAssertEqual(html.components(separatedBy: ">not run</span>").count - 1, 2, "the code cell and the exercise")
        XCTAssertFalse(html.contains("Hidden check"), "a hidden check without verdicts is not shown")
    }
}
