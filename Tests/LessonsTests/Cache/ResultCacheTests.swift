import Foundation
import Lessons
import XCTest

/// The result cache: nothing re-runs when nothing that can change the results changed.
final class ResultCacheTests: XCTestCase {
    private var fixture: RunnerFixture!

    override func setUpWithError() throws { fixture = try RunnerFixture() }
    override func tearDown() { fixture?.remove() }

    private let body = """
        Some prose.

        ```swift
        print("seed is", CourseProgram.seed)
        ```

        ```swift fails
        let values = [Int]()
        print(values[1])
        ```
        """

    func testUnchangedLessonIsTakenFromTheCacheWithTheSameResults() throws {
        let lesson = try fixture.lesson(body, seed: 5)
        let first = try fixture.runner.run(lesson)
        XCTAssertFalse(first.fromCache)
        XCTAssertEqual(first.cells[0].text, "seed is 5\n")
        XCTAssertTrue(fixture.runner.isCached(lesson))

        var replayed: [Int] = []
        let second = try fixture.runner.run(lesson) { if case .cellFinished(let cell) = $0 { replayed.append(cell.index) } }
        XCTAssertTrue(second.fromCache)
        XCTAssertEqual(second.cells, first.cells)
        XCTAssertEqual(replayed, [0, 1], "cached results are reported to the progress handler too")
    }

    func testEditingProseRerunsNothingAndAnErrorFollowsItsCell() throws {
        let lesson = try fixture.lesson(body)
        let first = try fixture.runner.run(lesson)
        let oldLine = try XCTUnwrap(first.cells[1].outputs.compactMap { output -> Int? in
            if case .error(let error) = output { return error.line(in: lesson.cells[1]) } else { return nil }
        }.first)
        XCTAssertEqual(oldLine, try fixture.line(of: "values[1]", in: lesson))

        let edited = try fixture.lesson("A new paragraph,\nthree lines\nlong.\n\n" + body)
        let second = try fixture.runner.run(edited)
        XCTAssertTrue(second.fromCache)
        let newLine = second.cells[1].outputs.compactMap { output -> Int? in
            if case .error(let error) = output { return error.line(in: edited.cells[1]) } else { return nil }
        }.first
        XCTAssertEqual(newLine, oldLine + 4)
    }

    func testChangingCodeOrSeedRunsAgain() throws {
        let lesson = try fixture.lesson(body, seed: 1)
        _ = try fixture.runner.run(lesson)
        let reseeded = try fixture.lesson(body, seed: 2)
        XCTAssertFalse(fixture.runner.isCached(reseeded))
        let rerun = try fixture.runner.run(reseeded)
        XCTAssertFalse(rerun.fromCache)
        XCTAssertEqual(rerun.cells[0].text, "seed is 2\n")

        let recoded = try fixture.lesson(body.replacingOccurrences(of: "seed is", with: "the seed is"), seed: 2)
        XCTAssertFalse(try fixture.runner.run(recoded).fromCache)
    }

    func testForceRunsAgainButReusesTheCompiledProgram() throws {
        let lesson = try fixture.lesson(body)
        let first = try fixture.runner.run(lesson)
        XCTAssertFalse(first.programFromCache)
        let forced = try fixture.runner.run(lesson, options: RunOptions(force: true))
        XCTAssertFalse(forced.fromCache)
        XCTAssertTrue(forced.programFromCache)
        XCTAssertEqual(forced.cells.map(\.text), first.cells.map(\.text))
    }

    func testTimeoutIsNeverCached() throws {
        let lesson = try fixture.lesson("```swift\nwhile true {}\n```\n", timeout: 1)
        let result = try fixture.runner.run(lesson)
        XCTAssertEqual(result.cells[0].error?.kind, .timeout)
        XCTAssertFalse(fixture.runner.isCached(lesson))
    }

    func testExerciseSourcesAreCachedApart() throws {
        let lesson = try fixture.lesson("""
            ```swift exercise id=e
            let x = 1
            ```
            ```swift solution id=e
            let x = 2
            ```
            ```swift check id=e
            print(x)
            ```
            """)
        XCTAssertEqual(try fixture.runner.run(lesson).cells[2].text, "1\n")
        XCTAssertEqual(try fixture.runner.run(lesson, exercises: .solution).cells[2].text, "2\n")
        XCTAssertTrue(try fixture.runner.run(lesson, exercises: .solution).fromCache)
    }
}
