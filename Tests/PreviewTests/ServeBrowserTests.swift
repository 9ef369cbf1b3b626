import Foundation
import XCTest

/// `course serve` as an author meets it: a page open in headless Chromium follows the edits of its lesson —
/// prose, then a cell, then a cell that does not compile, then the fix — without anyone reloading it; it says
/// which cell runs meanwhile, keeps its scroll position, and the site on disk stays what `course build` writes.
/// Skipped where chromium is missing (scripts/test installs it).
final class ServeBrowserTests: XCTestCase {
    private static let lesson = "02-pooling.md"
    private static let page = "02-pooling.html"

    func testAnOpenPageFollowsProseAndCellEditsWithoutAManualReload() throws {
        guard DevToolsBrowser.executable != nil else { throw XCTSkip("chromium is not installed (apt-get install chromium)") }
        let serve = try ServeProcess(lessons: [Self.lesson])
        defer { serve.remove() }
        try serve.start()
        let browser = try DevToolsBrowser()
        try browser.open(serve.url + Self.page)
        var seen: [String] = []
        try browser.waitFor("document.documentElement.getAttribute('data-course-live')", timeout: 30, seen: &seen) {
            $0 as? String == "connected"
        }
        _ = try browser.evaluate("window.scrollTo(0, 900); window.scrollY")
        XCTAssertEqual(try browser.evaluate("window.scrollY") as? Double ?? 0, 900, accuracy: 1, "the page is long enough")

        // 1. Prose: the new sentence appears; nothing ran (the results came from the cache); the scroll stays.
        var mark = serve.output.count
        try serve.edit(Self.lesson, replacing: "Notice how much information", with: "Notice (prose edit 7311) how much information")
        try browser.waitFor("document.body.innerText.includes('prose edit 7311')", timeout: 60, seen: &seen) { $0 as? Bool == true }
        let proseLog = serve.waitForOutput("updated", after: mark, timeout: 10) ?? serve.output
        XCTAssertTrue(proseLog.contains("from the cache 02"), proseLog)
        XCTAssertFalse(proseLog.contains("ran 02"), proseLog)
        let scroll = try browser.evaluate("window.scrollY") as? Double ?? 0
        XCTAssertEqual(scroll, 900, accuracy: 40, "the page kept its scroll position")

        // 2. A cell: its new output appears (computed, not in the code), and the page said the lesson was running.
        mark = serve.output.count
        try serve.edit(Self.lesson, replacing: "let maxPooled = maxPool2D(map, kernel: 2, stride: 2)\n",
                       with: "let maxPooled = maxPool2D(map, kernel: 2, stride: 2)\nprint(\"cell edit\", 6000 + 47)\n")
        var statuses: [String] = []
        try browser.waitFor("document.getElementById('cell-1').innerText.includes('cell edit 6047')", timeout: 120,
                            also: "(document.getElementById('course-live-status') || {}).textContent || ''",
                            seen: &statuses) { $0 as? Bool == true }
        XCTAssertTrue(statuses.contains { $0.contains("running cell") || $0.contains("compiling") }, "\(statuses)")
        XCTAssertTrue(serve.output.dropFirst(mark).contains("ran 02"), serve.output)

        // 3. A compile error shows at its cell; the server keeps serving; the next good save recovers.
        try serve.edit(Self.lesson, replacing: "print(\"cell edit\", 6000 + 47)", with: "let broken: Int = \"not a number\"")
        try browser.waitFor("document.getElementById('cell-1').className", timeout: 120, seen: &seen) {
            ($0 as? String)?.contains("status-failed") == true
        }
        let errorText = try browser.evaluate("document.querySelector('#cell-1 .out-error').innerText") as? String ?? ""
        XCTAssertTrue(errorText.contains("02-pooling.md:"), errorText)
        try serve.edit(Self.lesson, replacing: "let broken: Int = \"not a number\"", with: "print(\"fixed\", 40 + 2)")
        try browser.waitFor("document.getElementById('cell-1').innerText.includes('fixed 42')", timeout: 120, seen: &seen) {
            $0 as? Bool == true
        }
        XCTAssertEqual(try browser.evaluate("document.getElementById('cell-1').className.includes('status-failed')") as? Bool,
                       false)

        // 4. The files on disk are what `course build` writes from the same lessons: no reload script in them.
        serve.stop()
        let rebuilt = serve.root.appendingPathComponent("site-from-build")
        let build = Process()
        build.executableURL = serve.executable
        build.arguments = ["build", "--output", rebuilt.path]
        build.currentDirectoryURL = serve.root
        build.standardOutput = FileHandle.nullDevice
        build.standardError = FileHandle.nullDevice
        try build.run()
        build.waitUntilExit()
        let served = serve.root.appendingPathComponent("site")
        let files = try Self.files(in: served)
        XCTAssertEqual(files, try Self.files(in: rebuilt))
        for file in files where file.hasSuffix(".html") {
            let bytes = try Data(contentsOf: served.appendingPathComponent(file))
            XCTAssertEqual(bytes, try Data(contentsOf: rebuilt.appendingPathComponent(file)), file)
            XCTAssertNil(bytes.range(of: Data("__course".utf8)), file)
        }
    }

    private static func files(in folder: URL) throws -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        return (walker?.allObjects as? [String] ?? []).filter { !$0.hasSuffix("/") }.sorted()
    }
}
