import Foundation
import Lessons
import Render

/// Lesson pages for the site tests, parsed from Markdown the way `course build` parses a lesson, with hand-made
/// results: every kind of block and output, with marker strings to find.
enum SiteFixtures {
    /// The bytes of a 1×1 PNG (any bytes would do: the site copies pictures, it does not decode them).
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
                               0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
                               0x00, 0x1F, 0x15, 0xC4, 0x89]

    /// A lesson `lessons/<file>` with this front matter and body, parsed by the lessons' parser.
    static func lesson(_ file: String, title: String, order: Int, _ body: String) -> Lesson {
        let text = "---\ntitle: \"\(title)\"\norder: \(order)\n---\n" + body
        do {
            return try LessonParser.parse(text, url: URL(fileURLWithPath: "/course/lessons/\(file)"),
                                          displayPath: "lessons/\(file)")
        } catch {
            fatalError("fixture \(file) does not parse: \(error)")
        }
    }

    /// A page of `lesson` whose cell `i` produced `results[i]` (cells without an entry did not run).
    static func page(_ lesson: Lesson, _ results: [Int: CellResult] = [:], fromCache: Bool = false) -> SitePage {
        let cells = lesson.cells.map { results[$0.index] ?? CellResult(index: $0.index, status: $0.runs ? .notRun : .skipped) }
        return SitePage(lesson: lesson, result: LessonResult(cells: cells, key: "fixture", fromCache: fromCache))
    }

    /// A page of one lesson `lessons/<file>` made of `body` (no cell ran).
    static func page(_ file: String, title: String = "X", order: Int = 1, _ body: String) -> SitePage {
        page(lesson(file, title: title, order: order, body))
    }

    /// The page `01-x.html` of a lesson made of `body` (no cell ran).
    static func page(_ body: String) -> SitePage { page("01-x.md", body) }

    static func check(_ name: String, passed: Bool, message: String, hidden: Bool = false) -> CellOutput {
        .check(CheckResult(exercise: "relu", check: name, passed: passed, message: message, hidden: hidden, points: 2))
    }

    static let introLesson = lesson("01-intro.md", title: "Tensors & <friends>", order: 1, """
        We multiply $x_1 * x_2 * x_3$ and write `$not_math$` in code; prices like $5 and $10 stay text.

        $$
        \\sigma(z) = \\frac{1}{1 + e^{-z}}
        $$

        > [!ERRATUM]
        > The slide says the output is 0.5; the computed value is 0.25.

        > [!NOTE] Shapes
        > Images are NCHW.

        A [link to the docs](https://example.com/docs) and a remote picture ![remote](https://example.com/a.png).
        Raw <script>alert("prose")</script> and <sub>sub</sub> and <!-- a comment for authors -->.

        ## Cells and their outputs

        ```swift
        let a = 1
        print("OUT-A1")
        ```

        Between the cells, PROSE-B.

        ```swift
        print("OUT-B1")
        ```

        ```swift hidden
        let SETUP_SECRET = 3
        ```

        ## Exercise: relu

        Write `relu`.

        ```swift exercise id=relu points=2
        func relu(_ x: Float) -> Float { STARTER_CODE }
        ```

        ```swift solution id=relu
        func relu(_ x: Float) -> Float { SOLUTION_CODE }
        ```

        ```swift check id=relu
        checkClose(relu(-1), 0)
        ```

        ```swift check id=relu hidden
        HIDDEN_CHECK_SOURCE
        ```

        ```swift fails
        let m = matmul(a, b)
        ```

        ```python
        import torch  # the slide's version
        ```

        """)

    static let introResults: [Int: CellResult] = [
        0: CellResult(index: 0, status: .ran, outputs: [
            .text("OUT-A1\n"), .text("OUT-A2 tensor [2, 2]\n"), .image(file: "digit.png", width: 28, height: 28),
            .text("OUT-A3\n"), .text("<script>alert('cell')</script>\n"),
        ], seconds: 0.42),
        1: CellResult(index: 1, status: .ran, outputs: [.text("OUT-B1\n"), .stderr("warning OUT-B2\n")], seconds: 1.5),
        2: CellResult(index: 2, status: .ran, seconds: 0.001),
        5: CellResult(index: 5, status: .ran, outputs: [check("relu(-1)", passed: false, message: "expected 0, got -1")]),
        6: CellResult(index: 6, status: .ran,
                      outputs: [.text("HIDDEN_PRINT\n"), check("HIDDEN_NAME", passed: true, message: "HIDDEN_MESSAGE", hidden: true)]),
        7: CellResult(index: 7, status: .ran, outputs: [
            .error(CellError(kind: .trap, message: "matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ",
                             lineInCell: 1, expected: true)),
        ]),
    ]

    static let intro = page(introLesson, introResults)

    static let second = page(lesson("02-networks.md", title: "Networks", order: 2, """
        # Networks

        A layer computes $Wx + b$.

        ## Training

        Gradient descent SEARCHWORD.

        ```swift
        print(2)
        ```
        """), [0: CellResult(index: 0, status: .ran, outputs: [.text("2\n")])])

    static let tenth = page("10-last.md", title: "The last lesson", order: 10, "Plain prose, no math.\n")

    static var pages: [SitePage] { [tenth, second, intro] }   // deliberately not in order
    static var images: [String: SiteImage] { ["digit.png": .png(png)] }

    static func temporaryDirectory(_ name: String = #function) -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("site-tests-\(name.filter { $0.isLetter || $0.isNumber })-\(UUID().uuidString)")
        return url
    }

    /// Builds the fixture site and returns its folder.
    static func build(_ name: String = #function, options: SiteOptions = SiteOptions()) throws -> (URL, BuildReport) {
        let dir = temporaryDirectory(name)
        let report = try SiteBuilder(outputDirectory: dir, options: options).build(pages: pages, images: images)
        return (dir, report)
    }

    static func read(_ dir: URL, _ path: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)
    }
}
