import Foundation
import Lessons
import XCTest

/// For every lesson: each reference solution passes every check, and each starter fails at least one check of
/// its exercise (a check that passes on the starter asserts nothing). Both run in one program per lesson.
final class GradingValidationTests: XCTestCase {
    func testEveryLessonsSolutionsPassAndStartersFail() throws {
        let folder = GradingFixture.packageRoot.appendingPathComponent("lessons", isDirectory: true)
        let catalog = try LessonCatalog(folder: folder)
        // Generous limits: a lesson's own cells may train a network (unless `course build` memoized it).
        let grader = try Grader.discover(from: GradingFixture.packageRoot,
                                         limits: GradingLimits(timeLimit: 60, lessonTimeLimit: 1200))
        var validated = 0
        for url in catalog.files {
            let lesson: Lesson
            do { lesson = try catalog.load(url) } catch { XCTFail("lessons/\(url.lastPathComponent): \(error)"); continue }
            var display = lesson
            display.displayPath = "lessons/" + url.lastPathComponent
            guard !Exercise.all(in: display).isEmpty else { continue }
            do {
                let start = Date()
                let validation = try grader.validate(lesson: display)
                for failure in validation.failures { XCTFail(failure) }
                print("\(display.displayPath): \(validation.exercises.count) exercise(s) validated in "
                      + "\(Int(Date().timeIntervalSince(start) * 10) / 10) s")
                validated += 1
            } catch {
                XCTFail("\(display.displayPath): \(error)")
            }
        }
        print("validated the exercises of \(validated) lesson(s)")
    }

    func testNoLessonsReferenceSolutionWouldBeRefusedAsASubmission() throws {
        let catalog = try LessonCatalog(folder: GradingFixture.packageRoot.appendingPathComponent("lessons"))
        for url in catalog.files {
            guard let lesson = try? catalog.load(url) else { continue }
            for exercise in Exercise.all(in: lesson) {
                guard let solution = exercise.solution else { continue }
                XCTAssertNil(SubmissionScreen.problem(in: solution.code, exercise: exercise),
                             "lessons/\(url.lastPathComponent): exercise '\(exercise.id)': its solution as a submission")
            }
        }
    }

    func testTheFixtureLessonIsSound() throws {
        let validation = try GradingFixture.grader().validate(lesson: try GradingFixture.lesson())
        XCTAssertEqual(validation.failures, [])
        XCTAssertEqual(validation.solution.pointsEarned, 4, validation.solution.description)
        XCTAssertEqual(validation.starter.pointsEarned, 0, validation.starter.description)
    }

    func testAWrongSolutionAndAStarterThatPassesAreNamedWithLessonExerciseAndCheck() throws {
        let lesson = try GradingFixture.lesson("02-unsound-exercises")
        let validation = try GradingFixture.grader().validate(lesson: lesson)
        let failures = validation.failures
        XCTAssertEqual(failures.count, 3, failures.joined(separator: "\n"))
        let checkLine = try GradingFixture.line(of: "checkEqual(double(4), 8)",
            in: GradingFixture.folder.appendingPathComponent("lessons/02-unsound-exercises.md")) - 1
        XCTAssertEqual(failures.first,
                       "lessons/02-unsound-exercises.md: exercise 'double': the reference solution fails check 1 at "
                       + "lessons/02-unsound-exercises.md:\(checkLine): expected 8, got 5")
        XCTAssertEqual(failures[1],
                       "lessons/02-unsound-exercises.md: exercise 'anything': the starter code passes every check, "
                       + "so the checks assert nothing (the starter must fail at least one)")
        let missingReturn = try GradingFixture.line(of: "    // write this",
            in: GradingFixture.folder.appendingPathComponent("lessons/02-unsound-exercises.md")) + 1
        XCTAssertTrue(failures[2].hasPrefix("lessons/02-unsound-exercises.md: exercise 'unfinished': the starter code "
                                            + "does not compile: lessons/02-unsound-exercises.md:\(missingReturn):"),
                      failures[2])
    }
}
