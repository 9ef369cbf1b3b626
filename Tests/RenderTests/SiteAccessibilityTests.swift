import Foundation
import Lessons
import Render
import XCTest

/// Built pages read by a real browser (headless Chromium over the DevTools protocol): every image in the
/// accessibility tree has a name that says what it shows, Tab reaches every control, and text contrast is at
/// least 4.5:1 (WCAG AA) in the light and the dark theme, computed from the page's own computed colours.
/// Skipped where chromium is missing.
final class SiteAccessibilityTests: XCTestCase {
    private static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    private static var site: URL?
    private static var buildError: Error?

    /// The fixture site plus a page of real Render pictures, shown with the summaries they give of themselves.
    static let picturesLesson = SiteFixtures.lesson("03-pictures.md", title: "Pictures", order: 3, """
        # Pictures

        ```swift
        show(lossChart)
        ```

        ```swift
        show(digits)
        ```

        ```swift
        print(model.summary)
        ```
        """)

    static func pictures() throws -> (SitePage, [String: SiteImage]) {
        let chart = try LineChart(title: "Loss per epoch", xLabel: "epoch", yLabel: "cross-entropy",
                                  series: [Series("train", y: [2.3, 0.9, 0.5]), Series("test", y: [2.2, 1.0, 0.7])]).render()
        let grid = try ImageGrid(images: [Double](repeating: 0.5, count: 4 * 28 * 28), count: 4, height: 28, width: 28,
                                 captions: ["7", "2", "1", "0"], title: "Test digits").png()
        let table = "Layer (type)        Output shape        Param #\n" + String(repeating: "═", count: 110) + "\n"
            + "conv1 (Conv2D)      [-1, 32, 28, 28]    320\n"
        let page = SiteFixtures.page(picturesLesson, [
            0: CellResult(index: 0, status: .ran, outputs: [.image(file: "chart.png", width: chart.width,
                                                                   height: chart.height, description: chart.summary)]),
            1: CellResult(index: 1, status: .ran, outputs: [.image(file: "grid.png", width: grid.width,
                                                                   height: grid.height, description: grid.summary)]),
            2: CellResult(index: 2, status: .ran, outputs: [.text(table)]),
        ])
        return (page, ["chart.png": .png(chart.data), "grid.png": .png(grid.data)])
    }

    override class func setUp() {
        super.setUp()
        do {
            let (page, images) = try pictures()
            let dir = SiteFixtures.temporaryDirectory("SiteAccessibilityTests")
            _ = try SiteBuilder(outputDirectory: dir).build(pages: SiteFixtures.pages + [page],
                                                            images: SiteFixtures.images.merging(images) { $1 })
            site = dir
        } catch {
            buildError = error
        }
    }

    override class func tearDown() {
        if let site { try? FileManager.default.removeItem(at: site) }
        super.tearDown()
    }

    static let pageNames = ["index.html", "01-intro.html", "03-pictures.html"]

    private func browser(width: Int = 1280, height: Int = 900) throws -> BrowserSession {
        guard let chromium = Self.chromium else { throw XCTSkip("chromium is not installed (apt-get install chromium)") }
        if let error = Self.buildError { throw error }
        return try BrowserSession(chromium: chromium, width: width, height: height)
    }

    private func address(_ page: String) -> String { Self.site!.appendingPathComponent(page).absoluteString }

    func testEveryImageHasANameThatSaysWhatItShows() throws {
        let browser = try browser()
        var names: [String] = []
        for name in Self.pageNames {
            let page = try browser.open(address(name))
            try browser.send("Accessibility.enable", session: page)
            let nodes = try browser.send("Accessibility.getFullAXTree", session: page)["nodes"] as? [[String: Any]] ?? []
            XCTAssertGreaterThan(nodes.count, 20, "\(name): an accessibility tree")
            for node in nodes where (node["ignored"] as? Bool) != true {
                let role = ((node["role"] as? [String: Any])?["value"] as? String) ?? ""
                guard role == "image" || role == "img" else { continue }
                let label = ((node["name"] as? [String: Any])?["value"] as? String) ?? ""
                XCTAssertFalse(label.trimmingCharacters(in: .whitespaces).isEmpty, "\(name): an image without a name: \(node)")
                names.append(label)
            }
        }
        let chart = try XCTUnwrap(names.first { $0.hasPrefix("Line chart") }, "\(names)")
        for word in ["Loss per epoch", "epoch", "cross-entropy", "train", "test"] {
            XCTAssertTrue(chart.contains(word), "the chart's alt text names \(word): \(chart)")
        }
        let grid = try XCTUnwrap(names.first { $0.hasPrefix("Image grid") }, "\(names)")
        XCTAssertTrue(grid.contains("Test digits") && grid.contains("4 grayscale images of 28 × 28") && grid.contains("7, 2, 1, 0"), grid)
        XCTAssertTrue(names.contains { $0.contains("28 × 28 pixels, shown by cell 1") }, "a picture without a description names its size")
    }

    /// Script: the visible, focusable controls, each tagged with its position in document order.
    private static let controls = """
        (() => {
          const all = Array.from(document.querySelectorAll(
            'a[href], button, input, select, textarea, summary, [tabindex], [contenteditable="true"]'));
          const shown = all.filter(e => e.tabIndex >= 0 && !e.disabled && !e.closest('[inert]')
            && e.checkVisibility({ checkVisibilityCSS: true }));
          shown.forEach((e, i) => e.setAttribute('data-ax', String(i)));
          return shown.map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 30));
        })()
        """

    func testTabReachesEveryControl() throws {
        let browser = try browser()
        for name in Self.pageNames {
            let page = try browser.open(address(name))
            let controls = try XCTUnwrap(try browser.evaluate(Self.controls, session: page) as? [String])
            XCTAssertGreaterThan(controls.count, 2, "\(name): the search box, the theme toggle, links")
            var reached = Set<Int>()
            for _ in 0..<(controls.count + 3) {
                try browser.press("Tab", code: 9, session: page)
                let at = try browser.evaluate("document.activeElement && document.activeElement.getAttribute('data-ax')", session: page)
                if let text = at as? String, let index = Int(text) { reached.insert(index) }
            }
            let missed = controls.indices.filter { !reached.contains($0) }.map { controls[$0] }
            XCTAssertEqual(missed, [], "\(name): controls Tab never reaches")
        }
    }

    /// Script: every visible text's colour against the background behind it (backgrounds composited up the
    /// ancestors, opacity applied), as WCAG contrast ratios; returns the ones under 4.5.
    private static let contrast = """
        (() => {
          const parse = c => { const m = /rgba?\\(([^)]*)\\)/.exec(c); if (!m) return null;
            const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
          const over = (top, base) => [0, 1, 2].map(i => top[i] * top[3] + base[i] * (1 - top[3]));
          const luminance = rgb => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]); };
          const behind = el => { const layers = []; let opacity = 1;
            for (let e = el; e; e = e.parentElement) { const s = getComputedStyle(e); opacity *= Number(s.opacity);
              const c = parse(s.backgroundColor); if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
            let base = [255, 255, 255]; for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
            return { base, opacity }; };
          const failures = []; let checked = 0; const seen = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const node = walker.currentNode, el = node.parentElement;
            if (!el || seen.has(el) || !node.textContent.trim()) continue;
            seen.add(el);
            if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
            if (el.closest('.katex-mathml, .sr-only')) continue;
            const s = getComputedStyle(el), { base, opacity } = behind(el), fg = parse(s.color);
            const ink = over([fg[0], fg[1], fg[2], fg[3] * opacity], base);
            const a = luminance(ink), b = luminance(base), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            checked++;
            if (ratio < 4.5) failures.push(ratio.toFixed(2) + ' ' + el.tagName.toLowerCase() + '.' + el.className + ' “'
              + node.textContent.trim().slice(0, 30) + '” ' + s.color + ' on rgb(' + base.map(Math.round).join(',') + ')');
          }
          return { checked, failures };
        })()
        """

    func testTextContrastIsAtLeastFourAndAHalfInBothThemes() throws {
        let browser = try browser()
        for name in Self.pageNames {
            let page = try browser.open(address(name))
            for theme in ["light", "dark"] {
                _ = try browser.evaluate("document.documentElement.setAttribute('data-theme', '\(theme)'); 1", session: page)
                let report = try XCTUnwrap(try browser.evaluate(Self.contrast, session: page) as? [String: Any])
                XCTAssertGreaterThan(report["checked"] as? Int ?? 0, 10, "\(name) \(theme): texts were measured")
                XCTAssertEqual(report["failures"] as? [String] ?? ["?"], [], "\(name), \(theme) theme")
            }
        }
    }
}
