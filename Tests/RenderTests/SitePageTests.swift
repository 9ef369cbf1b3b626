import Foundation
import Lessons
import Render
import XCTest

/// What a lesson page shows: prose, cells and their outputs in order, escaping, math, callouts, exercises.
final class SitePageTests: XCTestCase {
    private static var built: (dir: URL, report: BuildReport)?
    private var dir: URL { Self.built!.dir }

    override class func setUp() {
        super.setUp()
        built = try? SiteFixtures.build("SitePageTests")
    }

    override class func tearDown() {
        if let dir = built?.dir { try? FileManager.default.removeItem(at: dir) }
        super.tearDown()
    }

    private func page(_ name: String = "01-intro.html") throws -> String {
        guard Self.built != nil else { throw XCTSkip("the fixture site did not build") }
        return try SiteFixtures.read(dir, name)
    }

    /// The position of `marker` in `html`, failing the test when it is missing.
    private func position(_ marker: String, in html: String, file: StaticString = #filePath, line: UInt = #line) -> Int? {
        guard let r = html.range(of: marker) else { XCTFail("\(marker) not found", file: file, line: line); return nil }
        return html.distance(from: html.startIndex, to: r.lowerBound)
    }

    func testFixtureSiteBuildsWithoutUnexpectedWarnings() throws {
        let report = try XCTUnwrap(Self.built?.report)
        // Only the remote picture in the fixture's prose is worth a warning.
        XCTAssertEqual(report.warnings.count, 1, "\(report.warnings)")
        XCTAssertTrue(report.warnings[0].contains("https://example.com/a.png"))
    }

    func testEachCellsOutputsFollowItsCodeInTheOrderTheyWereProduced() throws {
        let html = try page()
        let order = ["&quot;OUT-A1&quot;", "out-stdout\">OUT-A1\nOUT-A2 tensor", "images/digit.png", "OUT-A3",
                     "&lt;script&gt;alert(&#39;cell&#39;)", "PROSE-B", "&quot;OUT-B1&quot;", ">OUT-B1</pre>", "warning OUT-B2"]
        let positions = order.compactMap { position($0, in: html) }
        XCTAssertEqual(positions.count, order.count)
        XCTAssertEqual(positions, positions.sorted(), "outputs appear after their code, in order, before the next block")
        // Prints of one stream are kept together; a change of stream starts a new block.
        XCTAssertTrue(html.contains("<pre class=\"out out-stdout\">OUT-B1</pre><pre class=\"out out-stderr\">warning OUT-B2</pre>"))
        // Outputs sit inside their cell.
        let cellStart = try XCTUnwrap(position("id=\"cell-1\"", in: html))
        let cellEnd = try XCTUnwrap(position("id=\"cell-2\"", in: html))
        let out = try XCTUnwrap(position("OUT-A3", in: html))
        XCTAssertTrue(cellStart < out && out < cellEnd)
    }

    func testACellPrintingAScriptTagShowsTextAndInjectsNothing() throws {
        let html = try page()
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;cell&#39;)&lt;/script&gt;"))
        XCTAssertFalse(html.contains("<script>alert"))
        // Every <script> on the page is one of ours, loaded from assets/.
        let scripts = html.components(separatedBy: "<script").dropFirst()
        XCTAssertFalse(scripts.isEmpty)
        for script in scripts { XCTAssertTrue(script.hasPrefix(" src=\"assets/"), String(script.prefix(60))) }
    }

    func testRawHTMLInProseIsShownAsTextExceptAFewHarmlessTags() throws {
        let html = try page()
        XCTAssertFalse(html.contains("alert(\"prose\")</script>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert"))
        XCTAssertTrue(html.contains("<sub>sub</sub>"))
        XCTAssertFalse(html.contains("a comment for authors"), "HTML comments are dropped")
        // The page title holds < and &, and is escaped where it is shown.
        XCTAssertTrue(html.contains("<h1>Tensors &amp; &lt;friends&gt;</h1>"))
        XCTAssertTrue(html.contains("<title>Tensors &amp; &lt;friends&gt; · "))
    }

    func testFormulasKeepTheirTeXAndDollarsInCodeOrPricesStayText() throws {
        let html = try page()
        // `*` and `_` inside a formula are TeX, not emphasis.
        XCTAssertTrue(html.contains("<span class=\"math inline\">x_1 * x_2 * x_3</span>"))
        XCTAssertTrue(html.contains("<span class=\"math display\">\\sigma(z) = \\frac{1}{1 + e^{-z}}</span>"))
        XCTAssertFalse(html.contains("<em>"))
        // Dollars in code and in prices are not math.
        XCTAssertTrue(html.contains("<code>$not_math$</code>"))
        XCTAssertTrue(html.contains("prices like $5 and $10 stay text"))
        // Pages with math load KaTeX; pages without do not.
        XCTAssertTrue(html.contains("assets/katex/katex.min.js"))
        XCTAssertFalse(try page("10-last.html").contains("katex"))
    }

    func testCalloutsAreStyledAndAnErratumIsLabelledSlideErratum() throws {
        let html = try page()
        XCTAssertTrue(html.contains("<aside class=\"callout callout-erratum\" role=\"note\"><p class=\"callout-title\">Slide erratum</p>"))
        XCTAssertTrue(html.contains("The slide says the output is 0.5; the computed value is 0.25."))
        XCTAssertFalse(html.contains("[!ERRATUM]"), "the marker itself is not shown")
        XCTAssertTrue(html.contains("<aside class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Note: Shapes</p>"))
    }

    func testEveryShownCellIsStampedWithItsRunTimeAndNotWithWhereItCameFrom() throws {
        let html = try page()
        XCTAssertTrue(html.contains("<span class=\"cell-status\" title=\"How long the cell took when it ran\">420 ms</span>"), html)
        XCTAssertTrue(html.contains("title=\"How long the cell took when it ran\">1.5 s</span>"))
        XCTAssertFalse(html.contains("cached"))
        let cells = html.components(separatedBy: "<section class=\"cell ").count - 1
        let stamps = html.components(separatedBy: "<span class=\"cell-status\"").count - 1
        let hiddenChecks = html.components(separatedBy: "<section class=\"cell cell-hiddenCheck").count - 1
        XCTAssertEqual(stamps, cells - hiddenChecks)
        XCTAssertEqual(cells, 6 + hiddenChecks, "normal ×2, exercise, check, fails, python; hidden setup and solution are not shown")
    }

    func testExercisesShowStarterCodeAndPointsButSolutionsOnlyInAnInstructorBuild() throws {
        let html = try page()
        XCTAssertTrue(html.contains("STARTER_CODE"))
        XCTAssertTrue(html.contains("Exercise “relu” · 2 points"))
        XCTAssertFalse(html.contains("SOLUTION_CODE"))
        let instructor = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: instructor) }
        _ = try SiteBuilder(outputDirectory: instructor, options: SiteOptions(includeSolutions: true))
            .build(pages: SiteFixtures.pages, images: SiteFixtures.images)
        let withSolutions = try SiteFixtures.read(instructor, "01-intro.html")
        let details = try XCTUnwrap(position("<details class=\"solution\"><summary>Solution of exercise “relu”</summary>", in: withSolutions))
        let solution = try XCTUnwrap(position("SOLUTION_CODE", in: withSolutions))
        XCTAssertLessThan(details, solution)
    }

    func testHiddenSetupAndHiddenChecksNeverShowTheirSource() throws {
        let html = try page()
        XCTAssertFalse(html.contains("SETUP_SECRET"))
        XCTAssertFalse(html.contains("HIDDEN_CHECK_SOURCE"))
        XCTAssertFalse(html.contains("HIDDEN_NAME"))
        XCTAssertFalse(html.contains("HIDDEN_MESSAGE"))
        XCTAssertFalse(html.contains("HIDDEN_PRINT"), "what a hidden check prints is not shown either")
        XCTAssertTrue(html.contains("<span class=\"check-name\">Hidden check</span><span class=\"check-verdict\">passed</span>"))
        // A public check shows its name, verdict and message.
        XCTAssertTrue(html.contains("<span class=\"check-name\">relu(-1)</span><span class=\"check-verdict\">not yet — starter code</span><span class=\"check-message\">expected 0, got -1</span>"))
        XCTAssertFalse(try SiteFixtures.read(dir, "assets/search-index.js").contains("SETUP_SECRET"))
    }

    func testCodeInAnotherLanguageIsLabelledWithItAndStampedNotRun() throws {
        let html = try page()
        let python = SiteFixtures.introLesson.cells[8]
        XCTAssertEqual(python.kind, .other(language: "python"))
        XCTAssertTrue(html.contains("<div class=\"cell-head\"><span class=\"cell-label\">python</span><a class=\"cell-loc\" href=\"#cell-9\" title=\"Where this cell is in the lesson source\">lessons/01-intro.md:\(python.fenceLine)</a><span class=\"cell-actions\"><span class=\"cell-status\" title=\"This cell was not run\">not run</span>"), html)
    }

    func testAnExpectedFailureIsShownAsExpectedWithItsLocation() throws {
        let html = try page()
        let fails = SiteFixtures.introLesson.cells[7]
        XCTAssertEqual(fails.kind, .fails)
        XCTAssertTrue(html.contains("<div class=\"out out-error expected\"><p class=\"error-title\">Fails as expected — crashed at lessons/01-intro.md:\(fails.codeLine)</p><pre>matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ</pre></div>"))
    }

    func testAFailsCellThatDidNotFailIsShownAsAnError() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lesson = SiteFixtures.lesson("05-f.md", title: "F", order: 5, "```swift fails\nlet ok = 1\n```\n")
        let error = CellError(kind: .unexpectedSuccess, message: "this cell was expected to fail but ran to its end")
        let page = SiteFixtures.page(lesson, [0: CellResult(index: 0, status: .failed, outputs: [.error(error)])])
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [page])
        let html = try SiteFixtures.read(dir, "05-f.html")
        XCTAssertTrue(html.contains("<div class=\"out out-error\" role=\"alert\"><p class=\"error-title\">Failed at lessons/05-f.md:5</p>"), html)
        XCTAssertFalse(html.contains("Fails as expected"))
        XCTAssertTrue(html.contains("<span class=\"cell-status\" title=\"This cell failed when it ran\">failed</span>"))
    }

    func testSwiftIsHighlightedWhenTheSiteIsBuilt() throws {
        let html = try page()
        XCTAssertTrue(html.contains("<span class=\"tok-kw\">let</span> a = <span class=\"tok-num\">1</span>"))
        XCTAssertTrue(html.contains("<span class=\"tok-fn\">print</span>(<span class=\"tok-str\">&quot;OUT-A1&quot;</span>)"))
        XCTAssertTrue(html.contains("<span class=\"tok-kw\">func</span> <span class=\"tok-fn\">relu</span>(_ x: <span class=\"tok-ty\">Float</span>)"))
        // Other languages are shown as code, not run and not mistaken for Swift.
        XCTAssertTrue(html.contains("<pre class=\"code\" data-lang=\"python\"><code>import torch  <span class=\"tok-com\"># the slide&#39;s version</span></code></pre>"))
        XCTAssertEqual(html.components(separatedBy: "<button class=\"copy\"").count - 1, 6, "a copy button on each shown cell")
    }

    func testNoRequestLeavesThePage() throws {
        let report = try XCTUnwrap(Self.built?.report)
        let textFiles = report.files.filter { [".html", ".css", ".js", ".svg"].contains(where: $0.hasSuffix) }
        XCTAssertGreaterThan(textFiles.count, 8)
        for file in textFiles {
            var text = try SiteFixtures.read(dir, file)
            if file.hasSuffix(".html") {
                // Plain links in prose are allowed: a reader clicking them leaves on purpose.
                text = text.replacingOccurrences(of: "<a href=\"https://example.com/docs\">", with: "")
                text = text.replacingOccurrences(of: "<a href=\"https://example.com/a.png\">", with: "")
            }
            if file.hasSuffix(".js") || file.hasSuffix(".svg") {
                // XML namespace names inside KaTeX are identifiers, never fetched.
                text = text.replacingOccurrences(of: "http://www.w3.org/1998/Math/MathML", with: "")
                text = text.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
            }
            XCTAssertFalse(text.contains("http://") || text.contains("https://") || text.contains("src=\"//"),
                           "\(file) refers to another site")
        }
        // The remote picture in the prose became a link, not an <img>.
        XCTAssertFalse(try page().contains("<img src=\"https://"))
    }

    func testSearchIndexHoldsEveryLessonsHeadingsAndText() throws {
        let script = try SiteFixtures.read(dir, "assets/search-index.js")
        XCTAssertTrue(script.hasPrefix("window.COURSE_SEARCH = ["))
        XCTAssertTrue(script.contains("{\"p\":\"02-networks.html\",\"t\":\"Networks\",\"o\":2,\"h\":\"Training\",\"a\":\"training\",\"x\":\"Gradient descent SEARCHWORD.\",\"c\":\"print\"}"))
        // Text that could close a script tag is escaped.
        XCTAssertTrue(script.contains("\\u003cfriends\\u003e"))
        XCTAssertFalse(script.contains("</script"))
        // Every page loads the index and the search box.
        for page in ["index.html", "01-intro.html", "10-last.html"] {
            let html = try self.page(page)
            XCTAssertTrue(html.contains("<script src=\"assets/search-index.js\"></script>"))
            XCTAssertTrue(html.contains("id=\"search-input\""))
        }
    }

    func testProseAfterACellIsFoundUnderTheHeadingAboveIt() throws {
        let script = try SiteFixtures.read(dir, "assets/search-index.js")
        // "PROSE-B" sits between two cells, under "## Cells and their outputs".
        XCTAssertTrue(script.contains("\"h\":\"Cells and their outputs\",\"a\":\"cells-and-their-outputs\",\"x\":\"Between the cells, PROSE-B.\",\"c\":\"OUT print\"}"), script)
        XCTAssertEqual(script.components(separatedBy: "\"a\":\"cells-and-their-outputs\"").count - 1, 1, "one entry per heading")
    }

    func testNamesInShownCodeAreSearchableButHiddenCodeIsNot() throws {
        let script = try SiteFixtures.read(dir, "assets/search-index.js")
        XCTAssertTrue(script.contains("\"a\":\"exercise-relu\",\"x\":\"Write relu.\",\"c\":\"Float STARTER_CODE checkClose matmul relu\"}"), script)
        for secret in ["SETUP_SECRET", "HIDDEN_CHECK_SOURCE", "SOLUTION_CODE"] {
            XCTAssertFalse(script.contains(secret), secret)
        }
    }

    func testPipeTablesBecomeTablesWithAlignedCellsAndInlineMarkdown() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = SiteFixtures.page("01-t.md", title: "T", """
        The parameters:
        | name | value | note |
        |:-----|------:|:----:|
        | $\\beta_1$ | `0.25` | *as printed* |
        | a \\| b | 1 |
        | x | y | z | extra |

        After the table.

        ```text
        | not | a | table |
        |-----|---|-------|
        ```
        """)
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [page])
        let html = try SiteFixtures.read(dir, "01-t.html")
        XCTAssertTrue(html.contains("<p>The parameters:</p>"))
        XCTAssertTrue(html.contains("<thead><tr><th class=\"align-left\">name</th><th class=\"align-right\">value</th><th class=\"align-center\">note</th></tr></thead>"), html)
        XCTAssertTrue(html.contains("<tr><td class=\"align-left\"><span class=\"math inline\">\\beta_1</span></td><td class=\"align-right\"><code>0.25</code></td><td class=\"align-center\"><em>as printed</em></td></tr>"))
        // An escaped pipe stays in its cell; short rows are padded, long rows cut to the header's width.
        XCTAssertTrue(html.contains("<tr><td class=\"align-left\">a | b</td><td class=\"align-right\">1</td><td class=\"align-center\"></td></tr>"))
        XCTAssertTrue(html.contains("<tr><td class=\"align-left\">x</td><td class=\"align-right\">y</td><td class=\"align-center\">z</td></tr>"))
        XCTAssertFalse(html.contains("extra"))
        XCTAssertTrue(html.contains("<p>After the table.</p>"))
        // Inside fenced code a table is just text.
        XCTAssertEqual(html.components(separatedBy: "<table>").count - 1, 1)
        XCTAssertTrue(html.contains("| not | a | table |"))
    }

    func testIndexSummariesTypesetTheirMathAndNeverCutAFormula() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let long = String(repeating: "word ", count: 40) + "then $\\sum_{k=1}^{K} \\beta_k h_k(X) + \\beta_0 + \\text{a long formula that crosses the limit}$ end."
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [
            SiteFixtures.page("01-a.md", title: "A", "> [!NOTE]\n> Not the summary.\n\nWith $x^2$ inside."),
            SiteFixtures.page("02-b.md", title: "B", order: 2, long),
        ])
        let index = try SiteFixtures.read(dir, "index.html")
        XCTAssertTrue(index.contains("<span class=\"summary\">With <span class=\"math inline\">x^2</span> inside.</span>"), index)
        XCTAssertFalse(index.contains("Not the summary"), "a callout is not the lesson's summary")
        XCTAssertTrue(index.contains("word then…</span>"), "the cut falls before the formula, not inside it")
        XCTAssertTrue(index.contains("assets/katex/katex.min.js"))
    }

    func testTerminalCodesAndRedrawnProgressLinesShowAsTheTerminalWouldEnd() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lesson = SiteFixtures.lesson("01-a.md", title: "A", order: 1, "```swift\ntrain()\n```\n")
        let page = SiteFixtures.page(lesson, [0: CellResult(index: 0, status: .ran, outputs: [
            .text("\u{1B}[32mgreen\u{1B}[0m text\n"),
            .text("epoch 1 [#---] 25%\repoch 1 [##--] 50%\repoch 1 [####] 100%\n"),
            .text("windows line\r\nnext\n"),
        ])])
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [page])
        let html = try SiteFixtures.read(dir, "01-a.html")
        XCTAssertTrue(html.contains("<pre class=\"out out-stdout\">green text\nepoch 1 [####] 100%\nwindows line\nnext</pre>"), html)
        XCTAssertFalse(html.contains("\u{1B}"))
        XCTAssertFalse(html.contains("25%"))
    }

    func testAnUnclosedDisplayFormulaIsReportedWithItsLesson() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try SiteBuilder(outputDirectory: dir).build(pages: [
            SiteFixtures.page("04-oops.md", title: "Oops", order: 4, "Fine $x$.\n\n$$ y = mx + b\n\nNext paragraph."),
        ])
        XCTAssertEqual(report.warnings.count, 1, "\(report.warnings)")
        XCTAssertTrue(report.warnings[0].hasPrefix("04-oops: display math \"$$ y = mx + b"), report.warnings[0])
        XCTAssertTrue(try SiteFixtures.read(dir, "04-oops.html").contains("<span class=\"math inline\">x</span>"))
    }

    func testALessonSaysHowToRunItAndDescribesItselfToSearchEngines() throws {
        let html = try page("02-networks.html")
        XCTAssertTrue(html.contains("<p class=\"run-hint\">Run it yourself: <code>course run 02</code></p>"))
        XCTAssertTrue(html.contains("<meta name=\"description\" content=\"A layer computes $Wx + b$.\">"), html)
    }

    func testThemesFollowTheSystemAndCanBeToggled() throws {
        let css = try SiteFixtures.read(dir, "assets/site.css")
        XCTAssertTrue(css.contains("@media (prefers-color-scheme: dark)"))
        XCTAssertTrue(css.contains(":root[data-theme=\"dark\"]"))
        XCTAssertTrue(try page().contains("id=\"theme-toggle\""))
        XCTAssertTrue(try SiteFixtures.read(dir, "assets/theme.js").contains("localStorage"))
    }

    func testHeadingsGetUniqueAnchorsThatDoNotClashWithThePageFrame() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = SiteFixtures.page("01-a.md", title: "A", "## Content\n\n## Loss\n\ntext\n\n## Loss\n\n## $x^2$ and `y`")
        _ = try SiteBuilder(outputDirectory: dir).build(pages: [page])
        let html = try SiteFixtures.read(dir, "01-a.html")
        let headings = html.components(separatedBy: "\n").filter { $0.hasPrefix("<h2") }.joined(separator: "\n")
        XCTAssertTrue(html.contains("<h2 id=\"content-2\">Content"), "the id 'content' belongs to <main>: \(headings)")
        XCTAssertTrue(html.contains("<h2 id=\"loss\">Loss"))
        XCTAssertTrue(html.contains("<h2 id=\"loss-2\">Loss"))
        XCTAssertTrue(html.contains("<h2 id=\"x2-and-y\"><span class=\"math inline\">x^2</span> and <code>y</code>"), headings)
    }
}
