import Foundation
import Lessons
import XCTest

/// The check functions inside a real lesson program (fixture lesson 03-check-functions): every solution passes,
/// and every starter fails with the message the rule predicts (worked out by hand from the rule, not copied).
final class GradingCheckFunctionTests: XCTestCase {
    func testEachCheckFunctionPassesTheSolutionAndExplainsTheStartersFailure() throws {
        let lesson = try GradingFixture.lesson("03-check-functions")
        let validation = try GradingFixture.grader().validate(lesson: lesson)
        XCTAssertEqual(validation.failures, [], validation.solution.description)
        XCTAssertEqual(validation.solution.pointsEarned, 6, validation.solution.description)

        let starter = validation.starter
        func messages(_ id: String) -> [String] { starter[id]?.checks.map(\.message) ?? ["no report for \(id)"] }
        // NaN is never close: 0/0 for the empty array.
        XCTAssertEqual(messages("nan"), ["expected 0 (± 1e-06), got nan"])
        // Shape before values, for checkClose and checkShape (with the author's message first).
        XCTAssertEqual(messages("shape"), ["expected shape [3, 2], got shape [2, 3]",
                                           "a row becomes a column: expected shape [4, 1], got shape [1, 4]"])
        XCTAssertEqual(messages("types"), ["expected a value of type Int, got String"])
        XCTAssertEqual(messages("params"), ["expected 9 parameters, got 6 (tensors of shapes [2, 3])"])
        // A throwing expression is a failed check with the error's description, not a crash.
        XCTAssertEqual(messages("throwing"), ["expected 5, but the code threw an error: '5' is not a positive number"])
        XCTAssertNil(starter["throwing"]?.problem)
        // x/3 instead of x/2: every value differs; the largest difference is 3 − 2 = 1.
        XCTAssertEqual(messages("arrays"), ["3 of 3 values differ (largest difference 1); at [0] expected 1, got 0.666667\n"
                                            + "expected: [1, 2, 3]\n     got: [0.666667, 1.33333, 2]"])
        XCTAssertEqual(starter.pointsEarned, 0, starter.description)
    }
}
