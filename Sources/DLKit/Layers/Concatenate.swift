/// Runs several branches on the same input and joins their outputs along the channel axis (axis 1) — the shape
/// of an Inception module, Keras' `Concatenate` after parallel branches. Every branch must keep the batch size
/// and (for images) the height and width; the output has the sum of their channels.
///
/// ```swift
/// let both = Concatenate(Conv2D(in: 3, out: 8, kernel: 1, using: &rng),
///                        Conv2D(in: 3, out: 4, kernel: 3, padding: 1, using: &rng))   // [N, 3, H, W] → [N, 12, H, W]
/// ```
public final class Concatenate: Layer {
    /// The parallel branches, in the order their channels appear in the output.
    public let branches: [Layer]
    private let label: String

    /// Creates the layer from its branches (at least one); `name` is what summaries show.
    ///
    /// ```swift
    /// let block = Concatenate(branches: [a, b, c], name: "Inception(3a)")
    /// ```
    public init(branches: [Layer], name: String = "Concatenate") {
        guard !branches.isEmpty else { shapeFailure("Concatenate: needs at least one branch") }
        self.branches = branches
        label = name
    }

    /// Creates the layer from branches listed as arguments.
    ///
    /// ```swift
    /// let block = Concatenate(left, right)
    /// ```
    public convenience init(_ branches: Layer...) { self.init(branches: branches) }

    public var sublayers: [Layer] { branches }
    public var name: String { label }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        let outputs = branches.map { $0(input) }
        for (i, y) in outputs.enumerated() {
            guard y.rank >= 2, y.rank == outputs[0].rank, y.shape[0] == outputs[0].shape[0],
                  y.shape.dropFirst(2).elementsEqual(outputs[0].shape.dropFirst(2)) else {
                shapeFailure("\(label): branch \(i) gives \(describe(y.shape)) but branch 0 gives \(describe(outputs[0].shape)) "
                             + "— branches must agree on every axis but the channels (axis 1)")
            }
        }
        return Tensor.concat(outputs, axis: 1)
    }
}
