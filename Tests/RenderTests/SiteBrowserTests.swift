import Foundation
import Render
import XCTest

/// The built pages in a real browser (Debian's headless `chromium`): the scripts run without errors, KaTeX
/// typesets every formula, and the search box finds a word of another lesson. Skipped where chromium is missing.
final class SiteBrowserTests: XCTestCase {
    private static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    private static var site: URL?

    override class func setUp() {
        super.setUp()
        site = try? SiteFixtures.build("SiteBrowserTests").0
    }

    override class func tearDown() {
        if let site { try? FileManager.default.removeItem(at: site) }
        super.tearDown()
    }

    /// The address of a page of the fixture site.
    private func address(_ page: String) throws -> String {
        guard let site = Self.site else { throw XCTSkip("the fixture site did not build") }
        return site.appendingPathComponent(page).absoluteString
    }

    /// The page's DOM after its scripts ran, and the browser's console lines.
    private func load(_ url: String) throws -> (dom: String, console: [String]) {
        guard let chromium = Self.chromium else { throw XCTSkip("chromium is not installed (apt-get install chromium)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                             "--virtual-time-budget=3000", "--dump-dom", url]
        // The console goes to a file, the DOM through a pipe read to its end: neither can fill up and block.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("site-browser-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: errFile)
        try process.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let console = (try String(contentsOf: errFile, encoding: .utf8)).split(separator: "\n").map(String.init)
            .filter { $0.contains(":CONSOLE") }
        return (dom, console)
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testScriptsRunWithoutErrorsAndKaTeXTypesetsEveryFormula() throws {
        let (dom, console) = try load(try address("01-intro.html"))
        XCTAssertEqual(console.filter { $0.contains("Uncaught") || $0.contains("Error") }, [])
        let formulas = count("class=\"math ", in: dom)
        XCTAssertEqual(formulas, 2, "x₁·x₂·x₃ inline and σ(z) displayed; dollars in code and prices are not math")
        XCTAssertEqual(count("class=\"katex\"", in: dom), formulas, "every formula is typeset")
        XCTAssertEqual(count("katex-error", in: dom), 0)
        XCTAssertEqual(count("class=\"katex-display\"", in: dom), 1)
    }

    func testSearchFromTheAddressFindsAWordOfAnotherLesson() throws {
        let (dom, console) = try load(try address("10-last.html") + "?q=searchword")
        XCTAssertEqual(console.filter { $0.contains("Uncaught") }, [])
        XCTAssertTrue(dom.contains("<a href=\"02-networks.html#training\">"), "the result links to the section")
        XCTAssertTrue(dom.contains("<mark>SEARCHWORD</mark>"))
        // A word that is nowhere gives a friendly empty result.
        let (none, _) = try load(try address("10-last.html") + "?q=zzzqqq")
        XCTAssertTrue(none.contains("No results for “zzzqqq”"))
    }

    func testSearchResultsTypesetFormulasAndNeverBreakEntities() throws {
        let page = try address("01-intro.html")
        let (dom, _) = try load(page + "?q=multiply")
        guard let results = dom.range(of: "id=\"search-results\"") else { return XCTFail("no results box") }
        let box = String(dom[results.lowerBound...].prefix(4000))
        XCTAssertTrue(box.contains("We <mark>multiply</mark> <span class=\"math inline\""), box)
        XCTAssertTrue(box.contains("class=\"katex\""), "the formula in the snippet is typeset")
        // "lt" occurs in the text ("alert"), and as an entity in the escaped title "&lt;friends&gt;".
        let (ltDOM, _) = try load(page + "?q=lt")
        XCTAssertTrue(ltDOM.contains("<div class=\"what\">Tensors &amp; &lt;friends&gt;</div>"), ltDOM)
        XCTAssertFalse(ltDOM.contains("&<mark>lt</mark>;"))
    }
}
