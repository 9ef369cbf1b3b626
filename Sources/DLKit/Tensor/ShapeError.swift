import Foundation

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

/// The number of elements of a tensor of `shape` (the product of its sizes), stopping the program with a readable
/// message when the shape cannot be a tensor: a negative size, a product that overflows `Int`
/// (`Tensor.zeros([Int.max, 2])`), or more memory than this machine has (4 bytes an element).
///
/// ```swift
/// let n = elementCount([2, 3], "zeros")   // 6
/// ```
@usableFromInline
internal func elementCount(_ shape: [Int], _ function: String) -> Int {
    if let bad = shape.first(where: { $0 < 0 }) {
        shapeFailure("\(function): shape \(describe(shape)) has a negative dimension \(bad)")
    }
    var count = 1, overflow = false
    for size in shape where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: size) }
    let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
    if overflow || bytesOverflow {
        shapeFailure("\(function): shape \(describe(shape)) has more elements than can be counted "
            + "(the product of its sizes overflows a 64-bit integer)")
    }
    // Only large shapes ask for the machine's memory (read once).
    if bytes > 1 << 30 && UInt64(bytes) > physicalMemory {
        shapeFailure("\(function): shape \(describe(shape)) has \(count) elements, which need "
            + "\(gigabytes(UInt64(bytes))) of memory; this machine has \(gigabytes(physicalMemory))")
    }
    return count
}

private let physicalMemory = ProcessInfo.processInfo.physicalMemory

private func gigabytes(_ bytes: UInt64) -> String {
    String(format: "%.1f GB", Double(bytes) / 1e9)
}
