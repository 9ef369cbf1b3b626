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
        get { storage }
        set { storage = newValue; normalize() }
    }
    private var storage: Tensor
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
        self.storage = value
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

    /// Changes the values in place, without copying and without autograd (what optimizers do).
    ///
    /// ```swift
    /// p.update { w in for i in 0..<w.count { w[i] *= 0.5 } }
    /// ```
    public func update(_ body: (UnsafeMutableBufferPointer<Float>) -> Void) {
        storage.withUnsafeMutableBufferPointer { body($0) }
    }

    private func normalize() {
        if storage.hasGradientHistory { storage = storage.detached() }
        if storage.requiresGrad == isFrozen { storage.requiresGrad = !isFrozen }
    }
}

extension Parameter: CustomStringConvertible {
    public var description: String { "Parameter \(name)\(isFrozen ? " (frozen)" : ""): \(value.detached())" }
}
