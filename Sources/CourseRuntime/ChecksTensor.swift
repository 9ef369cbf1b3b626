import DLKit

// Checks on DLKit tensors and models: shape first, then values.

/// Checks that a tensor has the expected shape (first) and that every value is close:
/// |got − expected| ≤ tolerance + relativeTolerance·|expected|. The failure shows expected vs got.
///
///     checkClose(relu(Tensor([-1, 2])), Tensor([0, 2]))
///     checkClose(model(x), expectedLogits, tolerance: 1e-4, "logits")
@discardableResult
public func checkClose(_ got: @autoclosure () throws -> Tensor, _ expected: Tensor,
                       tolerance: Double = 1e-5, relativeTolerance: Double = 1e-5, _ message: String = "", line: Int = #line) -> Bool {
    do {
        let tensor = try got()
        return compareClose(tensor.scalars.map(Double.init), shape: tensor.shape,
                            expected.scalars.map(Double.init), expectedShape: expected.shape,
                            tolerance, relativeTolerance, message, function: "checkClose", line: line)
    } catch {
        recordVerdict(false, verdictLabel(message) + "expected a tensor of shape \(verdictShape(expected.shape)), "
                      + "but the code threw an error: \(error)", function: "checkClose", line: line)
        return false
    }
}

/// Checks the shape of a tensor.
///
///     checkShape(conv(x), [1, 8, 26, 26])
///     checkShape(batch.images, [64, 1, 28, 28], "one batch")
@discardableResult
public func checkShape(_ got: @autoclosure () throws -> Tensor, _ expected: [Int], _ message: String = "", line: Int = #line) -> Bool {
    do {
        let tensor = try got()
        let passed = tensor.shape == expected
        recordVerdict(passed, verdictLabel(message) + (passed ? "shape \(verdictShape(expected))"
                                                 : "expected shape \(verdictShape(expected)), got shape \(verdictShape(tensor.shape))"), function: "checkShape", line: line)
        return passed
    } catch {
        recordVerdict(false, verdictLabel(message) + "expected shape \(verdictShape(expected)), but the code threw an error: \(error)", function: "checkShape", line: line)
        return false
    }
}

/// Checks the number of trainable numbers in a list of parameter tensors (the sum of their element counts).
///
///     checkParameterCount(model.parameters, 13)   // Linear(2→3) + Linear(3→1): 2·3+3 + 3·1+1
///     checkParameterCount([weight, bias], 10, "the layer")
@discardableResult
public func checkParameterCount(_ parameters: @autoclosure () throws -> [Tensor], _ expected: Int,
                                _ message: String = "", line: Int = #line) -> Bool {
    do {
        let tensors = try parameters()
        let count = tensors.reduce(0) { $0 + $1.count }
        let passed = count == expected
        let shapes = tensors.map { verdictShape($0.shape) }.joined(separator: ", ")
        recordVerdict(passed, verdictLabel(message) + (passed ? "\(expected) parameters"
            : "expected \(expected) parameters, got \(count) (tensors of shapes \(shapes))"), function: "checkParameterCount", line: line)
        return passed
    } catch {
        recordVerdict(false, verdictLabel(message) + "expected \(expected) parameters, but the code threw an error: \(error)", function: "checkParameterCount", line: line)
        return false
    }
}
