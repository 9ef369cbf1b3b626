import Foundation
import Render
import XCTest

/// The pages on a 390 px phone in a real browser: nothing makes the page itself scroll sideways, and code and
/// printed output keep their lines (a model summary is a table) and scroll sideways inside their box instead.
final class SitePhoneBrowserTests: XCTestCase {
    private static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Script: how wide the page is, and for each code or output block whether it wraps and whether it scrolls.
    private static let layout = """
        (() => {
          const blocks = Array.from(document.querySelectorAll('pre.code, pre.out')).map(pre => {
            const s = getComputedStyle(pre), lines = pre.textContent.replace(/\\n$/, '').split('\\n').length;
            const lineHeight = parseFloat(s.lineHeight), padding = parseFloat(s.paddingTop) + parseFloat(s.paddingBottom);
            return { kind: pre.className, whiteSpace: s.whiteSpace, lines,
                     wraps: pre.scrollHeight > lines * lineHeight + padding + 2,
                     scrolls: pre.scrollWidth > pre.clientWidth, overflowX: s.overflowX,
                     longest: Math.max(...pre.textContent.split('\\n').map(l => l.length)) };
          });
          return { pageWidth: document.documentElement.scrollWidth, viewport: window.innerWidth, blocks };
        })()
        """

    func testOnAPhoneCodeAndOutputScrollSidewaysAndThePageDoesNot() throws {
        guard let chromium = Self.chromium else { throw XCTSkip("chromium is not installed (apt-get install chromium)") }
        let (page, images) = try SiteAccessibilityTests.pictures()
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try SiteBuilder(outputDirectory: dir).build(pages: SiteFixtures.pages + [page],
                                                        images: SiteFixtures.images.merging(images) { $1 })
        let browser = try BrowserSession(chromium: chromium, width: 390, height: 844)
        for name in ["01-intro.html", "03-pictures.html"] {
            let tab = try browser.open(dir.appendingPathComponent(name).absoluteString)
            try browser.send("Emulation.setDeviceMetricsOverride",
                             ["width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true], session: tab)
            let report = try XCTUnwrap(try browser.evaluate(Self.layout, session: tab) as? [String: Any])
            XCTAssertEqual(report["viewport"] as? Int, 390)
            XCTAssertLessThanOrEqual(report["pageWidth"] as? Int ?? .max, 390, "\(name): the page itself scrolls sideways")
            let blocks = report["blocks"] as? [[String: Any]] ?? []
            XCTAssertFalse(blocks.isEmpty)
            for block in blocks {
                XCTAssertEqual(block["whiteSpace"] as? String, "pre", "\(name): \(block)")
                XCTAssertEqual(block["wraps"] as? Bool, false, "\(name): a block wraps its lines: \(block)")
                if (block["longest"] as? Int ?? 0) > 60 {
                    XCTAssertEqual(block["scrolls"] as? Bool, true, "\(name): a long line scrolls: \(block)")
                }
            }
            if name == "03-pictures.html" {
                XCTAssertTrue(blocks.contains { ($0["kind"] as? String ?? "").contains("out") && $0["scrolls"] as? Bool == true },
                              "the 110-column model summary scrolls inside its box")
            }
        }
    }
}
