import Foundation
import Lessons
import Render
import XCTest

/// The site as a whole: pages, order, navigation, determinism, files.
final class SiteBuilderTests: XCTestCase {
    func testIndexListsTheLessonsInOrderOfTheirNumber() throws {
        let (dir, report) = try SiteFixtures.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = try SiteFixtures.read(dir, "index.html")
        let positions = ["01-intro.html", "02-networks.html", "10-last.html"].map { index.range(of: "href=\"\($0)\"")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "every lesson is linked from the index")
        XCTAssertLessThan(positions[0]!, positions[1]!)
        XCTAssertLessThan(positions[1]!, positions[2]!, "order 2 comes before order 10 (numeric, not text order)")
        XCTAssertEqual(report.pages, ["01-intro.html", "02-networks.html", "10-last.html", "index.html"])
    }

    func testEachLessonLinksToItsPreviousAndNextLesson() throws {
        let (dir, _) = try SiteFixtures.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try SiteFixtures.read(dir, "01-intro.html")
        let middle = try SiteFixtures.read(dir, "02-networks.html")
        let last = try SiteFixtures.read(dir, "10-last.html")
        XCTAssertNil(first.range(of: "rel=\"prev\""))
        XCTAssertTrue(first.contains("class=\"next\" href=\"02-networks.html\" rel=\"next\""))
        XCTAssertTrue(middle.contains("class=\"prev\" href=\"01-intro.html\" rel=\"prev\""))
        XCTAssertTrue(middle.contains("class=\"next\" href=\"10-last.html\" rel=\"next\""))
        XCTAssertTrue(last.contains("class=\"prev\" href=\"02-networks.html\" rel=\"prev\""))
        XCTAssertNil(last.range(of: "rel=\"next\""))
    }

    func testSidebarListsEveryLessonAndMarksTheCurrentOne() throws {
        let (dir, _) = try SiteFixtures.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        let middle = try SiteFixtures.read(dir, "02-networks.html")
        guard let sidebar = middle.range(of: "<nav id=\"sidebar\""), let end = middle.range(of: "</nav>", range: sidebar.upperBound..<middle.endIndex) else {
            return XCTFail("no sidebar")
        }
        let nav = String(middle[sidebar.lowerBound..<end.upperBound])
        for slug in ["01-intro", "02-networks", "10-last"] { XCTAssertTrue(nav.contains("href=\"\(slug).html\"")) }
        XCTAssertTrue(nav.contains("<li class=\"current\"><a href=\"02-networks.html\" aria-current=\"page\">"))
        XCTAssertTrue(nav.contains("href=\"#training\""), "the current lesson's sections are listed")
    }

    func testBuildingTwiceGivesByteIdenticalFiles() throws {
        let a = SiteFixtures.temporaryDirectory("twiceA"), b = SiteFixtures.temporaryDirectory("twiceB")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let reportA = try SiteBuilder(outputDirectory: a).build(pages: SiteFixtures.pages, images: SiteFixtures.images)
        // The second build gets the pages in another order and the dictionary built another way.
        var images: [String: SiteImage] = [:]
        images["digit.png"] = .png(SiteFixtures.png)
        let reportB = try SiteBuilder(outputDirectory: b).build(pages: SiteFixtures.pages.reversed(), images: images)
        XCTAssertEqual(reportA, reportB)
        for file in reportA.files {
            let da = try Data(contentsOf: a.appendingPathComponent(file))
            let db = try Data(contentsOf: b.appendingPathComponent(file))
            XCTAssertEqual(da, db, "\(file) differs between two builds")
        }
        // And rebuilding in place changes nothing.
        let again = try SiteBuilder(outputDirectory: a).build(pages: SiteFixtures.pages, images: SiteFixtures.images)
        XCTAssertEqual(again, reportA)
        for file in reportA.files {
            XCTAssertEqual(try Data(contentsOf: a.appendingPathComponent(file)), try Data(contentsOf: b.appendingPathComponent(file)))
        }
    }

    func testAColdAndAWarmBuildOfTheSameResultsGiveTheSameBytes() throws {
        let cold = SiteFixtures.temporaryDirectory("cold"), warm = SiteFixtures.temporaryDirectory("warm")
        defer { try? FileManager.default.removeItem(at: cold); try? FileManager.default.removeItem(at: warm) }
        // The same results, once computed by this build and once taken from the cache (with the run times stored).
        let computed = [SiteFixtures.intro, SiteFixtures.second]
        let cached = computed.map { page -> SitePage in
            var page = page
            page.result?.fromCache = true
            page.result?.programFromCache = true
            return page
        }
        XCTAssertNotEqual(computed, cached)
        let coldReport = try SiteBuilder(outputDirectory: cold).build(pages: computed, images: SiteFixtures.images)
        let warmReport = try SiteBuilder(outputDirectory: warm).build(pages: cached, images: SiteFixtures.images)
        XCTAssertEqual(coldReport, warmReport)
        for file in coldReport.files {
            XCTAssertEqual(try Data(contentsOf: cold.appendingPathComponent(file)),
                           try Data(contentsOf: warm.appendingPathComponent(file)), "\(file) differs between a cold and a warm build")
        }
        let page = try SiteFixtures.read(warm, "01-intro.html")
        XCTAssertFalse(page.contains("cached") || page.contains("from the cache"), "where outputs came from is not on the page")
        XCTAssertTrue(page.contains(">420 ms</span>"), "the run time measured when the cell ran is kept")
    }

    func testImagesAreCopiedNextToThePagesAndSmallOnesUpscaledWithoutBlur() throws {
        let (dir, _) = try SiteFixtures.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual([UInt8](try Data(contentsOf: dir.appendingPathComponent("images/digit.png"))), SiteFixtures.png)
        let page = try SiteFixtures.read(dir, "01-intro.html")
        // 28 px shown 8× (224 px) with hard pixel edges.
        XCTAssertTrue(page.contains("<img src=\"images/digit.png\" alt=\"Picture, 28 × 28 pixels, shown by cell 1.\" width=\"224\" height=\"224\" class=\"pixelated\""))
    }

    func testAMissingPictureIsAWarningAndAPlaceholderNotACrash() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let lesson = SiteFixtures.lesson("01-a.md", title: "A", order: 1, "```swift\nshow(x)\n```\n")
        let page = SiteFixtures.page(lesson, [0: CellResult(index: 0, status: .ran, outputs: [.image(file: "gone.png", width: 10, height: 10)])])
        let report = try SiteBuilder(outputDirectory: dir).build(pages: [page], images: ["other.png": .file("/nonexistent/other.png")])
        XCTAssertTrue(report.warnings.contains { $0.contains("gone.png") && $0.contains("lessons/01-a.md:5") }, "\(report.warnings)")
        XCTAssertTrue(report.warnings.contains { $0.contains("/nonexistent/other.png") }, "\(report.warnings)")
        XCTAssertTrue(try SiteFixtures.read(dir, "01-a.html").contains("[picture missing: Picture, 10 × 10 pixels, shown by cell 1.]"))
    }

    func testStaleFilesOfAnEarlierBuildAreRemoved() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try SiteBuilder(outputDirectory: dir).build(pages: SiteFixtures.pages, images: SiteFixtures.images)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("10-last.html").path))
        let report = try SiteBuilder(outputDirectory: dir).build(pages: [SiteFixtures.second], images: [:])
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("10-last.html").path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("images/digit.png").path))
        XCTAssertEqual(report.pages, ["02-networks.html", "index.html"])
    }

    func testAFolderWithOtherFilesIsRefusedWithAClearError() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: dir.appendingPathComponent("thesis.tex"))
        XCTAssertThrowsError(try SiteBuilder(outputDirectory: dir).build(pages: SiteFixtures.pages)) { error in
            XCTAssertEqual(error as? SiteError, .notASiteDirectory(dir.path))
            XCTAssertTrue("\(error)".contains("did not write"))
        }
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("thesis.tex"), encoding: .utf8), "precious")
    }

    func testBadSlugsAndImageNamesAreRejectedWithTheirName() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let builder = SiteBuilder(outputDirectory: dir)
        XCTAssertThrowsError(try builder.build(pages: [SiteFixtures.page("index.md", "x")])) {
            XCTAssertEqual($0 as? SiteError, .invalidSlug("index"))
        }
        XCTAssertThrowsError(try builder.build(pages: [SiteFixtures.second, SiteFixtures.second])) {
            XCTAssertEqual($0 as? SiteError, .duplicateSlug("02-networks"))
            XCTAssertTrue("\($0)".contains("02-networks"))
        }
        XCTAssertThrowsError(try builder.build(pages: [], images: ["a/../../b.png": .png([])])) {
            XCTAssertEqual($0 as? SiteError, .invalidImageName("a/../../b.png"))
        }
    }

    func testMissingKaTeXIsAClearErrorNamingThePackages() throws {
        let dir = SiteFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = SiteOptions(katexDirectory: "/nonexistent/katex")
        XCTAssertThrowsError(try SiteBuilder(outputDirectory: dir, options: options).build(pages: SiteFixtures.pages)) {
            XCTAssertTrue("\($0)".contains("libjs-katex"), "\($0)")
        }
    }

    func testEveryLocalLinkAndAssetOfTheSiteExists() throws {
        let (dir, report) = try SiteFixtures.build()
        defer { try? FileManager.default.removeItem(at: dir) }
        var checked = 0
        for page in report.pages {
            let html = try SiteFixtures.read(dir, page)
            for target in SiteScan.attributeValues(html, names: ["href", "src"]) {
                if target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:") { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let file = parts[0].isEmpty ? page : parts[0]
                XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent(file).path),
                              "\(page) points at missing \(file)")
                if parts.count == 2, !parts[1].isEmpty {
                    let targetHTML = try SiteFixtures.read(dir, file)
                    XCTAssertTrue(targetHTML.contains("id=\"\(parts[1])\""), "\(page) points at missing anchor \(target)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30)
        // The KaTeX stylesheet's fonts are there too.
        let css = try SiteFixtures.read(dir, "assets/katex/katex.min.css")
        let fonts = SiteScan.cssURLs(css)
        XCTAssertGreaterThan(fonts.count, 20)
        for font in fonts {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("assets/katex/" + font).path), font)
        }
    }
}

/// Small scanners over built files.
enum SiteScan {
    /// Values of the given attributes (`href="…"`), in document order, un-escaped for `&amp;`.
    static func attributeValues(_ html: String, names: [String]) -> [String] {
        var values: [String] = []
        for name in names {
            var rest = html[...]
            while let r = rest.range(of: " \(name)=\"") {
                guard let end = rest[r.upperBound...].firstIndex(of: "\"") else { break }
                values.append(String(rest[r.upperBound..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return values
    }

    static func cssURLs(_ css: String) -> [String] {
        var urls: [String] = []
        var rest = css[...]
        while let r = rest.range(of: "url(") {
            guard let end = rest[r.upperBound...].firstIndex(of: ")") else { break }
            urls.append(String(rest[r.upperBound..<end]).trimmingCharacters(in: CharacterSet(charactersIn: "'\"")))
            rest = rest[end...]
        }
        return urls
    }
}
