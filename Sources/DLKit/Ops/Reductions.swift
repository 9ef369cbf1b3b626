/// Reductions: sum, mean, max, argmax — over everything or along one axis.
extension Tensor {
    /// Views the tensor as `[outer, axisLength, inner]` around `axis`.
    private func split(around axis: Int) -> (outer: Int, length: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    private func reducedShape(_ axis: Int, keepDims: Bool) -> [Int] {
        var s = shape
        if keepDims { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// The sum of all elements, as a 0-d tensor.
    ///
    /// ```swift
    /// let total = Tensor([[1, 2], [3, 4]]).sum()   // 10
    /// ```
    public func sum() -> Tensor {
        var total: Double = 0
        scalars.withUnsafeBufferPointer { p in for v in p { total += Double(v) } }
        let original = shape
        return Tensor.makeResult(value: Tensor(Float(total)), parents: [self], op: "sum") { g in
            [Tensor.full(original, g.scalars[0])]
        }
    }

    /// Sums along `axis` (negative counts from the end); `keepDims` keeps it with size 1.
    ///
    /// ```swift
    /// let colSums = Tensor([[1, 2], [3, 4]]).sum(axis: 0)   // [4, 6]
    /// ```
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, "sum(axis:)")
        let (outer, len, inner) = split(around: ax)
        let value = Tensor(shape: reducedShape(ax, keepDims: keepDims)) { out in
            for i in 0..<out.count { out[i] = 0 }
            scalars.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    for k in 0..<len {
                        let base = (o * len + k) * inner
                        for i in 0..<inner { out[o * inner + i] += src[base + i] }
                    }
                }
            }
        }
        let original = shape, kept = reducedShape(ax, keepDims: true)
        return Tensor.makeResult(value: value, parents: [self], op: "sum(axis:)") { g in
            [Tensor(unchecked: kept, g.scalars) * Tensor.ones(original)]
        }
    }

    /// The mean of all elements, as a 0-d tensor.
    ///
    /// ```swift
    /// let m = Tensor([1, 2, 3, 4]).mean()   // 2.5
    /// ```
    public func mean() -> Tensor {
        guard count > 0 else { fatalError("mean: tensor of shape \(describe(shape)) is empty") }
        return sum() / Float(count)
    }

    /// The mean along `axis`.
    ///
    /// ```swift
    /// let rowMeans = Tensor([[1, 3], [5, 7]]).mean(axis: 1)   // [2, 6]
    /// ```
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, "mean(axis:)")
        return sum(axis: ax, keepDims: keepDims) / Float(Swift.max(shape[ax], 1))
    }

    /// The variance along `axis` (population variance, dividing by n, as batch norm and NumPy's `var` do;
    /// PyTorch's `torch.var` divides by n − 1 unless `unbiased=False`).
    ///
    /// ```swift
    /// let v = Tensor([[1, 3]]).variance(axis: 1)   // [1]
    /// ```
    public func variance(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, "variance(axis:)")
        let centered = self - mean(axis: ax, keepDims: true)
        return (centered * centered).mean(axis: ax, keepDims: keepDims)
    }

    /// The largest element, as a 0-d tensor (the gradient goes to the first maximal element).
    ///
    /// ```swift
    /// let m = Tensor([3, 7, 5]).max()   // 7
    /// ```
    public func max() -> Tensor {
        guard count > 0 else { fatalError("max: tensor of shape \(describe(shape)) is empty") }
        let i = argmax()
        let original = shape
        return Tensor.makeResult(value: Tensor(scalars[i]), parents: [self], op: "max") { g in
            var full = Tensor.zeros(original); full.scalars[i] = g.scalars[0]; return [full]
        }
    }

    /// The largest element along `axis` (gradient to the first maximal element of each slice).
    ///
    /// ```swift
    /// let best = Tensor([[1, 9], [8, 2]]).max(axis: 1)   // [9, 8]
    /// ```
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis, "max(axis:)")
        guard shape[ax] > 0 else { fatalError("max(axis:): axis \(ax) of shape \(describe(shape)) is empty") }
        let (outer, len, inner) = split(around: ax)
        var where_ = [Int](repeating: 0, count: outer * inner)
        let value = Tensor(shape: reducedShape(ax, keepDims: keepDims)) { out in
            scalars.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    for i in 0..<inner {
                        var best = src[o * len * inner + i], bestK = 0
                        for k in 1..<Swift.max(len, 1) where src[(o * len + k) * inner + i] > best {
                            best = src[(o * len + k) * inner + i]; bestK = k
                        }
                        out[o * inner + i] = best
                        where_[o * inner + i] = (o * len + bestK) * inner + i
                    }
                }
            }
        }
        let original = shape
        return Tensor.makeResult(value: value, parents: [self], op: "max(axis:)") { g in
            var full = Tensor.zeros(original)
            for (j, flat) in where_.enumerated() { full.scalars[flat] += g.scalars[j] }
            return [full]
        }
    }

    /// The flat (row-major) index of the largest element (the first one on ties).
    ///
    /// ```swift
    /// let i = Tensor([3, 7, 5]).argmax()   // 1
    /// ```
    public func argmax() -> Int {
        guard count > 0 else { fatalError("argmax: tensor of shape \(describe(shape)) is empty") }
        var best = 0
        scalars.withUnsafeBufferPointer { p in for i in 1..<p.count where p[i] > p[best] { best = i } }
        return best
    }

    /// The index of the largest element along `axis`, as integers in row-major order of the remaining axes
    /// (for `[N, classes]` logits and `axis: 1`, the predicted class of each row).
    ///
    /// ```swift
    /// let predicted = logits.argmax(axis: 1)   // [Int], one per row
    /// ```
    public func argmax(axis: Int) -> [Int] {
        let ax = normalizedAxis(axis, "argmax(axis:)")
        guard shape[ax] > 0 else { fatalError("argmax(axis:): axis \(ax) of shape \(describe(shape)) is empty") }
        let (outer, len, inner) = split(around: ax)
        var result = [Int](repeating: 0, count: outer * inner)
        scalars.withUnsafeBufferPointer { src in
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = src[o * len * inner + i], bestK = 0
                    for k in 1..<Swift.max(len, 1) where src[(o * len + k) * inner + i] > best {
                        best = src[(o * len + k) * inner + i]; bestK = k
                    }
                    result[o * inner + i] = bestK
                }
            }
        }
        return result
    }
}
