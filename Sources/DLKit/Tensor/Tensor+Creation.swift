extension Tensor {
    /// A tensor of zeros.
    ///
    /// ```swift
    /// let z = Tensor.zeros([2, 3])
    /// ```
    public static func zeros(_ shape: [Int]) -> Tensor { filled(shape, 0, "zeros") }

    /// A tensor of ones.
    ///
    /// ```swift
    /// let o = Tensor.ones([4])
    /// ```
    public static func ones(_ shape: [Int]) -> Tensor { filled(shape, 1, "ones") }

    /// A tensor with every element equal to `value`.
    ///
    /// ```swift
    /// let sevens = Tensor.full([2, 2], 7)
    /// ```
    public static func full(_ shape: [Int], _ value: Float) -> Tensor { filled(shape, value, "full") }

    /// `full`, with the name of the function the student called for messages.
    private static func filled(_ shape: [Int], _ value: Float, _ function: String) -> Tensor {
        Tensor(unchecked: shape, [Float](repeating: value, count: elementCount(shape, function)))
    }

    /// Zeros with the same shape as `other`.
    ///
    /// ```swift
    /// let g = Tensor.zeros(like: w)
    /// ```
    public static func zeros(like other: Tensor) -> Tensor { filled(other.shape, 0, "zeros(like:)") }

    /// Values from a standard normal distribution (mean 0, std 1), times `std`, plus `mean`.
    ///
    /// ```swift
    /// var rng = RandomGenerator(seed: 0)
    /// let noise = Tensor.randn([100], using: &rng)
    /// ```
    public static func randn(_ shape: [Int], mean: Float = 0, std: Float = 1,
                             using rng: inout RandomGenerator) -> Tensor {
        let n = elementCount(shape, "randn")
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = mean + std * rng.normal() }
        return Tensor(unchecked: shape, values)
    }

    /// Values uniformly distributed in `[low, high)`.
    ///
    /// ```swift
    /// var rng = RandomGenerator(seed: 0)
    /// let u = Tensor.uniform([3, 3], low: -1, high: 1, using: &rng)
    /// ```
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1,
                               using rng: inout RandomGenerator) -> Tensor {
        let n = elementCount(shape, "uniform")
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = rng.nextFloat(in: low, high) }
        return Tensor(unchecked: shape, values)
    }

    /// The numbers `start, start + step, …` below `end`, as a 1-D tensor (like `torch.arange`).
    ///
    /// ```swift
    /// let xs = Tensor.arange(0, 1, step: 0.25)   // [0, 0.25, 0.5, 0.75]
    /// ```
    public static func arange(_ start: Float, _ end: Float, step: Float = 1) -> Tensor {
        guard step != 0 else { fatalError("arange: step must not be zero") }
        let steps = ((end - start) / step).rounded(.up)
        guard steps.isFinite, steps < 0x1p62 else {
            fatalError("arange(\(start), \(end), step: \(step)): \(steps) values cannot be made (not finite or too many)")
        }
        let n = elementCount([Swift.max(0, Int(steps))], "arange")
        return Tensor(unchecked: [n], (0..<n).map { start + Float($0) * step })
    }

    /// `n` evenly spaced numbers from `start` to `end` inclusive (like `torch.linspace`).
    ///
    /// ```swift
    /// let xs = Tensor.linspace(-1, 1, count: 5)  // [-1, -0.5, 0, 0.5, 1]
    /// ```
    public static func linspace(_ start: Float, _ end: Float, count n: Int) -> Tensor {
        guard n >= 1 else { fatalError("linspace: count must be at least 1, got \(n)") }
        _ = elementCount([n], "linspace")
        if n == 1 { return Tensor(unchecked: [1], [start]) }
        let step = (end - start) / Float(n - 1)
        return Tensor(unchecked: [n], (0..<n).map { $0 == n - 1 ? end : start + Float($0) * step })
    }

    /// The `n × n` identity matrix.
    ///
    /// ```swift
    /// let i3 = Tensor.eye(3)
    /// ```
    public static func eye(_ n: Int) -> Tensor {
        var t = zeros([n, n])
        for i in 0..<n { t.scalars[i * n + i] = 1 }
        return t
    }

    /// One-hot rows: row `i` has a 1 in column `labels[i]`.
    ///
    /// ```swift
    /// let y = Tensor.oneHot([2, 0], classes: 3)   // [[0, 0, 1], [1, 0, 0]]
    /// ```
    public static func oneHot(_ labels: [Int], classes: Int) -> Tensor {
        var t = zeros([labels.count, classes])
        for (i, c) in labels.enumerated() {
            guard c >= 0 && c < classes else {
                fatalError("oneHot: label \(c) at position \(i) is outside 0..<\(classes)")
            }
            t.scalars[i * classes + c] = 1
        }
        return t
    }
}
