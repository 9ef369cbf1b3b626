import Foundation
import Render

/// Hand-made lesson pages for the site tests: every kind of block and output, with marker strings to find.
enum SiteFixtures {
    /// The bytes of a 1×1 PNG (any bytes would do: the site copies pictures, it does not decode them).
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48,
                               0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
                               0x00, 0x1F, 0x15, 0xC4, 0x89]

    static let intro = SitePage(slug: "01-intro", title: "Tensors & <friends>", order: 1, blocks: [
        .prose("""
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
        """),
        .code(SiteCell(source: "let a = 1\nprint(\"OUT-A1\")", mdLocation: "lessons/01-intro.md:12",
                       outputs: [.text("OUT-A1\n"), .value("OUT-A2 tensor [2, 2]"),
                                 .image(fileName: "digit.png", width: 28, height: 28, alt: "a digit", pixelated: true),
                                 .text("OUT-A3\n"), .text("<script>alert('cell')</script>\n")],
                       status: .ran, duration: 0.42)),
        .prose("Between the cells, PROSE-B."),
        .code(SiteCell(source: "print(\"OUT-B1\")", mdLocation: "lessons/01-intro.md:20",
                       outputs: [.text("OUT-B1\n"), .text("warning OUT-B2\n", stream: .stderr)],
                       status: .cached, duration: 1.5)),
        .code(SiteCell(source: "let SETUP_SECRET = 3", mdLocation: "lessons/01-intro.md:24", kind: .hidden)),
        .prose("## Exercise: relu\n\nWrite `relu`."),
        .code(SiteCell(source: "func relu(_ x: Float) -> Float { STARTER_CODE }", mdLocation: "lessons/01-intro.md:30",
                       kind: .exercise, exercise: SiteExercise(id: "relu", points: 2), status: .notRun)),
        .code(SiteCell(source: "func relu(_ x: Float) -> Float { SOLUTION_CODE }", mdLocation: "lessons/01-intro.md:34",
                       kind: .solution, exercise: SiteExercise(id: "relu"), status: .notRun)),
        .code(SiteCell(source: "checkClose(relu(-1), 0)", mdLocation: "lessons/01-intro.md:38", kind: .check,
                       exercise: SiteExercise(id: "relu"),
                       outputs: [.check(name: "relu(-1)", passed: false, message: "expected 0, got -1", hidden: false)],
                       status: .ran)),
        .code(SiteCell(source: "HIDDEN_CHECK_SOURCE", mdLocation: "lessons/01-intro.md:42", kind: .hiddenCheck,
                       exercise: SiteExercise(id: "relu"),
                       outputs: [.check(name: "HIDDEN_NAME", passed: true, message: "HIDDEN_MESSAGE", hidden: true)],
                       status: .ran)),
        .code(SiteCell(source: "let m = matmul(a, b)", mdLocation: "lessons/01-intro.md:46", kind: .fails,
                       outputs: [.error(kind: .trap, message: "matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ",
                                        location: "lessons/01-intro.md:46")],
                       status: .ran)),
        .code(SiteCell(language: "python", source: "import torch  # the slide's version", mdLocation: "lessons/01-intro.md:50",
                       kind: .noRun, status: .notRun)),
    ])

    static let second = SitePage(slug: "02-networks", title: "Networks", order: 2, blocks: [
        .prose("# Networks\n\nA layer computes $Wx + b$.\n\n## Training\n\nGradient descent SEARCHWORD."),
        .code(SiteCell(source: "print(2)", mdLocation: "lessons/02-networks.md:8", outputs: [.text("2\n")])),
    ])

    static let tenth = SitePage(slug: "10-last", title: "The last lesson", order: 10, blocks: [
        .prose("Plain prose, no math."),
    ])

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
