import CourseWire

/// Decides check calls on the host: whether the value a program produced matches the expected one, and the
/// message a student reads ("expected 9 (± 9.1e-05), got 6"). The comparison and its tolerance live here, never
/// in the program that ran the code under test.
///
///     CheckJudge.judge(call)                      // course run, the site: the call's own expected value
///     CheckJudge.judge(studentCall, against: ref) // grading: kind, expected and tolerances from the reference
public enum CheckJudge {
    /// The verdict on `call`, taking the expected side from `reference` (default: the call itself).
    public static func judge(_ call: CheckCall, against reference: CheckCall? = nil) -> (passed: Bool, message: String) {
        let trusted = reference ?? call
        let label = trusted.message.isEmpty ? "" : trusted.message + ": "
        if reference != nil && (call.kind != trusted.kind || call.line != trusted.line) {
            return (false, label + "a different check ran here (expected \(trusted.functionName) at line \(trusted.line))")
        }
        guard let got = call.got else {
            return (false, label + threwMessage(trusted, error: call.error ?? "no value"))
        }
        guard let expected = trusted.expected else { return (false, label + "the check has nothing to compare with") }
        switch trusted.kind {
        case .condition:
            let passed = got == .bool(true)
            return (passed, passed ? trusted.message : (trusted.message.isEmpty ? "the condition is false" : trusted.message))
        case .equal:
            if got.typeName != expected.typeName {
                return (false, label + "expected a value of type \(expected.typeName), got \(got.typeName)")
            }
            let passed = got == expected
            return (passed, label + (passed ? "equals \(ValueText.describe(expected))"
                                     : "expected \(ValueText.describe(expected)), got \(ValueText.describe(got))"))
        case .close:
            return close(got, expected, trusted, label: label)
        case .shape:
            let passed = got == expected
            return (passed, label + (passed ? "shape \(ValueText.shapes(expected))"
                                     : "expected shape \(ValueText.shapes(expected)), got shape \(ValueText.shapes(got))"))
        case .type:
            let passed = got == expected
            return (passed, label + (passed ? "is a \(ValueText.typeName(expected))"
                : "expected a value of type \(ValueText.typeName(expected)), got \(ValueText.typeName(got))"))
        case .parameterCount:
            return parameterCount(got, expected, label: label)
        }
    }

    private static func threwMessage(_ call: CheckCall, error: String) -> String {
        switch call.kind {
        case .condition: return "\(call.message.isEmpty ? "the condition" : "it") threw an error: \(error)"
        case .equal, .close: return "expected \(call.expected.map(ValueText.describe) ?? "a value"), but the code threw an error: \(error)"
        case .shape: return "expected shape \(call.expected.map(ValueText.shapes) ?? "?"), but the code threw an error: \(error)"
        case .type: return "expected a \(call.expected.map(ValueText.typeName) ?? "value"), but the code threw an error: \(error)"
        case .parameterCount: return "expected \(call.expected.map(ValueText.describe) ?? "?") parameters, but the code threw an error: \(error)"
        }
    }

    /// Numbers, arrays or tensors: the shape first, then every value (NumPy's `allclose` rule; NaN never passes).
    private static func close(_ got: WireValue, _ expected: WireValue, _ call: CheckCall,
                              label: String) -> (Bool, String) {
        let tolerance = call.tolerance ?? 1e-6, relative = call.relativeTolerance ?? 1e-5
        guard let (expectedShape, wanted) = expected.numbers else { return (false, label + "the expected value is not numbers") }
        guard let (shape, values) = got.numbers, got.typeName == expected.typeName else {
            return (false, label + "expected a value of type \(expected.typeName), got \(got.typeName)")
        }
        if expectedShape.isEmpty {
            let (value, target) = (values[0], wanted[0])
            let passed = isClose(value, target, tolerance, relative)
            return (passed, label + (passed ? "\(ValueText.number(value)) is close to \(ValueText.number(target))"
                : "expected \(ValueText.number(target)) (± \(ValueText.number(tolerance + relative * abs(target)))), got \(ValueText.number(value))"))
        }
        guard shape == expectedShape else {
            return (false, label + "expected shape \(ValueText.shape(expectedShape)), got shape \(ValueText.shape(shape))")
        }
        let mismatches = values.indices.filter { !isClose(values[$0], wanted[$0], tolerance, relative) }
        guard let first = mismatches.first else {
            return (true, label + "all \(values.count) values are close (shape \(ValueText.shape(shape)))")
        }
        var worst = 0.0
        for index in mismatches {
            let difference = abs(values[index] - wanted[index])
            worst = difference.isNaN || worst.isNaN ? .nan : max(worst, difference)
        }
        let position = shape.count > 1 ? ValueText.shape(ValueText.index(first, in: shape)) : "[\(first)]"
        return (false, label + "\(mismatches.count) of \(values.count) values differ (largest difference \(ValueText.number(worst))); "
            + "at \(position) expected \(ValueText.number(wanted[first])), got \(ValueText.number(values[first]))\n"
            + "expected: \(ValueText.preview(wanted))\n     got: \(ValueText.preview(values))")
    }

    private static func parameterCount(_ got: WireValue, _ expected: WireValue, label: String) -> (Bool, String) {
        guard case .shapes(let shapes) = got, case .int(let wanted) = expected else {
            return (false, label + "expected parameter tensors")
        }
        let count = shapes.reduce(0) { $0 + $1.reduce(1, *) }
        let passed = count == wanted
        return (passed, label + (passed ? "\(wanted) parameters"
            : "expected \(wanted) parameters, got \(count) (tensors of shapes \(shapes.map(ValueText.shape).joined(separator: ", ")))"))
    }

    static func isClose(_ got: Double, _ expected: Double, _ tolerance: Double, _ relative: Double) -> Bool {
        if got.isNaN || expected.isNaN { return false }
        if got == expected { return true }   // also equal infinities
        return abs(got - expected) <= tolerance + relative * abs(expected)
    }
}
