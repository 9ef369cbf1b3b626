/// A misuse of DLKit that a student can fix: wrong shapes, bad arguments, unreadable files.
///
/// The message names what was expected and what was given:
/// ```swift
/// // "matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ"
/// ```
public struct DLKitError: Error, CustomStringConvertible, Equatable {
    /// A student-readable explanation.
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Stops the program with a readable message. Used for shape errors at API boundaries, because
/// `precondition` messages are dropped in optimized builds.
@usableFromInline
internal func shapeFailure(_ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}

/// Formats a shape like PyTorch's `torch.Size` list: `[3, 4]`.
@usableFromInline
internal func describe(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
}
