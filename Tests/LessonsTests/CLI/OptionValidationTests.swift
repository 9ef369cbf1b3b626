import Foundation
import Lessons
import XCTest

/// Numbers on the command line that cannot be limits are refused before anything runs, naming the option and
/// the value — negative ones included (they used to be taken for flags: "Missing value for '--timeout'").
final class OptionValidationTests: XCTestCase {
    private var fixture: RunnerFixture!
    private var course: CourseProcess!

    override func setUpWithError() throws {
        fixture = try RunnerFixture()
        course = try CourseProcess(fixture: fixture)
        try fixture.lesson("```swift\nprint(\"ran\")\n```\n", name: "01-one.md")
    }

    override func tearDown() { fixture?.remove() }

    /// Runs `course arguments…` in the lessons folder; the command must fail as a usage error (status 64) with
    /// `expected` in its message, and run nothing.
    private func assertRefused(_ arguments: [String], saying expected: String, line: UInt = #line) throws {
        let outcome = try course.run(arguments, in: fixture.root.appendingPathComponent("lessons"))
        XCTAssertEqual(outcome.status, 64, outcome.both, line: line)
        XCTAssertTrue(outcome.stderr.contains(expected), outcome.both, line: line)
        XCTAssertFalse(outcome.stderr.contains("Missing value"), outcome.both, line: line)
        XCTAssertFalse(outcome.stdout.contains("ran"), outcome.both, line: line)
    }

    func testRunTimeoutMustBeAFinitePositiveNumberOfSeconds() throws {
        let rule = "--timeout must be a positive number of seconds, at most 86400 (a day), not"
        try assertRefused(["run", "01", "--timeout", "-5"], saying: "\(rule) -5.0")
        try assertRefused(["run", "01", "--timeout", "0"], saying: "\(rule) 0.0")
        try assertRefused(["run", "01", "--timeout", "inf"], saying: "\(rule) inf")
        try assertRefused(["run", "01", "--timeout", "nan"], saying: "\(rule) nan")
        try assertRefused(["run", "01", "--timeout", "1e300"], saying: "\(rule) 1e+300")
    }

    func testCheckTimeLimitRefusesInfinityAndNegativeNumbers() throws {
        let rule = "--time-limit must be a positive number of seconds, at most 86400 (a day), not"
        try assertRefused(["check", "w.exercises.md", "--time-limit", "inf"], saying: "\(rule) inf")
        try assertRefused(["check", "w.exercises.md", "--time-limit", "-1"], saying: "\(rule) -1.0")
        try assertRefused(["check", "w.exercises.md", "--time-limit", "NaN"], saying: "\(rule) nan")
    }

    func testCheckMemoryLimitThatWouldOverflowInBytesIsRefusedAsAnOption() throws {
        let rule = "--memory-limit must be between 256 and 1048576 MiB (1 TiB), not"
        // 2^43 MiB is 2^63 bytes: it overflowed when shifted to bytes and was blamed on the graded code.
        try assertRefused(["check", "w.exercises.md", "--memory-limit", "8796093022208"], saying: "\(rule) 8796093022208")
        try assertRefused(["check", "w.exercises.md", "--memory-limit", "2000000"], saying: "\(rule) 2000000")
        try assertRefused(["check", "w.exercises.md", "--memory-limit", "-4096"], saying: "\(rule) -4096")
    }

    func testExportLimitMustBePositive() throws {
        try assertRefused(["data", "export", "mnist", "--images", "out", "--limit", "-3"],
                          saying: "--limit must be at least 1, not -3")
    }

    func testAGoodTimeoutStillRuns() throws {
        let outcome = try course.run(["run", "01", "--timeout", "30"], in: fixture.root.appendingPathComponent("lessons"))
        XCTAssertEqual(outcome.status, 0, outcome.both)
        XCTAssertTrue(outcome.stdout.contains("ran"), outcome.both)
    }
}
