/// An n-dimensional array of `Float` values — the one data type of DLKit.
///
/// A tensor is a value: copying it is cheap and a copy never changes when the original does
/// (copy-on-write storage). Elements are stored row-major ("C order"): the last axis varies fastest,
/// so a `[2, 3]` tensor stores row 0 then row 1.
///
/// ```swift
/// let x = Tensor([[1, 2, 3], [4, 5, 6]])   // shape [2, 3]
/// print(x.shape, x.scalars)               // [2, 3] [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
/// ```
///
/// A tensor can also take part in automatic differentiation: set `requiresGrad = true`, compute a scalar
/// from it, call `backward()`, and read `grad` (see `Tensor+Autograd.swift`).
public struct Tensor {
    /// The size of each axis, outermost first. A scalar (0-d) tensor has shape `[]`.
    public internal(set) var shape: [Int]
    /// The elements in row-major order. `scalars.count == shape.reduce(1, *)`.
    public internal(set) var scalars: [Float]
    /// The autograd record: `nil` for plain values, a leaf for tensors that require a gradient,
    /// an interior node for results of differentiable ops.
    @usableFromInline internal var node: AutogradNode?

    /// Creates a tensor of the given shape from row-major scalars.
    ///
    /// ```swift
    /// let m = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
    /// ```
    public init(shape: [Int], scalars: [Float]) {
        let expected = elementCount(shape, "Tensor(shape:scalars:)")
        guard expected == scalars.count else {
            fatalError("Tensor(shape:scalars:): shape \(shape) needs \(expected) scalars, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
        self.node = nil
    }

    /// Creates a 0-d (scalar) tensor.
    ///
    /// ```swift
    /// let s = Tensor(3.5)          // shape []
    /// ```
    public init(_ value: Float) {
        self.init(shape: [], scalars: [value])
    }

    /// Internal designated initializer that skips validation (callers guarantee the count).
    internal init(unchecked shape: [Int], _ scalars: [Float]) {
        self.shape = shape
        self.scalars = scalars
        self.node = nil
    }

    /// The number of elements (the product of `shape`).
    public var count: Int { scalars.count }

    /// The number of axes (`shape.count`).
    public var rank: Int { shape.count }

    /// The single value of a tensor with exactly one element.
    ///
    /// ```swift
    /// let loss = Tensor([1, 2, 3]).mean()
    /// print(loss.item)             // 2.0
    /// ```
    public var item: Float {
        guard scalars.count == 1 else {
            fatalError("item: tensor of shape \(shape) has \(scalars.count) elements; item needs exactly 1")
        }
        return scalars[0]
    }

    /// Calls `body` with a pointer to the row-major elements (read-only). For kernels.
    ///
    /// ```swift
    /// let total = x.withUnsafeBufferPointer { $0.reduce(0, +) }
    /// ```

    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try scalars.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with a mutable pointer to the elements (copies first if the storage is shared).
    /// Changing values this way is not recorded by autograd.
    ///
    /// ```swift
    /// var y = Tensor.zeros([3]); y.withUnsafeMutableBufferPointer { $0[0] = 1 }
    /// ```

    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Float>) throws -> R
    ) rethrows -> R {
        try scalars.withUnsafeMutableBufferPointer(body)
    }

    /// Creates a tensor of `shape` whose elements are written by `body` (which must fill all of them).
    ///
    /// ```swift
    /// let sq = Tensor(shape: [3]) { out in for i in 0..<3 { out[i] = Float(i * i) } }
    /// ```

    public init(shape: [Int], filling body: (UnsafeMutableBufferPointer<Float>) throws -> Void) rethrows {
        let n = elementCount(shape, "Tensor(shape:filling:)")
        let values = try [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            try body(buffer)
            initialized = n
        }
        self.init(unchecked: shape, values)
    }
}

extension Tensor: Equatable {
    /// Two tensors are equal when they have the same shape and the same elements (autograd state ignored).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.scalars == rhs.scalars
    }
}
