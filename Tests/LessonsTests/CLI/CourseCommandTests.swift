import Foundation
import Lessons
import XCTest

/// The `course` executable (built next to the test binary), run in a throwaway package.
final class CourseCommandTests: XCTestCase {
    private var fixture: RunnerFixture!

    override func setUpWithError() throws { fixture = try RunnerFixture() }
    override func tearDown() { fixture?.remove() }

    private struct Outcome { var status: Int32; var stdout: String; var stderr: String; var seconds: Double }

    private func course(_ arguments: String...) throws -> Outcome {
        let executable = fixture.environment.libraryDirectory.appendingPathComponent("course")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw CourseEnvironmentError.libraryMissing(path: executable.path)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = fixture.root.appendingPathComponent("lessons")
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        // Read both at once so that neither pipe fills up.
        var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    func testUnknownLessonIsOneLineListingTheLessons() throws {
        try fixture.lesson("```swift\nprint(1)\n```\n", name: "01-one.md")
        try fixture.lesson("```swift\nprint(2)\n```\n", name: "02-two.md")
        let outcome = try course("run", "09")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertEqual(outcome.stderr, "course: no lesson '09'; the lessons are: 01-one, 02-two\n")
    }

    func testRunPrintsEachCellInOrderAndAWarmRunComesFromTheCacheQuickly() throws {
        let lesson = try fixture.lesson("""
            ```swift
            print("alpha")
            ```

            ```swift
            print("beta")
            ```
            """, name: "03-order.md")
        let cold = try course("run", "lesson", "3")
        XCTAssertEqual(cold.status, 0, cold.stderr)
        let alpha = try XCTUnwrap(cold.stdout.range(of: "alpha"))
        let beta = try XCTUnwrap(cold.stdout.range(of: "beta"))
        XCTAssertLessThan(alpha.lowerBound, beta.lowerBound)
        XCTAssertTrue(cold.stdout.contains("lessons/03-order.md:\(lesson.cells[1].fenceLine)"), cold.stdout)
        XCTAssertTrue(cold.stdout.contains("2 cells run"), cold.stdout)

        let warm = try course("run", "03")
        XCTAssertEqual(warm.status, 0)
        XCTAssertTrue(warm.stdout.contains("beta"))
        XCTAssertTrue(warm.stdout.contains("from the cache"), warm.stdout)
        XCTAssertLessThan(warm.seconds, 1.0)
    }

    func testRunExitsNonZeroAndShowsTheErrorWithItsLine() throws {
        let lesson = try fixture.lesson("```swift\nprint(\"ok\")\n```\n\n```swift\nlet n: Int = nil\n```\n", name: "04-bad.md")
        let outcome = try course("run", "04")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stdout.contains("ok"))
        XCTAssertTrue(outcome.stdout.contains("lessons/04-bad.md:\(lesson.cells[1].codeLine): compile error"), outcome.stdout)
    }

    func testListShowsTitlesAndWhetherCached() throws {
        try fixture.lesson("```swift\nprint(1)\n```\n", name: "01-one.md")
        XCTAssertTrue(try course("list").stdout.contains("01-one                      not run  A test lesson"))
        _ = try course("run", "1")
        XCTAssertTrue(try course("list").stdout.contains("01-one                      cached   A test lesson"))
    }

    func testBuildWritesEveryPageAndExitsNonZeroWithASummaryOfFailures() throws {
        try fixture.lesson("```swift\nprint(\"fine\")\n```\n", name: "01-good.md")
        try fixture.lesson("```swift\nlet empty: [Int] = []\nprint(empty[2])\n```\n", name: "02-trap.md")
        try Data("---\ntitle: Broken\norder: x\n---\n".utf8)
            .write(to: fixture.root.appendingPathComponent("lessons/03-broken.md"))
        let outcome = try course("build")
        XCTAssertEqual(outcome.status, 1)
        XCTAssertTrue(outcome.stderr.contains("course build: 2 unexpected failures"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("lessons/02-trap.md:"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("Index out of range"), outcome.stderr)
        XCTAssertTrue(outcome.stderr.contains("03-broken.md:3: front matter: order 'x'"), outcome.stderr)
        let site = fixture.root.appendingPathComponent("site")
        for page in ["index.html", "01-good.html", "02-trap.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), page)
        }
        let good = try String(contentsOf: site.appendingPathComponent("01-good.html"), encoding: .utf8)
        XCTAssertTrue(good.contains("fine"))

        let again = try course("build")
        XCTAssertTrue(again.stdout.contains("2 from the cache"), again.stdout)
    }

    func testEveryCommandHasHelp() throws {
        for command in ["list", "run", "build"] {
            let outcome = try course(command, "--help")
            XCTAssertEqual(outcome.status, 0, command)
            XCTAssertTrue(outcome.stdout.contains("USAGE: course \(command)"), outcome.stdout)
        }
    }
}
