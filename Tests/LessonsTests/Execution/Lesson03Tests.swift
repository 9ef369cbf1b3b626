import Foundation
import Lessons
import XCTest

/// Runs the course's real lesson 03 (the shallow network computing X1·X2) and checks its computed answers
/// against values worked out by hand from the formulas, not from a previous run.
final class Lesson03Tests: XCTestCase {
    func testLesson03RunsAndItsAnswersAreRight() throws {
        let root = RunnerFixture.repositoryRoot
        let catalog = try LessonCatalog(folder: root.appendingPathComponent("lessons"))
        let url = try catalog.find("03")
        let lesson = try Lesson(contentsOf: url, displayPath: "lessons/" + url.lastPathComponent)
        let cache = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("lesson03-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let located = try CourseEnvironment.locate(from: root)
        let environment = CourseEnvironment(packageRoot: root, libraryDirectory: located.libraryDirectory,
                                            cacheDirectory: cache)
        let result = try LessonRunner(environment: environment).run(lesson, options: RunOptions(useCache: false))

        let failures = result.failures.map { "cell \($0.index + 1): \($0.error?.message ?? "?")" }
        XCTAssertEqual(failures, [], "lesson 03 has unexpected failures")
        let lines = result.cells.flatMap { $0.text.split(separator: "\n").map(String.init) }

        func number(after prefix: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
            guard let text = lines.first(where: { $0.hasPrefix(prefix) }) else {
                XCTFail("no output line starts with '\(prefix)'", file: file, line: line)
                throw XCTSkip("missing output")
            }
            let rest = text.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(rest.split(separator: " ").first ?? "") else {
                XCTFail("'\(text)' has no number after the prefix", file: file, line: line)
                throw XCTSkip("bad output")
            }
            return value
        }

        // f(X) with the printed β2 = +1/4 is (X1² + X2²)/2: f(2, 3) = 6.5, f(-1, 4) = 8.5.
        XCTAssertTrue(lines.contains { $0.hasPrefix("X = (2.0, 3.0)") && $0.contains("f(X) = 6.5") }, "\(lines.prefix(6))")
        XCTAssertTrue(lines.contains { $0.hasPrefix("X = (-1.0, 4.0)") && $0.contains("f(X) = 8.5") })
        // …so it misses X1·X2 by (X1 − X2)²/2, largest at (2, −2) on the [-2, 2]² grid: 8.
        XCTAssertEqual(try number(after: "largest |f(X) − X1·X2| with β2 = +1/4:"), 8, accuracy: 1e-4)
        XCTAssertLessThan(try number(after: "largest |f(X) − (X1² + X2²)/2|:"), 1e-5)
        // With β2 = −1/4 the network is X1·X2 exactly (up to Float rounding).
        XCTAssertLessThan(try number(after: "largest |f(X) − X1·X2| with β2 = −1/4 over 1681 grid points:"), 1e-5)
        XCTAssertEqual(try number(after: "largest |X1·X2| on the grid:"), 4, accuracy: 1e-6)

        // Training fell from its start by orders of magnitude, and learned X1·X2 with no squares left.
        let first = try number(after: "step 0:  loss")
        let last = try number(after: "step 1499:  loss")
        XCTAssertLessThan(last, first / 1000)
        XCTAssertLessThan(try number(after: "largest |learned − X1·X2| on the grid:"), 1e-3)

        // 784·256 + 256 + 256·128 + 128 + 128·10 + 10 parameters.
        XCTAssertTrue(lines.contains("total: 235146"), "no 'total: 235146' line")

        let pictures = result.cells.flatMap { $0.outputs }.compactMap { output -> String? in
            if case .image(let file, _, _, _) = output { return file } else { return nil }
        }
        XCTAssertGreaterThanOrEqual(pictures.count, 4)
        for file in pictures {
            XCTAssertTrue(FileManager.default.fileExists(atPath: environment.outputsDirectory.appendingPathComponent(file).path))
        }
    }
}
