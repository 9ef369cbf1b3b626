import Foundation
import Lessons
import XCTest

/// What cells print is bounded (stdout and stderr alike) and cannot drive the terminal.
final class OutputSafetyTests: XCTestCase {
    func testStderrIsCappedLikeStdoutAndTheCapIsSaidInPlace() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let lesson = try fixture.lesson("""
            ```swift
            import Foundation
            let line = String(repeating: "e", count: 1023) + "\\n"
            for _ in 0..<3000 { FileHandle.standardError.write(line.data(using: .utf8)!) }
            print("done")
            ```
            """)
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false))
        let stderr = result.cells[0].outputs.compactMap { if case .stderr(let text) = $0 { return text } else { return nil } }
        let kept = stderr.filter { !$0.contains("not kept") }.joined()
        XCTAssertLessThanOrEqual(kept.utf8.count, 1 << 20)
        XCTAssertGreaterThan(kept.utf8.count, 1_000_000)
        // 3000 KiB written, 1024 KiB kept: 1976 KiB dropped, said as ≈ 2 MiB.
        XCTAssertTrue(stderr.contains("\n… 2 MiB more of stderr not kept (the first 1 MiB is above)\n"), "\(stderr.map(\.count))")
        XCTAssertEqual(result.cells[0].text, "done\n")
    }

    func testCursorMovesScreenClearsAndTitlesAreShownNotObeyedButColourPasses() throws {
        let lesson = try LessonParser.parse("---\ntitle: T\n---\n```swift\nprint(1)\n```\n",
                                            url: URL(fileURLWithPath: "/tmp/01-t.md"), displayPath: "lessons/01-t.md")
        let printed = "\u{1B}[31mred\u{1B}[0m \u{1B}[1A\u{1B}[2K\u{1B}[2J\u{1B}]0;owned\u{07}\r50%\r100%\n"
        let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: URL(fileURLWithPath: "/tmp"), color: true)
        let shown = formatter.format(.text(printed), of: lesson.cells[0])
        XCTAssertTrue(shown.hasPrefix("\u{1B}[31mred\u{1B}[0m "), shown.debugDescription)
        XCTAssertEqual(shown.unicodeScalars.filter { $0 == "\u{1B}" }.count, 2, "only the two colour sequences remain")
        XCTAssertTrue(shown.contains("␛[1A␛[2K␛[2J␛]0;owned\\u{7}"), shown.debugDescription)
        XCTAssertTrue(shown.hasSuffix("\r50%\r100%\n"), "progress redraws still work")
        let raw = TerminalFormatter(lesson: lesson, outputsDirectory: URL(fileURLWithPath: "/tmp"), color: true, raw: true)
        XCTAssertEqual(raw.format(.text(printed), of: lesson.cells[0]), printed, "--raw passes everything")
        let plain = TerminalFormatter(lesson: lesson, outputsDirectory: URL(fileURLWithPath: "/tmp"), color: false)
        XCTAssertFalse(plain.format(.text(printed), of: lesson.cells[0]).unicodeScalars.contains("\u{1B}"),
                       "without colour nothing of the sequences passes")
    }
}
