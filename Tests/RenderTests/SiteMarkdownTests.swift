import Foundation
import Lessons
import Render
import XCTest

/// Prose and code as they come out on a page: math protection, links, raw HTML, highlighting edge cases.
final class SiteMarkdownTests: XCTestCase {
    /// The <article> of a one-page site built from a lesson with this body, and the build's warnings.
    private func article(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws -> (String, [String]) {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try SiteBuilder(outputDirectory: dir).build(pages: [SiteFixtures.page(body)])
        let html = try SiteFixtures.read(dir, "01-x.html")
        guard let start = html.range(of: "<article>"), let end = html.range(of: "</article>") else {
            XCTFail("no article", file: file, line: line); return ("", [])
        }
        return (String(html[start.upperBound..<end.lowerBound]), report.warnings)
    }

    private func prose(_ markdown: String) throws -> String { try article(markdown).0 }

    /// The highlighted code of a cell holding `source`.
    private func code(_ source: String, language: String = "swift") throws -> String {
        let html = try article("```\(language == "swift" ? "swift norun" : language)\n\(source)\n```\n").0
        guard let start = html.range(of: "<code>"), let end = html.range(of: "</code></pre>") else { return "" }
        return String(html[start.upperBound..<end.lowerBound])
    }

    // MARK: math

    func testEscapedDollarsAreLiteralAndNotMath() throws {
        let html = try prose("It costs \\$3 and \\$4, not $y$.")
        XCTAssertTrue(html.contains("It costs $3 and $4, not <span class=\"math inline\">y</span>."), html)
    }

    func testInlineMathMaySpanALineButNotABlankLine() throws {
        XCTAssertTrue(try prose("See $a +\nb$ here.").contains("<span class=\"math inline\">a +\nb</span>"))
        let broken = try prose("See $a +\n\nb$ here.")
        XCTAssertFalse(broken.contains("class=\"math"), broken)
    }

    func testDisplayMathInsideAParagraphStaysInTheParagraph() throws {
        let html = try prose("Before $$x^2$$ after.")
        XCTAssertTrue(html.contains("<p>Before <span class=\"math display\">x^2</span> after.</p>"), html)
    }

    func testMathKeepsItsBackslashesUnderscoresAndAngleBrackets() throws {
        let html = try prose("$$\\langle a_1, b_1 \\rangle < \\|x\\|_2 \\\\ c$$")
        XCTAssertTrue(html.contains("<span class=\"math display\">\\langle a_1, b_1 \\rangle &lt; \\|x\\|_2 \\\\ c</span>"), html)
    }

    func testMathInLinkTextAndEmphasisIsStillMath() throws {
        let html = try prose("[the $\\ell_2$ norm](https://example.com) and *weights $w_1$*")
        XCTAssertTrue(html.contains("<a href=\"https://example.com\">the <span class=\"math inline\">\\ell_2</span> norm</a>"), html)
        XCTAssertTrue(html.contains("<em>weights <span class=\"math inline\">w_1</span></em>"), html)
    }

    func testFencedCodeInProseIsNotMathAndIsHighlighted() throws {
        let html = try prose("```swift\nlet price = \"$5 and $6\"\n```")
        XCTAssertFalse(html.contains("class=\"math"))
        XCTAssertTrue(html.contains("<span class=\"tok-str\">&quot;$5 and $6&quot;</span>"), html)
        XCTAssertTrue(html.contains("<button class=\"copy\""))
    }

    // MARK: links and raw HTML

    func testScriptLinksLoseTheirTargetAndAreReported() throws {
        let (html, warnings) = try article("[click](javascript:alert(1)) and [ok](02-next.html#top) and [mail](mailto:a@b.c)")
        XCTAssertTrue(html.contains("<a>click</a>"), html)
        XCTAssertTrue(html.contains("<a href=\"02-next.html#top\">ok</a>"))
        XCTAssertTrue(html.contains("<a href=\"mailto:a@b.c\">mail</a>"))
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].contains("javascript:alert(1)"))
    }

    func testRawHTMLBlocksAndAttributesAreEscaped() throws {
        let html = try prose("<div onclick=\"steal()\">\nhi\n</div>\n\nText with <img src=x onerror=alert(1)> and <kbd>Ctrl</kbd>.")
        XCTAssertFalse(html.contains("<div onclick"))
        XCTAssertTrue(html.contains("&lt;div onclick=&quot;steal()&quot;&gt;"))
        XCTAssertFalse(html.contains("<img src=x"))
        XCTAssertTrue(html.contains("<kbd>Ctrl</kbd>"))
    }

    func testAPictureInProseIsServedFromTheSiteWhenGiven() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = SiteFixtures.page("![the kernel](figures/kernel.png) and ![gone](nope.png)")
        let report = try SiteBuilder(outputDirectory: dir).build(pages: [page], images: ["kernel.png": .png(SiteFixtures.png)])
        let html = try SiteFixtures.read(dir, "01-x.html")
        XCTAssertTrue(html.contains("<img src=\"images/kernel.png\" alt=\"the kernel\" loading=\"lazy\">"), html)
        XCTAssertTrue(html.contains("[picture missing: gone]"))
        XCTAssertEqual(report.warnings.count, 1)
    }

    // MARK: highlighting

    func testHighlightingEscapesGenericsAndKeepsEveryCharacter() throws {
        let source = "let xs: Array<Int> = [0x1F, 1_000, 2.5e-3] // a < b && c > d\n/* outer /* inner */ still comment */ x"
        let html = try code(source)
        XCTAssertTrue(html.contains("<span class=\"tok-ty\">Array</span>&lt;<span class=\"tok-ty\">Int</span>&gt;"), html)
        XCTAssertTrue(html.contains("<span class=\"tok-num\">0x1F</span>"))
        XCTAssertTrue(html.contains("<span class=\"tok-num\">1_000</span>"))
        XCTAssertTrue(html.contains("<span class=\"tok-num\">2.5e-3</span>"))
        XCTAssertTrue(html.contains("<span class=\"tok-com\">// a &lt; b &amp;&amp; c &gt; d</span>"))
        XCTAssertTrue(html.contains("<span class=\"tok-com\">/* outer /* inner */ still comment */</span> x"), html)
        XCTAssertEqual(Self.stripTags(html), source, "highlighting adds markup, never changes the code")
    }

    func testInterpolatedAndRawAndMultiLineStrings() throws {
        let source = "print(\"loss \\(loss.item) at \\(step)\")\nlet raw = #\"a \\d \"quoted\"\"#\nlet doc = \"\"\"\n  two \"lines\"\n  \"\"\"\n@discardableResult func f() {}\n#if DEBUG\n#endif"
        let html = try code(source)
        XCTAssertTrue(html.contains("<span class=\"tok-str\">&quot;loss \\(</span>loss.item<span class=\"tok-str\">)</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"tok-str\">#&quot;a \\d &quot;quoted&quot;&quot;#</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"tok-str\">&quot;&quot;&quot;\n  two &quot;lines&quot;\n  &quot;&quot;&quot;</span>"), html)
        XCTAssertTrue(html.contains("<span class=\"tok-attr\">@discardableResult</span>"))
        XCTAssertTrue(html.contains("<span class=\"tok-dir\">#if</span> <span class=\"tok-ty\">DEBUG</span>"))
        XCTAssertEqual(Self.stripTags(html), source)
    }

    func testUnknownLanguagesAreShownVerbatim() throws {
        let source = "<b>not bold</b> & $x$"
        let html = try code(source, language: "text")
        XCTAssertEqual(html, "&lt;b&gt;not bold&lt;/b&gt; &amp; $x$")
    }

    func testAnEmptyCourseStillHasAnIndexThatSaysWhatToDo() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = try SiteBuilder(outputDirectory: dir).build(pages: [])
        XCTAssertEqual(report.pages, ["index.html"])
        XCTAssertTrue(try SiteFixtures.read(dir, "index.html").contains("No lessons yet"))
    }

    /// The text of highlighted HTML: tags removed and entities decoded.
    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" && inTag { inTag = false } else if !inTag { out.append(ch) }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
