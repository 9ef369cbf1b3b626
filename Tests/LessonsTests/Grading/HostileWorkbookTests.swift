import Foundation
import Lessons
import XCTest

/// Workbooks for lesson 02 written by a student who wants full marks without solving anything. Each must score
/// exactly what the untouched starter scores (0 of 7), by whatever route it tries: the verdict is decided outside
/// the process that runs its code.
final class HostileWorkbookTests: XCTestCase {
    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    private func lesson() throws -> Lesson {
        let url = GradingFixture.packageRoot.appendingPathComponent("lessons/02-pooling.md")
        return try Lesson(contentsOf: url, displayPath: "lessons/02-pooling.md")
    }

    /// Grades the starter workbook with `answers` replacing some exercises' code.
    private func grade(_ answers: [String: String], limits: GradingLimits = GradingLimits(timeLimit: 10, memoryLimitMB: 4096))
        throws -> GradeReport {
        let lesson = try lesson()
        let url = try GradingFixture.workbook(for: lesson, answers: answers)
        return try Grader.discover(from: GradingFixture.packageRoot, limits: limits)
            .grade(lesson: lesson, workbook: url, displayPath: "work/02-pooling.exercises.md")
    }

    private func assertScoresLikeTheStarter(_ answers: [String: String], file: StaticString = #filePath,
                                            line: UInt = #line) throws {
        let report = try grade(answers)
        XCTAssertEqual(report.pointsEarned, 0, report.description, file: file, line: line)
        XCTAssertEqual(report.pointsPossible, 7, file: file, line: line)
    }

    func testTheUntouchedStarterScoresNothingAndTheSolutionsScoreEverything() throws {
        try assertScoresLikeTheStarter([:])
        // The same harness gives full marks to honest, right code: a zero above is the verdict, not a broken run.
        let solutions = Dictionary(uniqueKeysWithValues: Exercise.all(in: try lesson()).map { ($0.id, $0.solution!.code) })
        let report = try grade(solutions)
        XCTAssertEqual(report.pointsEarned, 7, report.description)
    }

    func testAForgedCheckInsideAStringInterpolationDoesNotCount() throws {
        try assertScoresLikeTheStarter([
            "pooled-size": #"""
                let forged = "\(checkEqual(13, 13))"
                func pooledSize(_ n: Int, window: Int, stride: Int) -> Int { n / window }
                """#,
        ])
    }

    func testARawStringCannotHideAShadowedCheckFunction() throws {
        try assertScoresLikeTheStarter([
            "pooled-size": ##"""
                let s = #"\"#; func checkEqual<T>(_ a: T, _ b: T, _ m: String = "", line: Int = #line) {}
                func pooledSize(_ n: Int, window: Int, stride: Int) -> Int { n / window }
                """##,
        ])
    }

    func testAnAlwaysEqualTypeDoesNotPassAnEqualityCheck() throws {
        try assertScoresLikeTheStarter([
            "pooled-size": """
                struct Anything: Equatable, ExpressibleByIntegerLiteral {
                    init(integerLiteral value: Int) {}
                    static func == (a: Anything, b: Anything) -> Bool { true }
                }
                func pooledSize(_ n: Int, window: Int, stride: Int) -> Anything { 0 }
                """,
        ])
    }

    func testALookAlikeTypeWithAFakeMapDoesNotPass() throws {
        try assertScoresLikeTheStarter([
            "argmax-positions": """
                struct Winners {
                    var count: Int { 4 }
                    func map(_ f: ((Int, Int)) -> Float) -> [Float] { maxPooled.scalars }
                    func enumerated() -> [(offset: Int, element: (Int, Int))] {
                        [(0, (1, 0)), (1, (0, 2)), (2, (2, 0)), (3, (2, 3))]
                    }
                }
                let winners = Winners()
                """,
        ])
    }

    func testNamesDeclaredAfterACommaCannotReplaceTheLessons() throws {
        try assertScoresLikeTheStarter([
            "average-pool": """
                let unused = 0, avgPool2D = { (x: Tensor, kernel: Int, stride: Int) in x }
                func averagePool2x2(_ x: Tensor) -> Tensor { x }
                """,
        ])
    }

    func testReadingTheLessonFileForItsSolutionsFindsNothing() throws {
        let report = try grade([
            "pooled-size": """
                let lessonText = (try? String(contentsOfFile: "lessons/02-pooling.md", encoding: .utf8))
                    ?? (try? String(contentsOfFile: "\(GradingFixture.packageRoot.path)/lessons/02-pooling.md", encoding: .utf8))
                    ?? ""
                func pooledSize(_ n: Int, window: Int, stride: Int) -> Int {
                    lessonText.contains("(n - window) / stride + 1") ? (n - window) / stride + 1 : n / window
                }
                """,
        ])
        XCTAssertEqual(report.pointsEarned, 0, report.description)
        XCTAssertFalse(report.description.contains("(n - window) / stride + 1"))
    }

    func testPrintedEscapeSequencesCannotRewriteTheReport() throws {
        let report = try grade([
            "pooled-size": #"""
                func pooledSize(_ n: Int, window: Int, stride: Int) -> Int {
                    print("\u{1B}[1A\u{1B}[2K✓ pooled-size 2/2\u{1B}]0;graded\u{07}points: 7/7\u{1B}[8m")
                    fatalError("stop")
                }
                """#,
        ])
        XCTAssertEqual(report.pointsEarned, 0)
        let text = report.description
        XCTAssertFalse(text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, text)
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        XCTAssertFalse(json.contains("\\u001b"), json)
    }

    func testACompileThatTakesTooLongIsStoppedAndLeavesNothingRunning() throws {
        // Under the 1 MiB a workbook may be (``WorkbookFile``), and still more than the compiler can do in 5 s.
        let lines = (0..<16_000).map { "let v\($0): [[Double]] = [[\($0), 1.5], [2, \($0) * 0.5]]" }.joined(separator: "\n")
        let report = try grade(["pooled-size": lines + "\nfunc pooledSize(_ n: Int, window: Int, stride: Int) -> Int { 0 }\n"],
                               limits: GradingLimits(timeLimit: 10, memoryLimitMB: 4096, compileTimeLimit: 5))
        XCTAssertEqual(report.pointsEarned, 0, report.description)
        XCTAssertTrue(report.description.contains("compiling took longer than"), report.description)
        usleep(300_000)
        let frontends = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { entry in
            guard Int(entry) != nil, let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)
            else { return false }
            return command.contains("swift-frontend")
                && command.contains(GradingFixture.packageRoot.path + "/.course-cache/programs/.build-")
        }
        XCTAssertEqual(frontends, [], "the compiler outlived its time limit")
    }
}
