import Foundation
import Lessons
import XCTest

final class FrontMatterTests: XCTestCase {
    private func parse(_ text: String, name: String = "05-x.md") throws -> Lesson {
        try LessonParser.parse(text, url: URL(fileURLWithPath: "/tmp/\(name)"), displayPath: "lessons/\(name)")
    }

    private func assertError(_ text: String, line: Int, mentions needle: String,
                             file: StaticString = #filePath, testLine: UInt = #line) {
        XCTAssertThrowsError(try parse(text), file: file, line: testLine) { error in
            guard case LessonError.badFrontMatter(let path, let errorLine, let reason) = error else {
                return XCTFail("expected a front matter error, got \(error)", file: file, line: testLine)
            }
            XCTAssertEqual(path, "lessons/05-x.md", file: file, line: testLine)
            XCTAssertEqual(errorLine, line, file: file, line: testLine)
            XCTAssertTrue(reason.contains(needle), reason, file: file, line: testLine)
        }
    }

    func testAllKeysAreRead() throws {
        let lesson = try parse("---\ntitle: \"Quoted: title\"\norder: 9\nseed: 7   # the seed\ntimeout: 2.5\n---\n")
        XCTAssertEqual(lesson.frontMatter, FrontMatter(title: "Quoted: title", order: 9, seed: 7, timeout: 2.5))
    }

    func testMissingFrontMatterIsAnError() {
        assertError("# Just a title\n", line: 1, mentions: "front matter")
    }

    func testMissingClosingLineIsAnError() {
        assertError("---\ntitle: A\n\nprose\n", line: 1, mentions: "closing '---'")
    }

    func testMissingTitleIsAnError() {
        assertError("---\norder: 3\n---\n", line: 1, mentions: "'title:' is missing")
    }

    func testBadNumbersNameTheirLine() {
        assertError("---\ntitle: A\norder: three\n---\n", line: 3, mentions: "order 'three'")
        assertError("---\ntitle: A\nseed: -1\n---\n", line: 3, mentions: "seed '-1'")
        assertError("---\ntitle: A\n\ntimeout: 0\n---\n", line: 4, mentions: "timeout '0'")
    }

    func testUnknownAndRepeatedKeysAreErrors() {
        assertError("---\ntitle: A\nauthor: me\n---\n", line: 3, mentions: "unknown key 'author'")
        assertError("---\ntitle: A\ntitle: B\n---\n", line: 3, mentions: "given twice")
    }

    func testLineNumbersCountTheFrontMatter() throws {
        let lesson = try parse("---\ntitle: A\nseed: 1\n---\n\n```swift\nx\n```\n")
        XCTAssertEqual(lesson.cells.first?.fenceLine, 6)
    }
}
