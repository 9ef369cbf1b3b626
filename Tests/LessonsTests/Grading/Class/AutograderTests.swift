import Foundation
import Lessons
import XCTest

/// `course autograder 02 --out autograder.zip`, unzipped into a simulated `/autograder` under a temporary root,
/// and its `run_autograder` run there as Gradescope runs it; and `course grade` interrupted and resumed.
final class AutograderTests: XCTestCase {
    private var base: URL!

    override func setUpWithError() throws {
        base = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-autograder-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: base) }

    private func run(_ executable: URL, environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        process.environment = variables
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testRunAutograderGradesTheSubmissionIntoResultsJSONFieldByField() throws {
        let zip = base.appendingPathComponent("autograder.zip")
        let made = try ClassFixture.course(["autograder", "02", "--out", zip.path], in: GradingFixture.packageRoot)
        XCTAssertEqual(made.status, 0, made.stderr)
        let root = base.appendingPathComponent("autograder")
        let source = root.appendingPathComponent("source")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        unzip.arguments = ["python3", "-m", "zipfile", "-e", zip.path, source.path]
        try unzip.run()
        unzip.waitUntilExit()
        let entries = try FileManager.default.contentsOfDirectory(atPath: source.path).sorted()
        XCTAssertEqual(entries, ["course", "run_autograder", "setup.sh"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: source.appendingPathComponent("course/lessons").path),
                       ["02-pooling.md"], "only the graded lesson travels")
        for script in ["run_autograder", "setup.sh"] {   // zip keeps the mode; python's extract does not
            chmod(source.appendingPathComponent(script).path, 0o755)
        }
        // carol's workbook: pooled-size right (2 points), the rest as given.
        let lesson = try ClassFixture.lesson
        let solution = Exercise.all(in: lesson)[0].solution!.code
        let submission = root.appendingPathComponent("submission/02-pooling.exercises.md")
        try FileManager.default.createDirectory(at: submission.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ClassFixture.workbook(lesson, answers: ["pooled-size": solution]).write(to: submission, atomically: true, encoding: .utf8)
        let environment = ["COURSE_AUTOGRADER_ROOT": root.path, "COURSE_BIN": try ClassFixture.executable.path]
        let outcome = try run(source.appendingPathComponent("run_autograder"), environment: environment)
        XCTAssertEqual(outcome.status, 0, outcome.output)
        let data = try Data(contentsOf: root.appendingPathComponent("results/results.json"))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["score"] as? Double, 2)
        XCTAssertTrue((json["output"] as? String)?.contains("2 of 7 points") == true, "\(json)")
        let tests = try XCTUnwrap(json["tests"] as? [[String: Any]])
        let exercises = Exercise.all(in: lesson)
        XCTAssertEqual(tests.count, exercises.count + exercises.reduce(0) { $0 + $1.checks.count })
        var index = 0
        for exercise in exercises {
            let test = tests[index]
            XCTAssertEqual(test["name"] as? String, "\(exercise.id) (\(exercise.points) points)")
            XCTAssertEqual(test["max_score"] as? Double, Double(exercise.points))
            XCTAssertEqual(test["score"] as? Double, exercise.id == "pooled-size" ? 2 : 0)
            XCTAssertEqual(test["visibility"] as? String, "visible")
            XCTAssertNotNil(test["output"] as? String)
            for check in exercise.checks {
                index += 1
                let entry = tests[index]
                XCTAssertEqual(entry["name"] as? String, "\(exercise.id): \(check.hidden ? "hidden check" : "check") \(check.number)")
                XCTAssertEqual(entry["max_score"] as? Double, 0)
                XCTAssertEqual(entry["score"] as? Double, 0)
                XCTAssertEqual(entry["visibility"] as? String, check.hidden ? "after_published" : "visible")
                XCTAssertEqual(entry["status"] as? String, exercise.id == "pooled-size" ? "passed" : "failed")
                if check.hidden { XCTAssertTrue(["passed", "failed"].contains(entry["output"] as? String ?? "")) }
            }
            index += 1
        }
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("224"), "a hidden check's values leaked")

        // An upload without a workbook gets 0 and a sentence that says what to upload.
        try FileManager.default.removeItem(at: submission)
        let empty = try run(source.appendingPathComponent("run_autograder"), environment: environment)
        XCTAssertEqual(empty.status, 0, empty.output)
        let nothing = try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent("results/results.json"))) as? [String: Any]
        XCTAssertEqual(nothing?["score"] as? Double, 0)
        XCTAssertTrue((nothing?["output"] as? String)?.contains("upload 02-pooling.exercises.md") == true, "\(nothing ?? [:])")
    }

    func testAnInterruptedGradeResumesWhereItStopped() throws {
        let folder = base.appendingPathComponent("class"), out = base.appendingPathComponent("grades")
        try ClassFixture.writeClass(in: folder, out: out)
        let arguments = ["grade", folder.path, "--out", out.path, "--jobs", "1", "--time-limit", "4", "--memory-limit", "2048"]
        let first = try ClassFixture.start(arguments, in: GradingFixture.packageRoot)
        let reports = out.appendingPathComponent("reports")
        let deadline = Date().addingTimeInterval(300)
        func stored() -> Int { (FileManager.default.subpaths(atPath: reports.path) ?? []).filter { $0.hasSuffix(".json") }.count }
        while stored() < 2 && first.isRunning && Date() < deadline { usleep(100_000) }
        kill(first.processIdentifier, SIGINT)
        first.waitUntilExit()
        let done = stored()
        XCTAssertGreaterThanOrEqual(done, 2)
        XCTAssertLessThan(done, 6, "the run finished before it was interrupted")
        let second = try ClassFixture.course(arguments, in: GradingFixture.packageRoot)
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stdout.hasPrefix("graded \(6 - done) of 6 workbooks"), second.stdout)
        let csv = try String(contentsOf: out.appendingPathComponent("gradebook.csv"), encoding: .utf8)
        let totals = csv.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }.map { line -> String in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return "\(fields[0])=\(fields[5])"
        }
        XCTAssertEqual(totals, ClassFixture.expectedTotals.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
    }
}
