import Foundation
import Lessons
import XCTest

/// Grading real workbooks end to end: the fixture lesson compiled against the built CourseKit library and run in
/// the sandbox. Each test states what a submission does and what verdict it must get.
final class GradingRunTests: XCTestCase {
    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    func testCorrectAnswersEarnEveryPointAndTheWorkbooksOwnPointsCountForNothing() throws {
        let lesson = try GradingFixture.lesson()
        let answers = GradingFixture.correct
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        // Points written in the workbook count for nothing: the lesson's points do.
        let text = try String(contentsOf: url, encoding: .utf8)
        try text.replacingOccurrences(of: "id=relu points=2", with: "id=relu points=50").write(to: url, atomically: true, encoding: .utf8)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: url.path)
        XCTAssertEqual(report.pointsEarned, 4, report.description)
        XCTAssertEqual(report.pointsPossible, 4)
        XCTAssertEqual(report["square"]?.checks.map(\.passed), [true, true])
        XCTAssertEqual(report["relu"]?.checks.count, 1)
    }

    func testTheUntouchedWorkbookEarnsNothingAndSaysWhatWasExpected() throws {
        let lesson = try GradingFixture.lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: [:])
        // Editing the workbook's copy of a check changes nothing: the lesson's own check runs.
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains("checkClose(square(3), 9)"))
        try text.replacingOccurrences(of: "checkClose(square(3), 9)", with: "checkClose(square(3), 0)")
            .write(to: url, atomically: true, encoding: .utf8)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        XCTAssertEqual(report.pointsEarned, 0, report.description)
        let square = try XCTUnwrap(report["square"])
        XCTAssertNil(square.problem)
        XCTAssertTrue(square.checks[0].message.hasPrefix("expected 9 (± 9.1e-05), got 0"), square.checks[0].message)
        let fence = try GradingFixture.line(of: "checkClose(square(3), 9)",
                                            in: GradingFixture.folder.appendingPathComponent("lessons/01-grading-basics.md")) - 1
        XCTAssertEqual(square.checks[0].location, "lessons/01-grading-basics.md:\(fence)")
        // A hidden check says only that it failed.
        XCTAssertEqual(square.checks[1].message, "failed (the details of hidden checks are not shown)")
        XCTAssertNil(square.checks[1].location)
        // The tensor check compares values after the shape and shows expected vs got.
        let relu = try XCTUnwrap(report["relu"]?.checks.first?.message)
        XCTAssertTrue(relu.contains("2 of 4 values differ"), relu)
        XCTAssertTrue(relu.contains("at [0, 0] expected 0, got -1"), relu)
        XCTAssertEqual(report["vowels"]?.checks.first?.message, "expected 3, got 0")
        // The hidden check that the starter happens to pass ("sky" has no vowels) stays hidden too.
        XCTAssertEqual(report["vowels"]?.checks.last?.passed, false)
    }

    func testAWrongAnswerATrapAndAnEndlessLoopEachCostOnlyTheirOwnExercise() throws {
        let lesson = try GradingFixture.lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: [
            "square": "func square(_ x: Double) -> Double { x + x }\n",
            "relu": "func relu(_ t: Tensor) -> Tensor {\n    let values = [Float]()\n    print(\"about to fail\")\n"
                + "    return Tensor(shape: t.shape, scalars: [values[3]])\n}\n",
            "vowels": "func countVowels(_ text: String) -> Int {\n    var n = 0\n    while n >= 0 { n = (n + 1) % 7 }\n    return n\n}\n",
        ])
        let start = Date()
        let report = try GradingFixture.grader(timeLimit: 2).grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(report.pointsEarned, 0, report.description)
        XCTAssertEqual(report["square"]?.problem?.description, nil)
        XCTAssertEqual(report["square"]?.checks.first?.message, "expected 9 (± 9.1e-05), got 6")
        let relu = try XCTUnwrap(report["relu"])
        XCTAssertTrue(relu.problem?.description.hasPrefix("crashed") ?? false, report.description)
        XCTAssertTrue(relu.output?.contains("about to fail") ?? false, relu.output ?? "no output")
        XCTAssertTrue(relu.output?.contains("Index out of range") ?? false, relu.output ?? "no output")
        // relu traps when the check calls it: the check began and never finished.
        XCTAssertEqual(relu.checks.map(\.message), ["did not finish (it crashed, threw, or ran out of time)"])
        let vowels = try XCTUnwrap(report["vowels"])
        XCTAssertEqual(vowels.problem?.description, "time limit: still running after 2 s (an endless loop?)")
        XCTAssertLessThan(seconds, 30, "the endless loop was not stopped at its time limit")
    }

    func testACompileErrorNamesTheWorkbookLineAndTheOtherExercisesAreStillGraded() throws {
        let lesson = try GradingFixture.lesson()
        var answers = GradingFixture.correct
        answers["square"] = "func square(_ x: Double) -> Double {\n    return x * undefinedName\n}\n"
        answers["vowels"] = "func countVowels(_ word: Int) -> Int { 0 }\n"
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        let line = try GradingFixture.line(of: "undefinedName", in: url)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "work/wb.md")
        let square = try XCTUnwrap(report["square"])
        XCTAssertTrue(square.problem?.description.hasPrefix("does not compile: work/wb.md:\(line):") ?? false, report.description)
        XCTAssertTrue(square.problem?.description.contains("undefinedName") ?? false)
        XCTAssertEqual(square.pointsEarned, 0)
        // A signature that the checks cannot call: blamed on the exercise, naming the public check's line.
        let vowels = try XCTUnwrap(report["vowels"])
        XCTAssertTrue(vowels.problem?.description.hasPrefix("the checks cannot use your code: lessons/01-grading-basics.md:") ?? false,
                      report.description)
        XCTAssertEqual(report["relu"]?.pointsEarned, 2, report.description)
        XCTAssertEqual(report.pointsEarned, 2)
    }

    func testExitingEarlyFakeVerdictsAndGraderNamesDoNotPass() throws {
        let lesson = try GradingFixture.lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: [
            // Right answer, but it would end the program before any check runs: `exit` is refused.
            "square": GradingFixture.correct["square"]! + "print(\"✓ check passed\")\nexit(0)\n",
            // Wrong answer that prints lines looking like verdicts and events (without the run's nonce).
            "vowels": """
                func countVowels(_ text: String) -> Int { 0 }
                print("✓ check passed: expected 3")
                print("\\u{1E}course: {\\"check\\":{\\"kind\\":\\"equal\\",\\"got\\":{\\"int\\":{\\"_0\\":3}}}}")
                """,
            // Redefines a check function so the checks would call it.
            "relu": "func checkClose(_ a: Tensor, _ b: Tensor) -> Bool { true }\nfunc relu(_ t: Tensor) -> Tensor { t }\n",
        ])
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        XCTAssertEqual(report.pointsEarned, 0, report.description)
        XCTAssertTrue(report["square"]?.problem?.description.contains("`exit`") ?? false, report.description)
        XCTAssertEqual(report["vowels"]?.checks.first?.message, "expected 3, got 0", report.description)
        XCTAssertTrue(report["relu"]?.problem?.description.hasSuffix(
                       "uses `checkClose`, which belongs to the grader: rename or remove it") ?? false, report.description)
    }

    func testAWriteOutsideTheWorkFolderIsRefusedWithItsLineAndNeverLands() throws {
        let lesson = try GradingFixture.lesson()
        let name = "/tmp/course-grading-escape-\(UUID().uuidString).txt"
        var answers = GradingFixture.correct
        answers["relu"]! += "try? \"I was here\".write(toFile: \"\(name)\", atomically: false, encoding: .utf8)\n"
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        let line = try GradingFixture.line(of: "I was here", in: url)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        XCTAssertFalse(FileManager.default.fileExists(atPath: name), "the graded code wrote into the machine's /tmp")
        let problem = report["relu"]?.problem?.description ?? ""
        XCTAssertTrue(problem.hasPrefix("your code wb.md:\(line):"), problem)
        XCTAssertEqual(report.pointsEarned, 2, "only the exercise that tried costs: \(report)")
    }

    func testTheStudentsCodeCannotWriteTheCourse() throws {
        let lesson = try GradingFixture.lesson()
        let target = GradingFixture.packageRoot.appendingPathComponent("lessons/.grading-escape-\(UUID().uuidString)")
        var answers = GradingFixture.correct
        answers["square"] = "let written = FileManager.default.createFile(atPath: \"\(target.path)\", contents: nil)\n"
            + "func square(_ x: Double) -> Double { written ? 0 : x * x }\n"
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        XCTAssertTrue(report["square"]?.problem?.description.contains("`FileManager`") ?? false, report.description)
    }

    func testAMemoryHogIsStoppedAndATrapNamesTheWorkbookLine() throws {
        let lesson = try GradingFixture.lesson()
        var answers = GradingFixture.correct
        // Asks for 3 GiB, above the 1 GiB limit of this run.
        answers["relu"] = """
            func relu(_ t: Tensor) -> Tensor {
                var big = [UInt8](repeating: 1, count: 3 << 30)
                big[12345] = 2
                return Tensor(shape: t.shape, scalars: t.scalars.map { max(0, $0) + Float(big[12345] - 2) })
            }

            """
        answers["vowels"] = "func countVowels(_ text: String) -> Int {\n    fatalError(\"not written yet\")\n}\n"
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        let line = try GradingFixture.line(of: "not written yet", in: url)
        let report = try GradingFixture.grader(memoryLimitMB: 1024).grade(lesson: lesson, workbook: url, displayPath: "work/wb.md")
        XCTAssertEqual(report["square"]?.passed, true, report.description)
        let relu = try XCTUnwrap(report["relu"])
        XCTAssertFalse(relu.passed)
        XCTAssertTrue(relu.problem?.description.hasPrefix("crashed") ?? false, report.description)
        // A trap in the student's code names the workbook's line.
        let vowels = try XCTUnwrap(report["vowels"])
        let output = vowels.output ?? "no output"
        XCTAssertTrue(output.contains("Fatal error: not written yet") && output.contains("work/wb.md:\(line)"), output)
    }

    func testAProcessThatLeavesTheProcessGroupIsStillEnded() throws {
        guard Sandbox.bubblewrap != nil else { throw XCTSkip("bubblewrap cannot make a sandbox here") }
        let lesson = try GradingFixture.lesson()
        let seconds = String(Int.random(in: 40_000...49_999))
        var answers = GradingFixture.correct
        answers["square"]! += """
            let sleeper = Process()
            sleeper.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            sleeper.arguments = ["/bin/sleep", "\(seconds)"]
            try? sleeper.run()

            """
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        _ = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        usleep(200_000)
        let lingering = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil,
                  let command = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline")) else { return false }
            return String(decoding: command, as: UTF8.self).contains("sleep\u{0}\(seconds)")
        }
        XCTAssertEqual(lingering, [], "a process started by the graded code outlived the grading")
    }

    func testNothingOfAHiddenCheckReachesTheReportNotEvenWhatItMadeTheCodePrintOrItsCrash() throws {
        let lesson = try GradingFixture.lesson()
        var answers = GradingFixture.correct
        // Right for the public input 3; prints every input, and traps on the hidden check's negative input.
        answers["square"] = """
            func square(_ x: Double) -> Double {
                print("square called with \\(x)")
                if x < 0 { fatalError("negative input \\(x)") }
                return x * x
            }

            """
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        let square = try XCTUnwrap(report["square"])
        XCTAssertTrue(square.problem?.description.hasPrefix("crashed") ?? false, report.description)
        XCTAssertEqual(square.checks.map(\.passed), [true, false])
        XCTAssertEqual(square.checks[1].message, "failed (the details of hidden checks are not shown)")
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for text in [report.description, json] {
            XCTAssertTrue(text.contains("square called with 3.0"), text)  // the public check's input is fine to show
            XCTAssertFalse(text.contains("-1.5"), text)                    // the hidden check's input is not
            XCTAssertFalse(text.contains("called with 1.0"), text)
            XCTAssertFalse(text.contains("negative input"), text)
            XCTAssertFalse(text.contains("2.25"), text)
        }
    }

    func testAMissingAndARepeatedExerciseEachGetAReportLineAndTheRestIsGraded() throws {
        let lesson = try GradingFixture.lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: GradingFixture.correct)
        var text = try String(contentsOf: url, encoding: .utf8)
        // Drop the square block; repeat the vowels block.
        text = text.replacingOccurrences(of: "```swift exercise id=square points=1\n" + GradingFixture.correct["square"]! + "```\n",
                                         with: "")
        let vowels = "```swift exercise id=vowels points=1\n" + GradingFixture.correct["vowels"]! + "```\n"
        XCTAssertTrue(text.contains(vowels))
        text += "\n" + vowels
        try text.write(to: url, atomically: true, encoding: .utf8)
        let report = try GradingFixture.grader().grade(lesson: lesson, workbook: url, displayPath: "wb.md")
        XCTAssertEqual(report["square"]?.problem?.description,
                       "missing from the workbook (no ```swift exercise id=square block)", report.description)
        XCTAssertTrue(report["vowels"]?.problem?.description.hasPrefix("appears 2 times in the workbook (lines ") ?? false,
                      report.description)
        XCTAssertEqual(report["relu"]?.passed, true, report.description)
        XCTAssertEqual(report.pointsEarned, 2)
    }
}
