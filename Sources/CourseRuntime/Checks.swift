#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The check functions that exercises' `swift check` cells call. Each call gives one verdict: on the grader's
// channel when graded (see `CheckChannel`), otherwise as a printed line. A check never traps and never throws:
// a condition that throws is a failed check.

/// Records one verdict. The message of a failure should say what was expected and what was got.
///
/// Graded (`course check`, the tests): on the grader's private channel. In a lesson program's check cell
/// (`course run`, the site): as a check event, with a generic message for hidden checks. Anywhere else: printed.
func recordVerdict(_ passed: Bool, _ message: String, function: String, line: Int) {
    if CheckChannel.isGraded {
        CheckChannel.send("verdict", [passed ? "pass" : "fail", message])
    } else if let context = CourseProgram.currentCheck {
        let name = function + (line > 0 ? " at line \(line)" : "")
        let shown = context.hidden ? (passed ? "passed" : "failed") : message
        RuntimeChannel.emit(.check(CheckVerdict(exercise: context.exercise, check: name, passed: passed,
                                                message: shown, hidden: context.hidden, points: context.points)))
    } else {
        print(passed ? "✓ check passed\(message.isEmpty ? "" : ": " + message)" : "✗ check failed: \(message)")
    }
}

/// Checks that a condition holds.
///
///     check(relu(-1) == 0, "relu(-1) should be 0")
///     check(try model.parameters().count > 0, "the model has parameters")
@discardableResult
public func check(_ condition: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String = "", line: Int = #line) -> Bool {
    do {
        let passed = try condition()
        let text = message()
        recordVerdict(passed, passed ? text : (text.isEmpty ? "the condition is false" : text), function: "check", line: line)
        return passed
    } catch {
        recordVerdict(false, "\(message().isEmpty ? "the condition" : message()) threw an error: \(error)", function: "check", line: line)
        return false
    }
}

/// Checks that a value equals the expected one; the failure shows both.
///
///     checkEqual(countVowels("banana"), 3)
///     checkEqual(labels, [0, 1, 1], "labels of the three points")
@discardableResult
public func checkEqual<T: Equatable>(_ got: @autoclosure () throws -> T, _ expected: T,
                                     _ message: String = "", line: Int = #line) -> Bool {
    do {
        let value = try got()
        let passed = value == expected
        recordVerdict(passed, verdictLabel(message) + (passed ? "equals \(verdictDescribe(expected))"
                                                 : "expected \(verdictDescribe(expected)), got \(verdictDescribe(value))"), function: "checkEqual", line: line)
        return passed
    } catch {
        recordVerdict(false, verdictLabel(message) + "expected \(verdictDescribe(expected)), but the code threw an error: \(error)", function: "checkEqual", line: line)
        return false
    }
}

/// Checks that a number is close to the expected one: |got − expected| ≤ tolerance + relativeTolerance·|expected|
/// (NumPy's `allclose` rule). NaN is never close to anything.
///
///     checkClose(sigmoid(0), 0.5)
///     checkClose(loss, 0.6931, tolerance: 1e-3, "loss after one step")
@discardableResult
public func checkClose<T: BinaryFloatingPoint>(_ got: @autoclosure () throws -> T, _ expected: T,
                                               tolerance: Double = 1e-6, relativeTolerance: Double = 1e-5,
                                               _ message: String = "", line: Int = #line) -> Bool {
    do {
        let value = Double(try got())
        let target = Double(expected)
        let passed = verdictIsClose(value, target, tolerance, relativeTolerance)
        recordVerdict(passed, verdictLabel(message) + (passed
            ? "\(verdictNumber(value)) is close to \(verdictNumber(target))"
            : "expected \(verdictNumber(target)) (± \(verdictNumber(tolerance + relativeTolerance * abs(target)))), got \(verdictNumber(value))"), function: "checkClose", line: line)
        return passed
    } catch {
        recordVerdict(false, verdictLabel(message) + "expected \(verdictNumber(Double(expected))), but the code threw an error: \(error)", function: "checkClose", line: line)
        return false
    }
}

/// Checks that an array of numbers has the expected count (first) and that every element is close.
///
///     checkClose(softmax([0, 0]), [0.5, 0.5])
///     checkClose(gradient, [0.25, -0.5, 1], tolerance: 1e-4)
@discardableResult
public func checkClose<T: BinaryFloatingPoint>(_ got: @autoclosure () throws -> [T], _ expected: [T],
                                               tolerance: Double = 1e-6, relativeTolerance: Double = 1e-5,
                                               _ message: String = "", line: Int = #line) -> Bool {
    do {
        let values = try got().map(Double.init)
        return compareClose(values, shape: [values.count], expected.map(Double.init), expectedShape: [expected.count],
                            tolerance, relativeTolerance, message, function: "checkClose", line: line)
    } catch {
        recordVerdict(false, verdictLabel(message) + "the code threw an error: \(error)", function: "checkClose", line: line)
        return false
    }
}

/// Checks the type of a value (its dynamic type, so an `Any` holding an `Int` is an `Int`).
///
///     checkType(parseNumber("3"), Int?.self)
///     checkType(model, Sequential.self, "the model")
@discardableResult
public func checkType<T>(_ value: @autoclosure () throws -> Any, _ expected: T.Type, _ message: String = "", line: Int = #line) -> Bool {
    do {
        let got = try value()
        let passed = got is T
        recordVerdict(passed, verdictLabel(message) + (passed ? "is a \(T.self)"
                                                 : "expected a value of type \(T.self), got \(type(of: got))"), function: "checkType", line: line)
        return passed
    } catch {
        recordVerdict(false, verdictLabel(message) + "expected a \(T.self), but the code threw an error: \(error)", function: "checkType", line: line)
        return false
    }
}

/// Shape first, then values: the shared comparison of arrays and tensors.
func compareClose(_ got: [Double], shape: [Int], _ expected: [Double], expectedShape: [Int],
                  _ tolerance: Double, _ relativeTolerance: Double, _ message: String,
                  function: String, line: Int) -> Bool {
    guard shape == expectedShape else {
        recordVerdict(false, verdictLabel(message) + "expected shape \(verdictShape(expectedShape)), got shape \(verdictShape(shape))", function: function, line: line)
        return false
    }
    var mismatches: [Int] = []
    var worst = 0.0
    for index in got.indices where !verdictIsClose(got[index], expected[index], tolerance, relativeTolerance) {
        mismatches.append(index)
        let difference = abs(got[index] - expected[index])
        worst = difference.isNaN ? .nan : max(worst, difference)
    }
    if mismatches.isEmpty {
        recordVerdict(true, verdictLabel(message) + "all \(got.count) values are close (shape \(verdictShape(shape)))", function: function, line: line)
        return true
    }
    let first = mismatches[0]
    let position = shape.count > 1 ? "\(verdictIndex(first, shape))" : "[\(first)]"
    recordVerdict(false, verdictLabel(message)
        + "\(mismatches.count) of \(got.count) values differ (largest difference \(verdictNumber(worst))); "
        + "at \(position) expected \(verdictNumber(expected[first])), got \(verdictNumber(got[first]))\n"
        + "expected: \(verdictPreview(expected))\n     got: \(verdictPreview(got))", function: function, line: line)
    return false
}

func verdictIsClose(_ got: Double, _ expected: Double, _ tolerance: Double, _ relativeTolerance: Double) -> Bool {
    if got.isNaN || expected.isNaN { return false }
    if got == expected { return true }  // also equal infinities
    return abs(got - expected) <= tolerance + relativeTolerance * abs(expected)
}

func verdictLabel(_ message: String) -> String { message.isEmpty ? "" : message + ": " }

func verdictShape(_ dims: [Int]) -> String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

func verdictIndex(_ flat: Int, _ shape: [Int]) -> [Int] {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in shape.indices.reversed() where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

func verdictNumber(_ value: Double) -> String {
    if value.isNaN { return "nan" }  // 0/0 is -nan on x86: the sign of a NaN means nothing to a reader
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    let text = "\(value)"
    if text.count <= 10 { return text }
    return String(format6: value)
}

extension String {
    /// Six significant digits, without Foundation.
    init(format6 value: Double) {
        var buffer = [CChar](repeating: 0, count: 32)
        _ = withVaList([value]) { vsnprintf(&buffer, 32, "%.6g", $0) }
        self = String(cString: buffer)
    }
}

func verdictPreview(_ values: [Double]) -> String {
    let shown = values.prefix(8).map(verdictNumber).joined(separator: ", ")
    return "[" + shown + (values.count > 8 ? ", … (\(values.count) values)]" : "]")
}

func verdictDescribe<T>(_ value: T) -> String {
    let text = String(reflecting: value)
    return text.count > 200 ? String(text.prefix(200)) + "…" : text
}
