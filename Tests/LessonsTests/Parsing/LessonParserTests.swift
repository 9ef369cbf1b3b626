import Foundation
import Lessons
import XCTest

final class LessonParserTests: XCTestCase {
    private func parse(_ text: String, name: String = "07-sample.md") throws -> Lesson {
        try LessonParser.parse(text, url: URL(fileURLWithPath: "/tmp/lessons/\(name)"), displayPath: "lessons/\(name)")
    }

    private let header = "---\ntitle: Sample\n---\n"

    func testFencedSwiftBlocksBecomeCellsWithTheirFenceLines() throws {
        let lesson = try parse(header + """
            Intro prose.

            ```swift
            let a = 1
            ```

            Middle.

            ```swift hidden
            let b = 2
            ```
            """)
        XCTAssertEqual(lesson.cells.map(\.kind), [.code, .hidden])
        XCTAssertEqual(lesson.cells.map(\.code), ["let a = 1\n", "let b = 2\n"])
        XCTAssertEqual(lesson.cells.map(\.fenceLine), [6, 12])
        XCTAssertEqual(lesson.cells.map(\.codeLine), [7, 13])
        XCTAssertEqual(lesson.cells.map(\.index), [0, 1])
        XCTAssertEqual(lesson.cells[1].precedingProse, "\nMiddle.\n")
    }

    func testProseIsKeptVerbatimBetweenCells() throws {
        let lesson = try parse(header + "# Title\n\nSome *prose* with $x$.\n\n```swift\nprint(1)\n```\n\nAfter.\n")
        guard lesson.blocks.count == 3,
              case .prose(let before) = lesson.blocks[0],
              case .cell = lesson.blocks[1],
              case .prose(let after) = lesson.blocks[2] else {
            return XCTFail("expected prose, cell, prose; got \(lesson.blocks)")
        }
        XCTAssertEqual(before.markdown, "# Title\n\nSome *prose* with $x$.\n")
        XCTAssertEqual(before.line, 4)
        XCTAssertEqual(after.markdown, "\nAfter.\n")
        // The same parse gave the prose its tree.
        XCTAssertEqual(before.blocks, [
            .heading(level: 1, [.text("Title")]),
            .paragraph([.text("Some "), .emphasis([.text("prose")]), .text(" with "), .math("x", display: false), .text(".")]),
        ])
        XCTAssertEqual(after.blocks, [.paragraph([.text("After.")])])
    }

    func testInfoStringsGiveEveryCellKind() throws {
        let lesson = try parse(header + """
            ```swift norun
            x
            ```
            ```swift fails
            x
            ```
            ```swift exercise id=relu points=3
            x
            ```
            ```swift solution id=relu
            x
            ```
            ```swift check id=relu
            x
            ```
            ```swift check id=relu hidden
            x
            ```
            """)
        XCTAssertEqual(lesson.cells.map(\.kind), [
            .norun, .fails, .exercise(id: "relu", points: 3), .solution(id: "relu"),
            .check(id: "relu", hidden: false), .check(id: "relu", hidden: true),
        ])
        XCTAssertEqual(lesson.cells.map(\.runs), [false, true, true, false, true, true])
    }

    func testLongerFenceHoldsNestedBackticks() throws {
        let lesson = try parse(header + "````swift\nlet s = \"\"\"\n```swift\ninner\n```\n\"\"\"\n````\n")
        XCTAssertEqual(lesson.cells.count, 1)
        XCTAssertEqual(lesson.cells[0].code, "let s = \"\"\"\n```swift\ninner\n```\n\"\"\"\n")
        XCTAssertEqual(lesson.cells[0].kind, .code)
    }

    func testTildeFencesAreCellsToo() throws {
        let lesson = try parse(header + "~~~swift\nlet t = 1\n~~~\n")
        XCTAssertEqual(lesson.cells.map(\.code), ["let t = 1\n"])
    }

    func testNonSwiftAndIndentedBlocksAreShownButNeverRun() throws {
        let lesson = try parse(header + "```python\nprint('hi')\n```\n\n```\nplain\n```\n\nText:\n\n    indented code\n")
        XCTAssertEqual(lesson.cells.map(\.kind), [.other(language: "python"), .other(language: nil), .other(language: nil)])
        XCTAssertEqual(lesson.cells.map(\.runs), [false, false, false])
        XCTAssertEqual(lesson.cells[2].code, "indented code\n")
    }

    func testFenceInsideAListOrQuoteStaysProse() throws {
        let lesson = try parse(header + "- item\n\n  ```swift\n  print(1)\n  ```\n\n> ```swift\n> print(2)\n> ```\n")
        XCTAssertTrue(lesson.cells.isEmpty)
        XCTAssertEqual(lesson.blocks.count, 1)
        guard case .prose(let prose) = lesson.blocks[0] else { return XCTFail("\(lesson.blocks)") }
        XCTAssertEqual(prose.blocks, [
            .list(ordered: false, start: 0, tight: false,
                  items: [[.paragraph([.text("item")]), .code(info: "swift", code: "print(1)\n")]]),
            .quote([.code(info: "swift", code: "print(2)\n")]),
        ])
    }

    func testEmptyLessonHasNoBlocks() throws {
        let lesson = try parse(header)
        XCTAssertEqual(lesson.title, "Sample")
        XCTAssertTrue(lesson.blocks.isEmpty)
        XCTAssertTrue(lesson.cells.isEmpty)
    }

    func testFileNameGivesIdSlugAndDefaultOrder() throws {
        let lesson = try parse(header, name: "12-backprop-by-hand.md")
        XCTAssertEqual(lesson.id, "12")
        XCTAssertEqual(lesson.slug, "backprop-by-hand")
        XCTAssertEqual(lesson.frontMatter.order, 12)
        XCTAssertEqual(lesson.frontMatter.seed, 42)
        XCTAssertEqual(lesson.frontMatter.timeout, 60)
    }

    func testWindowsLineEndingsParseTheSame() throws {
        let lesson = try parse("---\r\ntitle: Sample\r\n---\r\n```swift\r\nlet a = 1\r\n```\r\n")
        XCTAssertEqual(lesson.title, "Sample")
        XCTAssertEqual(lesson.cells.map(\.code), ["let a = 1\n"])
    }

    func testUnknownInfoWordIsAnErrorNamingTheLine() throws {
        XCTAssertThrowsError(try parse(header + "\n```swift hiden\nx\n```\n")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("lessons/07-sample.md:5:"), text)
            XCTAssertTrue(text.contains("hiden"), text)
        }
    }

    func testExerciseWithoutIdIsAnError() throws {
        XCTAssertThrowsError(try parse(header + "```swift exercise points=2\nx\n```\n")) { error in
            XCTAssertTrue("\(error)".contains("needs id=ID"), "\(error)")
        }
    }

    func testCheckOfAMissingExerciseIsAnError() throws {
        XCTAssertThrowsError(try parse(header + "```swift exercise id=a\nx\n```\n```swift check id=b\nx\n```\n")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("lessons/07-sample.md:7:"), text)
            XCTAssertTrue(text.contains("exercises: a"), text)
        }
    }

    func testDuplicateExerciseIdIsAnError() throws {
        XCTAssertThrowsError(try parse(header + "```swift exercise id=a\nx\n```\n```swift exercise id=a\ny\n```\n")) { error in
            XCTAssertTrue("\(error)".contains("used twice"), "\(error)")
        }
    }

    func testUnclosedFenceIsAnError() throws {
        XCTAssertThrowsError(try parse(header + "text\n\n```swift\nlet a = 1\n")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains(":6:") && text.contains("never closed"), text)
        }
    }
}
