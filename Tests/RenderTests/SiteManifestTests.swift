import Foundation
import Render
import XCTest

/// A rebuild replaces and removes only what builds wrote (`.course-manifest`): a user's own files in the site
/// folder survive, whatever they are called and wherever they sit.
final class SiteManifestTests: XCTestCase {
    private var dir: URL!

    override func setUp() { dir = SiteFixtures.temporaryDirectory("manifest-\(UUID().uuidString)") }
    override func tearDown() { try? FileManager.default.removeItem(at: dir) }

    private func build(_ pages: [SitePage], images: [String: SiteImage] = SiteFixtures.images) throws -> BuildReport {
        try SiteBuilder(outputDirectory: dir).build(pages: pages, images: images)
    }

    private func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent(path).path)
    }

    private func manifest() throws -> [String] {
        try String(contentsOf: dir.appendingPathComponent(".course-manifest"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    func testAUsersFilesSurviveARebuildAndStalePagesGo() throws {
        _ = try build(SiteFixtures.pages)
        try Data("my notes".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("images/mine"), withIntermediateDirectories: true)
        try Data("a sketch".utf8).write(to: dir.appendingPathComponent("images/mine/sketch.svg"))
        try Data("a photo".utf8).write(to: dir.appendingPathComponent("images/photo.jpg"))

        let report = try build([SiteFixtures.second], images: [:])
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent("notes.txt"), encoding: .utf8), "my notes")
        XCTAssertTrue(exists("images/mine/sketch.svg"))
        XCTAssertTrue(exists("images/photo.jpg"))
        // What the first build wrote and the second did not is gone.
        XCTAssertFalse(exists("10-last.html"))
        XCTAssertFalse(exists("01-intro.html"))
        XCTAssertFalse(exists("images/digit.png"))
        XCTAssertTrue(exists("02-networks.html"))
        XCTAssertEqual(report.pages, ["02-networks.html", "index.html"])
    }

    func testTheManifestListsExactlyWhatTheBuildWrote() throws {
        let report = try build(SiteFixtures.pages)
        XCTAssertEqual(try manifest(), (report.files + [".course-site"]).sorted())
        for file in report.files { XCTAssertTrue(exists(file), file) }
    }

    func testAFileOfTheUsersWhereAPageGoesIsNeverOverwritten() throws {
        _ = try build([SiteFixtures.second])
        let mine = dir.appendingPathComponent("10-last.html")
        try Data("<p>my own page</p>".utf8).write(to: mine)
        XCTAssertThrowsError(try build(SiteFixtures.pages)) { error in
            XCTAssertEqual(error as? SiteError, .io(path: mine.path, reason: "the folder already has this file and no "
                + "earlier build wrote it (it is not in .course-manifest); move it away and build again"))
        }
        XCTAssertEqual(try String(contentsOf: mine, encoding: .utf8), "<p>my own page</p>")
        try FileManager.default.removeItem(at: mine)
        XCTAssertNoThrow(try build(SiteFixtures.pages))
        XCTAssertTrue(exists("10-last.html"))
    }

    func testABuildStoppedHalfwayLeavesAManifestCoveringEverythingItMayHaveWritten() throws {
        _ = try build([SiteFixtures.second])
        // The state right after `begin` of a build of every page, as if it was killed while writing: its files
        // may exist, and the next build must still know them as its own (neither refuse nor keep them).
        try Data("half".utf8).write(to: dir.appendingPathComponent("10-last.html"))
        let first = try manifest()
        try Data(("# interrupted\n" + (first + ["10-last.html"]).sorted().joined(separator: "\n") + "\n").utf8)
            .write(to: dir.appendingPathComponent(".course-manifest"))
        _ = try build([SiteFixtures.second], images: [:])
        XCTAssertFalse(exists("10-last.html"))
    }

    func testAManifestLineOutsideTheFolderIsIgnored() throws {
        let outside = dir.deletingLastPathComponent().appendingPathComponent("outside-\(UUID().uuidString).txt")
        try Data("keep".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }
        _ = try build([SiteFixtures.second])
        let lines = try manifest() + ["../" + outside.lastPathComponent, outside.path]
        try Data(lines.joined(separator: "\n").utf8).write(to: dir.appendingPathComponent(".course-manifest"))
        _ = try build([SiteFixtures.second])
        XCTAssertTrue(FileManager.default.fileExists(atPath: outside.path))
    }

    func testASiteBuiltBeforeManifestsKeepsEverythingAndGetsOne() throws {
        _ = try build(SiteFixtures.pages)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(".course-manifest"))
        try Data("my notes".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let report = try build([SiteFixtures.second], images: [:])
        XCTAssertTrue(exists("notes.txt"))
        XCTAssertTrue(exists("10-last.html"), "without a manifest nothing is known to be the builder's: nothing is removed")
        XCTAssertEqual(try manifest(), (report.files + [".course-site"]).sorted())
    }
}
