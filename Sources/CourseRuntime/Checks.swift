import CourseWire

// The check functions that exercises' `swift check` cells call. Each call reports its operands — the value the
// code produced and the value it is compared with — to `course`, which decides whether the check passes (in
// `course run` and on the site from this run's own values; when grading, against a trusted run of the reference
// solution). A check never traps and never throws: code that throws gives a failed check.

/// Reports one check call.
func report(_ kind: CheckCall.Kind, got: () throws -> WireValue, expected: WireValue?, tolerance: Double? = nil,
            relativeTolerance: Double? = nil, message: String, line: Int) {
    var call = CheckCall(kind: kind, got: nil, expected: expected, tolerance: tolerance,
                         relativeTolerance: relativeTolerance, message: message, line: line)
    do {
        call.got = try got()
    } catch {
        call.error = "\(error)"
    }
    RuntimeWire.emit(.check(call))
}

/// Checks that a condition holds.
///
///     check(relu(-1) == 0, "relu(-1) should be 0")
///     check(try model.parameters().count > 0, "the model has parameters")
public func check(_ condition: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String = "",
                  line: Int = #line) {
    report(.condition, got: { .bool(try condition()) }, expected: .bool(true), message: message(), line: line)
}

/// Checks that a value equals the expected one (numbers, booleans, strings, arrays, tensors, images); the
/// failure shows both.
///
///     checkEqual(countVowels("banana"), 3)
///     checkEqual(labels, [0, 1, 1], "labels of the three points")
public func checkEqual<T: CheckValue>(_ got: @autoclosure () throws -> T, _ expected: T, _ message: String = "",
                                      line: Int = #line) {
    report(.equal, got: { try got().checkValue }, expected: expected.checkValue, message: message, line: line)
}

/// Checks that a number is close to the expected one: |got − expected| ≤ tolerance + relativeTolerance·|expected|
/// (NumPy's `allclose` rule). NaN is never close to anything.
///
///     checkClose(sigmoid(0), 0.5)
///     checkClose(loss, 0.6931, tolerance: 1e-3, "loss after one step")
public func checkClose<T: BinaryFloatingPoint>(_ got: @autoclosure () throws -> T, _ expected: T,
                                               tolerance: Double = 1e-6, relativeTolerance: Double = 1e-5,
                                               _ message: String = "", line: Int = #line) {
    report(.close, got: { .number(Double(try got()), type: "\(T.self)") },
           expected: .number(Double(expected), type: "\(T.self)"),
           tolerance: tolerance, relativeTolerance: relativeTolerance, message: message, line: line)
}

/// Checks that an array of numbers has the expected count (first) and that every element is close.
///
///     checkClose(softmax([0, 0]), [0.5, 0.5])
///     checkClose(gradient, [0.25, -0.5, 1], tolerance: 1e-4)
public func checkClose<T: BinaryFloatingPoint>(_ got: @autoclosure () throws -> [T], _ expected: [T],
                                               tolerance: Double = 1e-6, relativeTolerance: Double = 1e-5,
                                               _ message: String = "", line: Int = #line) {
    func wire(_ values: [T]) -> WireValue { .array(values.map { .number(Double($0), type: "\(T.self)") }, type: "\(T.self)") }
    report(.close, got: { wire(try got()) }, expected: wire(expected),
           tolerance: tolerance, relativeTolerance: relativeTolerance, message: message, line: line)
}

/// Checks the type of a value (its dynamic type, so an `Any` holding an `Int` is an `Int`).
///
///     checkType(parseNumber("3"), Int?.self)
///     checkType(model, Sequential.self, "the model")
public func checkType<T>(_ value: @autoclosure () throws -> Any, _ expected: T.Type, _ message: String = "",
                         line: Int = #line) {
    report(.type, got: { .typeName(String(reflecting: type(of: try value()))) },
           expected: .typeName(String(reflecting: T.self)), message: message, line: line)
}
