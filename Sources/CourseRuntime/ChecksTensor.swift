import CourseWire
import DLKit

// Checks on DLKit tensors and models: shape first, then values.

/// Checks that a tensor has the expected shape (first) and that every value is close:
/// |got − expected| ≤ tolerance + relativeTolerance·|expected|. The failure shows expected vs got.
///
///     checkClose(relu(Tensor([-1, 2])), Tensor([0, 2]))
///     checkClose(model(x), expectedLogits, tolerance: 1e-4, "logits")
public func checkClose(_ got: @autoclosure () throws -> Tensor, _ expected: Tensor,
                       tolerance: Double = 1e-5, relativeTolerance: Double = 1e-5, _ message: String = "",
                       line: Int = #line) {
    report(.close, got: { try got().checkValue }, expected: expected.checkValue,
           tolerance: tolerance, relativeTolerance: relativeTolerance, message: message, line: line)
}

/// Checks the shape of a tensor.
///
///     checkShape(conv(x), [1, 8, 26, 26])
///     checkShape(batch.images, [64, 1, 28, 28], "one batch")
public func checkShape(_ got: @autoclosure () throws -> Tensor, _ expected: [Int], _ message: String = "",
                       line: Int = #line) {
    report(.shape, got: { .shapes([try got().shape]) }, expected: .shapes([expected]), message: message, line: line)
}

/// Checks the number of trainable numbers in a list of parameter tensors (the sum of their element counts).
///
///     checkParameterCount(model.parameters, 13)   // Linear(2→3) + Linear(3→1): 2·3+3 + 3·1+1
///     checkParameterCount([weight, bias], 10, "the layer")
public func checkParameterCount(_ parameters: @autoclosure () throws -> [Tensor], _ expected: Int,
                                _ message: String = "", line: Int = #line) {
    report(.parameterCount, got: { .shapes(try parameters().map(\.shape)) }, expected: .int(expected),
           message: message, line: line)
}
