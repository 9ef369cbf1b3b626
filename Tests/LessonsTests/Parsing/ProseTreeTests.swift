import Foundation
import Lessons
import XCTest

/// The tree cmark-gfm's one parse gives, after the math and callout passes.
final class ProseTreeTests: XCTestCase {
    private func blocks(_ markdown: String) -> [MarkdownBlock] { LessonParser.prose(markdown).blocks }

    func testFormulasAreReadBeforeMarkdownSoTeXKeepsItsStarsUnderscoresAndBackslashes() {
        XCTAssertEqual(blocks("We multiply $x_1 * x_2 * x_3$ and $a\\\\b \\{c\\}$."), [
            .paragraph([.text("We multiply "), .math("x_1 * x_2 * x_3", display: false), .text(" and "),
                        .math("a\\\\b \\{c\\}", display: false), .text(".")]),
        ])
    }

    func testDollarsInCodeEscapedOrInPricesAreNotMath() {
        XCTAssertEqual(blocks("`$not_math$`, \\$x\\$ and prices like $5 and $10."), [
            .paragraph([.code("$not_math$"), .text(", $x$ and prices like $5 and $10.")]),
        ])
    }

    func testADisplayFormulaAloneInItsParagraphBecomesAMathBlock() {
        XCTAssertEqual(blocks("$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$\n\nText $$a$$ inline."), [
            .math("\\sigma(z) = \\frac{1}{1 + e^{-z}}"),
            .paragraph([.text("Text "), .math("a", display: true), .text(" inline.")]),
        ])
    }

    func testAnUnclosedDisplayFormulaIsReportedAndLeftAsText() {
        let prose = LessonParser.prose("Fine $x$.\n\n$$ y = mx + b\n\nNext paragraph.")
        XCTAssertEqual(prose.warnings, ["display math \"$$ y = mx + b…\" has no closing $$ in its paragraph"])
        XCTAssertEqual(prose.blocks[1], .paragraph([.text("$$ y = mx + b")]))
    }

    func testCalloutsTakeTheirKindAndTitleFromTheMarkerLine() {
        XCTAssertEqual(blocks("> [!NOTE] Shapes\n> Images are NCHW.\n\n> [!erratum]\n> 0.25, not 0.5.\n\n> [!NOPE]\n> quoted"), [
            .callout(.note, title: [.text("Shapes")], [.paragraph([.text("Images are NCHW.")])]),
            .callout(.erratum, title: [], [.paragraph([.text("0.25, not 0.5.")])]),
            .quote([.paragraph([.text("[!NOPE]"), .softBreak, .text("quoted")])]),
        ])
    }

    func testTablesComeFromCmarkGFMWithAlignmentsAndInlineCells() {
        let table = Table(alignments: [.left, .right, .center],
                          header: [[.text("name")], [.text("value")], [.text("note")]],
                          rows: [[[.math("\\beta_1", display: false)], [.code("0.25")], [.emphasis([.text("as printed")])]],
                                 [[.text("a | b")], [.text("1")], []]])
        XCTAssertEqual(blocks("| name | value | note |\n|:-----|------:|:----:|\n| $\\beta_1$ | `0.25` | *as printed* |\n| a \\| b | 1 |\n"),
                       [.table(table)])
    }

    func testStrikethroughAndAutolinksAreGitHubs() {
        XCTAssertEqual(blocks("~~old~~ see https://example.com/docs"), [
            .paragraph([.strikethrough([.text("old")]), .text(" see "),
                        .link(url: "https://example.com/docs", title: "", [.text("https://example.com/docs")])]),
        ])
    }

    func testAWorkbookAndALessonFindTheSameTopLevelCode() throws {
        let text = "---\ntitle: W\n---\n- a list\n\n  ```swift exercise id=a\n  nested\n  ```\n\n```swift exercise id=a\nanswer\n```\n"
        let lesson = try LessonParser.parse(text, url: URL(fileURLWithPath: "/tmp/07-w.md"), displayPath: "07-w.md")
        XCTAssertEqual(lesson.cells.map(\.code), ["answer\n"])
        XCTAssertEqual(lesson.cells.map(\.fenceLine), [10])
    }
}
