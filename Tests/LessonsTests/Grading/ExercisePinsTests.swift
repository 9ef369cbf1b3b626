import Foundation
import Lessons
import XCTest

/// Type pins from the starter code: the statements they are, and — with the real compiler — that they accept
/// the starter's own types and refuse look-alikes.
final class ExercisePinsTests: XCTestCase {
    func testAFunctionIsPinnedByItsFunctionTypeAndFullName() {
        XCTAssertEqual(ExercisePins.statements(forStarter: "func pooledSize(_ n: Int, window: Int, stride: Int) -> Int {\n  n\n}"),
                       ["let _: (Int, Int, Int) -> Int = pooledSize(_:window:stride:)"])
        XCTAssertEqual(ExercisePins.statements(forStarter: "func reset() { }"), ["let _: () -> Void = reset"])
        XCTAssertEqual(ExercisePins.statements(forStarter: "func load(_ path: String) throws -> [Float] { [] }"),
                       ["let _: (String) throws -> [Float] = load(_:)"])
        XCTAssertEqual(ExercisePins.statements(forStarter: "func apply(_ a: inout [Int], _ f: (Int) throws -> Int, _ b: Int...) rethrows {}"),
                       ["let _: (inout [Int], (Int) throws -> Int, Int...) throws -> Void = apply(_:_:_:)"])
    }

    func testBindingsWithATypeAreBothLetAndVarPinned() {
        XCTAssertEqual(ExercisePins.statements(forStarter: "let winners: [(Int, Int)] = [(0, 0)]   // not the maxima"),
                       ["let _: [(Int, Int)] = winners"])
        XCTAssertEqual(ExercisePins.statements(forStarter: "var total: Float = 0\nvar a, b: Int\nlet (x, y): (Int, Double) = (1, 2)"),
                       ["let _: Float = total", "let _: Int = a", "let _: Int = b", "let _: (Int, Double) = (x, y)"])
    }

    func testWhatCannotBeNamedExactlyIsNotPinned() {
        let starter = """
            let inferred = 3
            func generic<T>(_ x: T) -> T { x }
            func opaque(_ x: some Sequence) -> Int { 0 }
            func twice(_ x: Int) -> Int { x }
            func twice(_ x: Double) -> Double { x }
            @MainActor func isolated() {}
            struct Point { var x: Int }
            """
        XCTAssertEqual(ExercisePins.statements(forStarter: starter), [])
    }

    func testThePinsOfLesson02CompileAgainstItsStartersAndRefuseLookAlikes() throws {
        let lesson = try Lesson(contentsOf: GradingFixture.packageRoot.appendingPathComponent("lessons/02-pooling.md"),
                                displayPath: "lessons/02-pooling.md")
        let exercises = Dictionary(uniqueKeysWithValues: Exercise.all(in: lesson).map { ($0.id, $0) })
        let pooled = try XCTUnwrap(exercises["pooled-size"]), winners = try XCTUnwrap(exercises["argmax-positions"])
        for exercise in [pooled, winners] {
            XCTAssertNil(try typecheck(exercise.starter.code, pins: exercise), "\(exercise.id)'s starter with its pins")
        }
        let fakeSize = "struct Size: Equatable, ExpressibleByIntegerLiteral { init(integerLiteral: Int) {} }\n"
            + "func pooledSize(_ n: Int, window: Int, stride: Int) -> Size { 13 }"
        XCTAssertNotNil(try typecheck(fakeSize, pins: pooled), "a look-alike return type")
        let fakeWinners = "struct P { var x: Int }\nlet winners = [P(x: 1)]"
        XCTAssertNotNil(try typecheck(fakeWinners, pins: winners), "a look-alike element type")
    }

    func testAThrowsPinAcceptsAThrowingAndANonThrowingFunctionButAPlainPinRefusesAThrowingOne() throws {
        let throwing = Exercise(id: "t", points: 1, prompt: "",
                                starter: CodeSnippet(code: "func parse(_ s: String) throws -> Int { 0 }", file: "l", line: 1),
                                solution: nil, checks: [])
        let plain = Exercise(id: "p", points: 1, prompt: "",
                             starter: CodeSnippet(code: "func parse(_ s: String) -> Int { 0 }", file: "l", line: 1),
                             solution: nil, checks: [])
        XCTAssertNil(try typecheck("struct Failure: Error {}\nfunc parse(_ s: String) throws -> Int { throw Failure() }", pins: throwing))
        XCTAssertNil(try typecheck("func parse(_ s: String) -> Int { 1 }", pins: throwing))
        XCTAssertNotNil(try typecheck("struct Failure: Error {}\nfunc parse(_ s: String) throws -> Int { throw Failure() }", pins: plain))
    }

    /// Type-checks `code` followed by the exercise's pins inside an `if` scope, as the graded program places
    /// them; returns the compiler's errors, or nil when it compiles.
    private func typecheck(_ code: String, pins exercise: Exercise) throws -> String? {
        let pins = ExercisePins.statements(forStarter: exercise.starter.code)
        XCTAssertFalse(pins.isEmpty, exercise.id)
        let source = "if Int.random(in: 0...1) >= 0 {\n\(code)\n\(pins.joined(separator: "\n"))\n}\n"
        let file = try GradingFixture.temporaryFolder().appendingPathComponent("main.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let result = try ChildProcess.run(executable: URL(fileURLWithPath: "/opt/swift/usr/bin/swiftc"),
                                          arguments: ["-typecheck", file.path], timeLimit: 120, isolated: true)
        return result.end == .exited(0) ? nil : result.stderr
    }

    override func tearDown() { GradingFixture.removeTemporaryFolders() }
}
