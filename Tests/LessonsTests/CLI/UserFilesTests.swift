import Foundation
import Lessons
import XCTest

/// Nothing a user had is lost or shadowed: `course build` keeps files it did not write, a workbook never lands
/// among the lessons, and two lessons claiming one number are an error naming both.
final class UserFilesTests: XCTestCase {
    private var fixture: RunnerFixture!
    private var course: CourseProcess!
    private var lessons: URL { fixture.root.appendingPathComponent("lessons") }

    override func setUpWithError() throws {
        fixture = try RunnerFixture()
        course = try CourseProcess(fixture: fixture)
    }

    override func tearDown() { fixture?.remove() }

    private func run(_ arguments: String...) throws -> CourseProcess.Outcome {
        try course.run(arguments, in: lessons, environment: ["COURSE_DATA_DIR": fixture.root.appendingPathComponent("data").path])
    }

    func testBuildKeepsAUsersFileInTheSiteAndRemovesOnlyItsOwnStalePages() throws {
        try fixture.lesson("```swift\nprint(\"one\")\n```\n", name: "01-one.md")
        try fixture.lesson("```swift\nprint(\"two\")\n```\n", name: "02-two.md")
        let first = try run("build")
        XCTAssertEqual(first.status, 0, first.both)
        let site = fixture.root.appendingPathComponent("site")
        let notes = site.appendingPathComponent("notes.txt")
        try Data("my notes\n".utf8).write(to: notes)

        try FileManager.default.removeItem(at: lessons.appendingPathComponent("02-two.md"))
        let second = try run("build")
        XCTAssertEqual(second.status, 0, second.both)
        XCTAssertEqual(try String(contentsOf: notes, encoding: .utf8), "my notes\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("02-two.html").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("01-one.html").path))
    }

    func testBuildRefusesAFolderOfSomeoneElsesFiles() throws {
        try fixture.lesson("```swift\nprint(\"one\")\n```\n", name: "01-one.md")
        let folder = fixture.root.appendingPathComponent("thesis")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: folder.appendingPathComponent("index.html"))
        let outcome = try run("build", "--output", folder.path)
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertTrue(outcome.stderr.contains("already holds files that this builder did not write"), outcome.both)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8), "precious")
    }

    func testExercisesRefusesToWriteAWorkbookIntoTheLessonsFolder() throws {
        try fixture.lesson("""
            Write `square(_:)`.

            ```swift exercise id=square points=1
            func square(_ x: Double) -> Double { 0 }
            ```

            ```swift solution id=square
            func square(_ x: Double) -> Double { x * x }
            ```

            ```swift check id=square
            checkClose(square(3), 9)
            ```
            """, name: "01-squares.md")
        for out in [".", lessons.path, "../lessons/"] {
            let outcome = try run("exercises", "01", "--out", out)
            XCTAssertEqual(outcome.status, 1, outcome.both)
            XCTAssertTrue(outcome.stderr.hasPrefix("course: cannot write \(out): that is the lessons folder"), outcome.both)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: lessons.path), ["01-squares.md"])
        // Elsewhere it works; and a workbook that an older course left among the lessons is not a lesson.
        let elsewhere = try run("exercises", "01", "--out", "../workbooks")
        XCTAssertEqual(elsewhere.status, 0, elsewhere.both)
        try FileManager.default.copyItem(at: fixture.root.appendingPathComponent("workbooks/01-squares.exercises.md"),
                                         to: lessons.appendingPathComponent("01-squares.exercises.md"))
        let list = try run("list")
        XCTAssertEqual(list.status, 0, list.both)
        XCTAssertFalse(list.stdout.contains("exercises"), list.both)
        XCTAssertTrue(list.stdout.contains("01-squares"), list.both)
    }

    func testExercisesIntoAPathThatCannotBeAFolderNamesThePathAndWhy() throws {
        try fixture.lesson("""
            ```swift exercise id=one points=1
            let one = 0
            ```

            ```swift solution id=one
            let one = 1
            ```

            ```swift check id=one
            checkEqual(one, 1)
            ```
            """, name: "01-one.md")
        let file = fixture.root.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: file)
        let outcome = try run("exercises", "01", "--out", file.appendingPathComponent("work").path)
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertEqual(outcome.stderr, "course: cannot write \(file.path): it is a file, not a folder\n")
    }

    func testTwoLessonsWithOneNumberAreAnErrorNamingBoth() throws {
        try fixture.lesson("```swift\nprint(1)\n```\n", name: "03-first.md")
        try fixture.lesson("```swift\nprint(2)\n```\n", name: "3-second.md")
        let outcome = try run("run", "3")
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertEqual(outcome.stderr, "course: lessons/03-first.md and lessons/3-second.md have the same number 3 in "
            + "their names: give each lesson its own number\n")
    }

    func testBuildReportsTwoLessonsWithOneOrderNamingBoth() throws {
        try fixture.lesson("```swift\nprint(1)\n```\n", name: "01-first.md")
        try Data("---\ntitle: Also first\norder: 1\n---\n```swift\nprint(2)\n```\n".utf8)
            .write(to: lessons.appendingPathComponent("02-second.md"))
        let outcome = try run("build")
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertTrue(outcome.stderr.contains("lessons/01-first.md and lessons/02-second.md have the same order 1"),
                      outcome.both)
    }
}
