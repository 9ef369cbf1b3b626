import Foundation
import Lessons
import Render
import XCTest

/// Which protocol a terminal gets, how large a picture is drawn, and what a terminal without pictures sees.
final class TerminalImageChoiceTests: XCTestCase {
    func testTheEnvironmentNamesTheProtocol() {
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["TERM": "xterm-kitty"]), .kitty)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"]), .kitty)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["TERM_PROGRAM": "iTerm.app"]), .iterm)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["LC_TERMINAL": "iTerm2", "TERM": "xterm"]), .iterm)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["TERM": "foot"]), .sixel)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["TERM": "xterm-256color", "TMUX": "/tmp/t,1,0",
                                                                  "KITTY_WINDOW_ID": "1"]), TerminalImageProtocol.none,
                       "inside tmux a picture would need passthrough")
        XCTAssertNil(TerminalImageProtocol.detect(environment: ["TERM": "xterm-256color"]), "only a query can tell")
    }

    func testTheTerminalsReplyDecidesWhenTheEnvironmentDoesNot() {
        let xterm = ["TERM": "xterm-256color"]
        XCTAssertEqual(TerminalImageProtocol.detect(environment: xterm, isTerminal: true) {
            TerminalReply(parsing: "\u{1B}_Gi=31;OK\u{1B}\\\u{1B}[?62;22c") }, .kitty)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: xterm, isTerminal: true) {
            TerminalReply(parsing: "\u{1B}[?63;1;2;4;6;9;15;22c") }, .sixel)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: xterm, isTerminal: true) {
            TerminalReply(parsing: "\u{1B}[?1;2c") }, TerminalImageProtocol.none)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: xterm, isTerminal: true) { nil }, TerminalImageProtocol.none)
        XCTAssertEqual(TerminalImageProtocol.detect(environment: ["TERM": "xterm-kitty"], isTerminal: false) {
            XCTFail("no query when stdout is not a terminal"); return nil }, TerminalImageProtocol.none)
    }

    func testPicturesFitTheTerminal() {
        // 100 columns × 40 rows of 9 × 18 pixels: a 1280×800 chart is shrunk to the width (99 columns).
        let size = TerminalSize(columns: 100, rows: 40, pixelWidth: 900, pixelHeight: 720)
        let chart = size.fit(width: 1280, height: 800)
        XCTAssertLessThanOrEqual(chart.width, 99 * 9)
        XCTAssertLessThanOrEqual(chart.height, 37 * 18)
        XCTAssertEqual(Double(chart.width) / Double(chart.height), 1.6, accuracy: 0.01)
        XCTAssertEqual(chart.columns, Int((Double(chart.width) / 9).rounded(.up)))
        // A 28×28 digit is enlarged by a whole factor, to at most 224 pixels.
        let digit = size.fit(width: 28, height: 28)
        XCTAssertEqual(digit.width, 224); XCTAssertEqual(digit.height, 224)
        // Without pixel sizes, cells count as 10 × 20.
        XCTAssertEqual(TerminalSize(columns: 80, rows: 24).fit(width: 200, height: 100).columns, 20)
    }

    func testWithoutPicturesThePathIsALink() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("term-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("ab.png")
        let png = try GrayImage(bytes: [0, 255, 255, 0], width: 2, height: 2).png(scale: 1)
        try Data(png.data).write(to: file)
        let linked = TerminalPictures(protocol: .none, links: true).show(file: file, width: 2, height: 2, caption: "a digit")
        XCTAssertTrue(linked.contains("\u{1B}]8;;file://\(file.path)\u{1B}\\"), linked)
        XCTAssertTrue(linked.hasPrefix("🖼  a digit 2×2: "))
        let plain = TerminalPictures.paths.show(file: file, width: 2, height: 2, caption: "a digit")
        XCTAssertFalse(plain.contains("\u{1B}"))
        // With a protocol, the caption line is followed by the drawing; a file that is not a PNG falls back.
        let drawn = TerminalPictures(protocol: .kitty).show(file: file, width: 2, height: 2, caption: "a digit")
        XCTAssertTrue(drawn.contains("\u{1B}_Ga=T,f=100"))
        // In tmux (a protocol chosen with --images): one passthrough sequence, the picture's ESCs doubled inside.
        let wrapped = TerminalPictures(protocol: .kitty, tmuxPassthrough: true).show(file: file, width: 2, height: 2, caption: "a")
        let inner = try XCTUnwrap(wrapped.components(separatedBy: "\u{1B}Ptmux;").last)
        XCTAssertEqual(String(inner.dropLast(3)).replacingOccurrences(of: "\u{1B}\u{1B}", with: "\u{1B}") + "\n",
                       String(drawn.drop { $0 != "\u{1B}" }))
        let broken = folder.appendingPathComponent("cd.png")
        try Data("not a png".utf8).write(to: broken)
        XCTAssertFalse(TerminalPictures(protocol: .sixel).show(file: broken, width: 2, height: 2, caption: "x").contains("\u{1B}P"))
    }
}
