import Foundation
import Lessons
import XCTest

/// An error thrown and not caught at the top level of a cell names the lesson line of the statement that threw,
/// although Swift's backtrace for it names only the generated `main`.
final class ThrowLocationTests: XCTestCase {
    private var fixture: RunnerFixture!

    override func setUpWithError() throws { fixture = try RunnerFixture() }
    override func tearDown() { fixture?.remove() }

    private func run(_ lesson: Lesson) throws -> LessonResult {
        try fixture.runner.run(lesson, options: RunOptions(useCache: false))
    }

    func testUncaughtThrowNamesTheLineOfItsStatement() throws {
        let lesson = try fixture.lesson("""
            ```swift
            struct ShapeMismatch: Error {}
            func load(_ n: Int) throws -> Int {
                if n > 2 { throw ShapeMismatch() }
                return n
            }
            let first = try load(1)
            ```

            Some prose.

            ```swift
            print("loading", first)
            let fine = try? load(9)
            let second = try load(2) +
                1
            let third = try load(3)
            print("never")
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .failed])
        let error = try XCTUnwrap(result.cells[1].error)
        XCTAssertEqual(error.kind, .thrown)
        XCTAssertTrue(error.message.contains("ShapeMismatch"), error.message)
        XCTAssertEqual(error.line(in: lesson.cells[1]), try fixture.line(of: "let third = try load(3)", in: lesson))
        XCTAssertEqual(result.cells[1].text, "loading 1\n", "the statements before it ran")
        // The terminal names the lesson's line, as for a compile error.
        let shown = TerminalFormatter(lesson: lesson, outputsDirectory: fixture.root, color: false)
            .format(error, of: lesson.cells[1])
        XCTAssertTrue(shown.hasPrefix("lessons/01-test.md:\(try fixture.line(of: "let third", in: lesson)): uncaught error"), shown)
    }

    func testAThrowInsideATopLevelLoopNamesTheLoopBodysLine() throws {
        let lesson = try fixture.lesson("""
            ```swift
            enum Stop: Error { case at(Int) }
            func step(_ i: Int) throws { if i == 3 { throw Stop.at(i) } }
            for epoch in 0..<5 {
                print("epoch", epoch)
                try step(epoch)
            }
            ```
            """)
        let error = try XCTUnwrap(try run(lesson).cells[0].error)
        XCTAssertEqual(error.kind, .thrown)
        XCTAssertEqual(error.line(in: lesson.cells[0]), try fixture.line(of: "try step(epoch)", in: lesson))
    }

    func testAThrowInAnIsolatedCellNamesItsLineAndLaterCellsRun() throws {
        let lesson = try fixture.lesson("""
            ```swift
            struct Bad: Error {}
            func verify(_ ok: Bool) throws { if !ok { throw Bad() } }
            ```

            ```swift fails
            try verify(true)
            try verify(false)
            ```

            ```swift
            print("after")
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .ran, .ran])
        let error = try XCTUnwrap(result.cells[1].outputs.compactMap { output -> CellError? in
            if case .error(let error) = output { return error } else { return nil }
        }.first)
        XCTAssertTrue(error.expected)
        XCTAssertEqual(error.kind, .thrown)
        XCTAssertEqual(error.line(in: lesson.cells[1]), try fixture.line(of: "try verify(false)", in: lesson))
        XCTAssertEqual(result.cells[2].text, "after\n")
    }

    func testMarkersDoNotMoveCompileErrorsOrTraps() throws {
        let trapping = try fixture.lesson("""
            ```swift
            func g() throws -> Int { 1 }
            let c = try g()
            let d = if c > 0 { try g() } else { 0 }
            let xs = [1, 2]
            print(xs[c + d + 5])
            ```
            """)
        // An `if` used as a value gets no marker inside its branches (it would not compile), and the trap's line
        // is where it was.
        let trap = try XCTUnwrap(try run(trapping).cells[0].error)
        XCTAssertEqual(trap.kind, .trap)
        XCTAssertEqual(trap.line(in: trapping.cells[0]), try fixture.line(of: "print(xs[c + d + 5])", in: trapping))
        let broken = try fixture.lesson("""
            ```swift
            func f() throws -> Int { 1 }
            let a = try f()
            let b: Int = "not a number"
            ```
            """, name: "02-broken.md")
        let compile = try XCTUnwrap(try run(broken).cells[0].error)
        XCTAssertEqual(compile.kind, .compile)
        XCTAssertEqual(compile.line(in: broken.cells[0]), try fixture.line(of: "let b: Int", in: broken))
    }
}
