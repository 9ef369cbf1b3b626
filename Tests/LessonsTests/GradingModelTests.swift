import Foundation
import Lessons
import XCTest

/// The grading model without running anything: exercises gathered from a lesson, the workbook, reading a
/// submission back, the screen for grader names, the report's points and JSON.
final class GradingModelTests: XCTestCase {
    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    func testExercisesCarryPromptStarterSolutionPointsAndChecksInLessonOrder() throws {
        let exercises = Exercise.all(in: try GradingFixture.lesson())
        XCTAssertEqual(exercises.map(\.id), ["square", "relu", "vowels"])
        XCTAssertEqual(exercises.map(\.points), [1, 2, 1])
        let square = exercises[0]
        XCTAssertTrue(square.prompt.contains("Write `square(_:)`"))
        XCTAssertTrue(square.starter.code.contains("return 0"))
        XCTAssertTrue(square.solution?.code.contains("x * x") ?? false)
        XCTAssertEqual(square.checks.map(\.hidden), [false, true])
        XCTAssertEqual(square.checks.map(\.number), [1, 2])
        XCTAssertEqual(square.starter.file, "lessons/01-grading-basics.md")
        // The starter's first line of code is the line after its fence in the lesson file.
        let lines = try String(contentsOf: GradingFixture.folder.appendingPathComponent("lessons/01-grading-basics.md"),
                               encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines[square.starter.line - 2], "```swift exercise id=square points=1")
        XCTAssertEqual(String(lines[square.starter.line - 1]), "func square(_ x: Double) -> Double {")
    }

    func testWorkbookShowsPromptsStarterPointsAndPublicChecksButNoSolutionOrHiddenCheck() throws {
        let lesson = try GradingFixture.lesson()
        let markdown = Workbook(lesson: lesson).markdown
        XCTAssertEqual(Workbook(lesson: lesson).fileName, "01-grading-basics.exercises.md")
        XCTAssertTrue(markdown.contains("course check 01-grading-basics.exercises.md"))
        XCTAssertTrue(markdown.contains("## Exercise `relu` (2 points)"))
        XCTAssertTrue(markdown.contains("Write `countVowels(_:)`"))
        XCTAssertTrue(markdown.contains("```swift exercise id=square points=1\nfunc square(_ x: Double) -> Double {\n    return 0"))
        XCTAssertTrue(markdown.contains("checkClose(square(3), 9)"))
        XCTAssertTrue(markdown.contains("1 hidden check"))
        XCTAssertFalse(markdown.contains("x * x"), "a solution leaked into the workbook")
        XCTAssertFalse(markdown.contains("square(-1.5)"), "a hidden check leaked into the workbook")
        XCTAssertFalse(markdown.contains("queue"), "a hidden check leaked into the workbook")
        XCTAssertFalse(markdown.contains("solution"))
    }

    func testWorkbookIsNotOverwrittenWithoutForce() throws {
        let lesson = try GradingFixture.lesson()
        let folder = try GradingFixture.temporaryFolder()
        let url = try Workbook(lesson: lesson).write(into: folder)
        try "my answers".write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Workbook(lesson: lesson).write(into: folder)) { error in
            XCTAssertTrue("\(error)".contains("--force"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "my answers")
        try Workbook(lesson: lesson).write(into: folder, overwrite: true)
        XCTAssertNotEqual(try String(contentsOf: url, encoding: .utf8), "my answers")
    }

    func testSubmissionMatchesByIDAndReportsMissingDuplicatedAndUnknownExercises() throws {
        let exercises = Exercise.all(in: try GradingFixture.lesson())
        let markdown = """
            # answers

            ```swift exercise id=vowels points=1
            func countVowels(_ text: String) -> Int { 1 }
            ```

            ```swift exercise id=relu points=2
            func relu(_ t: Tensor) -> Tensor { t }
            ```

            ```swift exercise id=relu points=2
            func relu(_ t: Tensor) -> Tensor { t }
            ```

            ```swift exercise id=sigmoid points=1
            ```
            """
        let submission = Submission(markdown: markdown, displayPath: "w.md", exercises: exercises)
        XCTAssertEqual(submission.codes["vowels"]?.code, "func countVowels(_ text: String) -> Int { 1 }\n")
        XCTAssertEqual(submission.codes["vowels"]?.line, 4)
        XCTAssertEqual(submission.codes["vowels"]?.file, "w.md")
        XCTAssertNil(submission.codes["relu"])
        XCTAssertEqual(submission.problems["relu"], .repeated(lines: [7, 11]))
        XCTAssertEqual(submission.problems["relu"]?.description, "appears 2 times in the workbook (lines 7, 11); keep one")
        XCTAssertEqual(submission.problems["square"], .missing(id: "square"))
        XCTAssertEqual(submission.unknownIDs, ["sigmoid"])
    }

    // The submission screen's tests are in Grading/SubmissionScreenTests.swift.

    func testPointsAreAllOrNothingPerExerciseAndSurviveJSON() throws {
        let passing = ExerciseReport(id: "a", pointsPossible: 2, checks: [
            CheckVerdict(number: 1, hidden: false, passed: true, message: "ok", location: "l.md:3"),
            CheckVerdict(number: 2, hidden: true, passed: true, message: "passed"),
        ])
        let failing = ExerciseReport(id: "b", pointsPossible: 3, checks: [
            CheckVerdict(number: 1, hidden: false, passed: true, message: "ok"),
            CheckVerdict(number: 2, hidden: true, passed: false, message: "failed"),
        ])
        let broken = ExerciseReport(id: "c", pointsPossible: 1, problem: .crashed("SIGILL"), checks: [
            CheckVerdict(number: 1, hidden: false, passed: true, message: "ok"),
        ])
        let report = GradeReport(lesson: "l.md", submission: "w.md", exercises: [passing, failing, broken])
        XCTAssertEqual(report.pointsEarned, 2)
        XCTAssertEqual(report.pointsPossible, 6)
        let data = try JSONEncoder().encode(report)
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["pointsEarned"] as? Int, 2)
        XCTAssertEqual(json["pointsPossible"] as? Int, 6)
        let exercises = try XCTUnwrap(json["exercises"] as? [[String: Any]])
        XCTAssertEqual(exercises.map { $0["passed"] as? Bool }, [true, false, false])
        XCTAssertEqual(exercises.map { $0["pointsEarned"] as? Int }, [2, 0, 0])
        XCTAssertEqual(try JSONDecoder().decode(GradeReport.self, from: data), report)
        let text = report.description
        XCTAssertTrue(text.contains("✓ a"), text)
        XCTAssertTrue(text.contains("✗ c"), text)
        XCTAssertTrue(text.contains("crashed"), text)
        XCTAssertTrue(text.contains("points: 2/6"), text)
    }
}
