extension Tensor {
    /// A 1-D tensor from an array.
    ///
    /// ```swift
    /// let v = Tensor([1, 2, 3])           // shape [3]
    /// ```
    public init(_ values: [Float]) {
        self.init(unchecked: [values.count], values)
    }

    /// A 1-D tensor from integers (e.g. labels stored as floats).
    ///
    /// ```swift
    /// let v = Tensor(ints: [0, 1, 1])
    /// ```
    public init(ints values: [Int]) {
        self.init(unchecked: [values.count], values.map(Float.init))
    }

    /// A 1-D tensor from any sequence of integers: a `[Int]` variable (labels, counts), a slice, a range.
    /// (Disfavored, so that a literal `Tensor([1, 2, 3])` still reads its numbers as `Float`.)
    ///
    /// ```swift
    /// let labels = [3, 1, 4]; let t = Tensor(labels)    // [3., 1., 4.]
    /// let steps = Tensor(0..<5)                         // [0., 1., 2., 3., 4.]
    /// ```
    @_disfavoredOverload
    public init<S: Sequence>(_ values: S) where S.Element: BinaryInteger {
        let floats = values.map { Float($0) }
        self.init(unchecked: [floats.count], floats)
    }

    /// A 1-D tensor from any sequence of floating-point numbers: a `[Double]` (numbers for a chart), a slice
    /// of `[Float]`. Doubles are rounded to the nearest `Float`.
    ///
    /// ```swift
    /// let xs: [Double] = [0.5, 1.5]; let t = Tensor(xs)  // [0.5, 1.5]
    /// let firstTwo = Tensor(scalars.prefix(2))
    /// ```
    @_disfavoredOverload
    public init<S: Sequence>(_ values: S) where S.Element: BinaryFloatingPoint {
        let floats = values.map { Float($0) }
        self.init(unchecked: [floats.count], floats)
    }

    /// A 2-D tensor from rows, which must all have the same length.
    ///
    /// ```swift
    /// let m = Tensor([[1, 2], [3, 4]])    // shape [2, 2]
    /// ```
    public init(_ rows: [[Float]]) {
        let inner = rows.first?.count ?? 0
        for (i, r) in rows.enumerated() where r.count != inner {
            fatalError("Tensor(_:): row \(i) has \(r.count) values but row 0 has \(inner) — rows must have equal length")
        }
        self.init(unchecked: [rows.count, inner], rows.flatMap { $0 })
    }

    /// A 3-D tensor from nested arrays of equal lengths.
    ///
    /// ```swift
    /// let t = Tensor([[[1, 2]], [[3, 4]]])   // shape [2, 1, 2]
    /// ```
    public init(_ blocks: [[[Float]]]) {
        let parts = blocks.map { Tensor($0) }
        self = Tensor.stackLiteral(parts, outer: blocks.count)
    }

    /// A 4-D tensor from nested arrays of equal lengths (e.g. a tiny NCHW image batch).
    ///
    /// ```swift
    /// let img = Tensor([[[[0, 1], [1, 0]]]])   // shape [1, 1, 2, 2]
    /// ```
    public init(_ blocks: [[[[Float]]]]) {
        let parts = blocks.map { Tensor($0) }
        self = Tensor.stackLiteral(parts, outer: blocks.count)
    }

    private static func stackLiteral(_ parts: [Tensor], outer: Int) -> Tensor {
        guard let first = parts.first else { return Tensor(unchecked: [0], []) }
        for (i, p) in parts.enumerated() where p.shape != first.shape {
            fatalError("Tensor(_:): block \(i) has shape \(describe(p.shape)) but block 0 has \(describe(first.shape)) — nested arrays must be rectangular")
        }
        return Tensor(unchecked: [outer] + first.shape, parts.flatMap(\.scalars))
    }
}
