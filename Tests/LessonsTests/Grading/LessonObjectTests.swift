import Foundation
import Lessons
import XCTest

/// A class's submissions share one compiled object of the lesson's own cells: a submission compiles only its
/// exercise scopes (its code and the lesson's checks), and no student's code is ever in the shared object.
final class LessonObjectTests: XCTestCase {
    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    func testTheLessonAndScopesLayoutPutsOnlyTheLessonsCellsInMainAndEachExerciseInAFunction() throws {
        let lesson = try GradingFixture.lesson()
        let code = CodeSnippet(code: "let only = \"in-the-submission\"\n" + GradingFixture.correct["square"]!,
                               file: "work/01.md", line: 3)
        let plan = LessonPlan(lesson: lesson, exercises: .submission(["square": code]))
        let program = LessonProgram(plan: plan, isolatedTimeLimit: 10, layout: .lessonAndScopes)
        let square = try XCTUnwrap(plan.steps.compactMap { step -> Int? in
            if case .isolated(let scope) = step, scope.code == code { return scope.cell } else { return nil }
        }.first)
        XCTAssertFalse(program.source.contains("in-the-submission"))
        XCTAssertTrue(program.source.contains("try __courseScope\(square)()"))
        XCTAssertTrue(program.scopesSource.contains("func __courseScope\(square)() throws -> Never {\n"))
        XCTAssertTrue(program.scopesSource.contains("let only = \"in-the-submission\""))
        XCTAssertFalse(program.scopesStub.contains("in-the-submission"))
        XCTAssertTrue(program.scopesStub.contains("func __courseScope\(square)() throws -> Never { fatalError() }"))
        // The default layout is the one file it always was.
        XCTAssertTrue(LessonProgram(plan: plan, isolatedTimeLimit: 10).source.contains("in-the-submission"))
    }

    func testTwoSubmissionsShareOneCompiledObjectOfTheLessonThatHoldsNeithersCode() throws {
        let lesson = try GradingFixture.lesson()
        var grader = try GradingFixture.grader()
        grader.environment.cacheDirectory = try GradingFixture.temporaryFolder()
        let objects = grader.environment.cacheDirectory.appendingPathComponent("lesson-objects")
        let right = try GradingFixture.workbook(for: lesson, answers: GradingFixture.correct)
        let first = try grader.grade(lesson: lesson, workbook: right, displayPath: "a/01.exercises.md")
        XCTAssertEqual(first.pointsEarned, first.pointsPossible, first.description)
        let made = try listing(objects)
        XCTAssertEqual(made.count, 1, "one object for the lesson, nothing else in the folder: \(made)")

        var wrong = GradingFixture.correct
        wrong["square"] = "func square(_ x: Double) -> Double {\n    let note = \"only-in-b\"\n    _ = note\n    return x + x\n}\n"
        let second = try grader.grade(lesson: lesson, workbook: try GradingFixture.workbook(for: lesson, answers: wrong),
                                      displayPath: "b/01.exercises.md")
        XCTAssertLessThan(second.pointsEarned, second.pointsPossible, second.description)
        XCTAssertEqual(try listing(objects), made, "the second submission compiled the lesson again")
        for name in made.keys {
            let bytes = try Data(contentsOf: objects.appendingPathComponent(name))
            XCTAssertNil(bytes.range(of: Data("only-in-b".utf8)))
            XCTAssertNil(bytes.range(of: Data("countVowels".utf8)), "a student's function is in the lesson's object")
        }
    }

    /// The objects in `folder`, by name, with their modification dates.
    private func listing(_ folder: URL) throws -> [String: Date] {
        var result: [String: Date] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            result[name] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate] as? Date
        }
        return result
    }
}
