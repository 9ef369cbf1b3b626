import Foundation
import Lessons
import XCTest

/// `course exercises` and `course check` through the built executable, as a student uses them.
final class GradingCLITests: XCTestCase {
    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    private struct Outcome { var status: Int32; var stdout: String; var stderr: String }

    private func course(_ arguments: [String]) throws -> Outcome {
        let environment = try CourseEnvironment.locate(from: GradingFixture.packageRoot)
        let executable = environment.libraryDirectory.appendingPathComponent("course")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("the course executable is not built next to the tests")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = GradingFixture.packageRoot
        var variables = ProcessInfo.processInfo.environment
        variables["NO_COLOR"] = "1"
        process.environment = variables
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    private var lessonPath: String { GradingFixture.folder.appendingPathComponent("lessons/01-grading-basics.md").path }

    func testExercisesWritesTheWorkbookAndRefusesToOverwriteIt() throws {
        let folder = try GradingFixture.temporaryFolder()
        let first = try course(["exercises", lessonPath, "--out", folder.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("3 exercises, 4 points"), first.stdout)
        let workbook = folder.appendingPathComponent("01-grading-basics.exercises.md")
        let lesson = try Lesson(contentsOf: URL(fileURLWithPath: lessonPath), displayPath: lessonPath)
        XCTAssertEqual(try String(contentsOf: workbook, encoding: .utf8),
                       Workbook(lesson: lesson).markdown(checkPath: workbook.path))
        let second = try course(["exercises", lessonPath, "--out", folder.path])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.stderr.hasPrefix("course: cannot write "), second.stderr)
        XCTAssertTrue(second.stderr.contains("--force"), second.stderr)
    }

    func testCheckJSONGivesPointsPerExerciseForACorrectWorkbook() throws {
        let lesson = try GradingFixture.lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: GradingFixture.correct)
        let outcome = try course(["check", url.path, "--lesson", lessonPath, "--json"])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
                                 outcome.stdout)
        XCTAssertEqual(json["pointsEarned"] as? Int, 4)
        XCTAssertEqual(json["pointsPossible"] as? Int, 4)
        let exercises = try XCTUnwrap(json["exercises"] as? [[String: Any]])
        XCTAssertEqual(exercises.map { $0["id"] as? String }, ["square", "relu", "vowels"])
        XCTAssertEqual(exercises.map { $0["passed"] as? Bool }, [true, true, true])
    }

    func testCheckTextReportOfTheUntouchedWorkbook() throws {
        let lesson = try GradingFixture.lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: [:])
        let outcome = try course(["check", url.path, "--lesson", lessonPath])
        XCTAssertEqual(outcome.status, 0, outcome.stderr)
        XCTAssertTrue(outcome.stdout.contains("✗ square"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.contains("expected 3, got 0"), outcome.stdout)
        XCTAssertTrue(outcome.stdout.hasSuffix("points: 0/4\n"), outcome.stdout)
    }

    func testBadCommandLinesGiveOneClearLine() throws {
        let missing = try course(["check", "no-such-workbook.exercises.md"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "course: cannot read the workbook no-such-workbook.exercises.md: no such file\n")

        let folder = try GradingFixture.temporaryFolder()
        let renamed = folder.appendingPathComponent("my answers.md")
        try "# nothing".write(to: renamed, atomically: true, encoding: .utf8)
        let unnamed = try course(["check", renamed.path])
        XCTAssertEqual(unnamed.status, 1)
        XCTAssertTrue(unnamed.stderr.contains("cannot tell which lesson"), unnamed.stderr)

        let badLimit = try course(["check", renamed.path, "--time-limit", "0"])
        XCTAssertNotEqual(badLimit.status, 0)
        XCTAssertTrue(badLimit.stderr.contains("--time-limit must be a positive number"), badLimit.stderr)
    }
}
