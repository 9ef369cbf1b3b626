/// A trainable tensor owned by a layer — a leaf of the autograd graph whose `grad` an optimizer reads.
/// A class, so that a layer and an optimizer share it: `optimizer.step()` changes the weights the layer uses.
///
/// ```swift
/// let w = Parameter(Tensor.zeros([3]), name: "w")
/// let loss = (w.value * x).sum(); loss.backward(); print(w.grad!)
/// ```
public final class Parameter {
    /// A name like "weight" or "1.bias" (used in summaries and safetensors files).
    public var name: String
    /// The current values. Assigning a new tensor keeps it a gradient-tracking leaf (unless frozen).
    public var value: Tensor {
        didSet { normalize() }
    }
    /// Frozen parameters get no gradient and are skipped by optimizers.
    public var isFrozen: Bool {
        didSet { normalize() }
    }

    /// Creates a parameter that tracks gradients.
    ///
    /// ```swift
    /// let b = Parameter(Tensor.zeros([10]), name: "bias")
    /// ```
    public init(_ value: Tensor, name: String = "", isFrozen: Bool = false) {
        self.name = name
        self.value = value
        self.isFrozen = isFrozen
        normalize()
    }

    /// The gradient from the last `backward()` (accumulated since the last `zeroGrad`).
    ///
    /// ```swift
    /// print(p.grad?.shape ?? [])
    /// ```
    public var grad: Tensor? { value.grad }

    /// The shape of `value`.
    public var shape: [Int] { value.shape }

    private func normalize() {
        if value.hasGradientHistory { value = value.detached() }
        if value.requiresGrad == isFrozen { value.requiresGrad = !isFrozen }
    }
}

extension Parameter: CustomStringConvertible {
    public var description: String { "Parameter \(name)\(isFrozen ? " (frozen)" : ""): \(value.detached())" }
}
