import Foundation
import Lessons
import Preview
import XCTest

/// The preview's rebuilds with the real runner and a real site folder: what runs, what is rewritten, and how
/// saves during a run are queued.
final class PreviewSiteTests: XCTestCase {
    private var root: URL!
    private var site: PreviewSite!
    private var lessons: URL { root.appendingPathComponent("lessons") }

    override func setUpWithError() throws {
        let fm = FileManager.default
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-preview-site-\(UUID().uuidString)")
        try fm.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try Data("// a test course\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("Sources"),
                                  withDestinationURL: ServeProcess.repositoryRoot.appendingPathComponent("Sources"))
        let environment: CourseEnvironment
        do { environment = try CourseEnvironment.locate(from: root) } catch { throw XCTSkip("\(error)") }
        site = PreviewSite(runner: try LessonRunner(environment: environment), lessons: lessons,
                           output: root.appendingPathComponent("site"))
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    private func write(_ name: String, title: String, _ body: String) throws {
        try Data("---\ntitle: \(title)\n---\n\(body)".utf8).write(to: lessons.appendingPathComponent(name))
    }

    private func page(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("site/\(name)"), encoding: .utf8)
    }

    func testAProseEditRunsNothingAndRewritesOnlyItsOwnPage() throws {
        try write("01-one.md", title: "One", "Intro.\n\n```swift\nprint(\"one\", 1 + 1)\n```\n")
        try write("02-two.md", title: "Two", "Intro.\n\n```swift\nprint(\"two\", 2 + 2)\n```\n\nThe end.\n")
        let first = try site.update(everything: true) { _ in }
        XCTAssertEqual(first.ran, ["01", "02"])
        XCTAssertTrue(try page("02-two.html").contains("two 4"))

        try write("02-two.md", title: "Two", "Intro.\n\n```swift\nprint(\"two\", 2 + 2)\n```\n\nThe new end.\n")
        let prose = try site.update { _ in }
        XCTAssertEqual(prose.ran, [], "a prose edit runs nothing")
        XCTAssertEqual(prose.cached, ["02"], "the edited lesson's results come from the cache; 01 is not even looked up")
        XCTAssertEqual(prose.changedPages, ["02-two.html"])
        XCTAssertTrue(try page("02-two.html").contains("The new end."))

        try write("02-two.md", title: "Two", "Intro.\n\n```swift\nprint(\"two\", 2 + 3)\n```\n\nThe new end.\n")
        let cell = try site.update { _ in }
        XCTAssertEqual(cell.ran, ["02"])
        XCTAssertTrue(try page("02-two.html").contains("two 5"))
        XCTAssertFalse(cell.changedPages.contains("01-one.html"))
    }

    func testARenamedTitleRewritesTheNeighboursAndTheIndex() throws {
        try write("01-one.md", title: "One", "```swift\nprint(1)\n```\n")
        try write("02-two.md", title: "Two", "```swift\nprint(2)\n```\n")
        _ = try site.update(everything: true) { _ in }
        try write("02-two.md", title: "Two, renamed", "```swift\nprint(2)\n```\n")
        let report = try site.update { _ in }
        XCTAssertEqual(report.changedPages, ["01-one.html", "02-two.html", "index.html"],
                       "the title is in every page's sidebar and in the index")
    }

    func testALessonThatNoLongerParsesKeepsItsLastPageAndIsAProblem() throws {
        try write("01-one.md", title: "One", "```swift\nprint(\"still here\")\n```\n")
        _ = try site.update(everything: true) { _ in }
        try Data("---\ntitle: [unclosed\norder: x\n---\n".utf8).write(to: lessons.appendingPathComponent("01-one.md"))
        var problems: [String] = []
        let report = try site.update { if case .problem(let text) = $0 { problems.append(text) } }
        XCTAssertEqual(report.problems.count, 1, "\(report)")
        XCTAssertEqual(problems, report.problems)
        XCTAssertTrue(try page("01-one.html").contains("still here"), "the last good page stays")
    }

    func testSavesDuringARunAreQueuedAndRunOnceAfterItWithTheLatestText() throws {
        // A cell that takes a while, so that saves arrive while it runs.
        let slow = "```swift\nvar total = 0.0\nfor i in 0..<40_000_000 { total += Double(i % 7) }\nprint(\"version\", VERSION)\n```\n"
        try write("01-slow.md", title: "Slow", slow.replacingOccurrences(of: "VERSION", with: "1"))
        let lock = NSLock()
        nonisolated(unsafe) var events: [String] = []
        let scheduler = RebuildScheduler(site: site) { event in
            lock.lock()
            defer { lock.unlock() }
            switch event {
            case .compiling: events.append("compiling")
            case .running(_, let cell, nil): events.append("cell \(cell)")
            case .queued: events.append("queued")
            case .rebuilt(let report): events.append("rebuilt ran=\(report.ran.joined())")
            default: break
            }
        }
        scheduler.start()
        defer { scheduler.stop() }
        scheduler.requestEverything()
        // Wait until the cell runs, then save twice.
        let end = Date().addingTimeInterval(120)
        while Date() < end { lock.lock(); let started = events.contains("cell 0"); lock.unlock(); if started { break }; usleep(10_000) }
        let file = lessons.appendingPathComponent("01-slow.md")
        for version in ["2", "3"] {
            try write("01-slow.md", title: "Slow", slow.replacingOccurrences(of: "VERSION", with: version))
            scheduler.request(changed: [file])
        }
        scheduler.waitUntilIdle()
        lock.lock()
        let seen = events
        lock.unlock()
        XCTAssertEqual(seen.filter { $0.hasPrefix("rebuilt") }, ["rebuilt ran=01", "rebuilt ran=01"],
                       "two saves during the run give one more run, not two: \(seen)")
        XCTAssertEqual(seen.filter { $0 == "queued" }.count, 2, "\(seen)")
        // The runs did not overlap: each compile comes after the previous rebuild.
        let order = seen.filter { $0 == "compiling" || $0.hasPrefix("rebuilt") }
        XCTAssertEqual(order, ["compiling", "rebuilt ran=01", "compiling", "rebuilt ran=01"], "\(seen)")
        XCTAssertTrue(try page("01-slow.html").contains("version 3"))
    }
}
