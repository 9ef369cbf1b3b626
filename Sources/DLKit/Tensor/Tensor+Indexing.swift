extension Tensor {
    /// Resolves a possibly negative index (`-1` = last) along `axis`, or stops with a clear message.
    func resolve(_ index: Int, axis: Int, _ function: String) -> Int {
        let n = shape[axis]
        let i = index < 0 ? index + n : index
        guard i >= 0 && i < n else {
            fatalError("\(function): index \(index) is out of range for axis \(axis) of size \(n) (shape \(describe(shape)))")
        }
        return i
    }

    /// The sub-tensor at the given leading indices (`t[i]` is row `i`, `t[i, j]` a 0-d tensor for a matrix).
    /// Negative indices count from the end. Reading is differentiable; writing copies values in.
    ///
    /// ```swift
    /// let m = Tensor([[1, 2], [3, 4]])
    /// print(m[1], m[0, 1].item)        // [3., 4.]  2.0
    /// ```
    public subscript(_ indices: Int...) -> Tensor {
        get { element(at: indices) }
        set { setElement(at: indices, to: newValue) }
    }

    /// The rows `range` of the first axis (`x[0..<64]` is the first batch).
    ///
    /// ```swift
    /// let firstTwo = x[0..<2]
    /// ```
    public subscript(_ range: Range<Int>) -> Tensor {
        slice(axis: 0, range)
    }

    /// The scalar at a full multi-index.
    ///
    /// ```swift
    /// let v = m.scalar(at: [1, 0])     // 3.0
    /// ```
    public func scalar(at indices: [Int]) -> Float {
        guard indices.count == shape.count else {
            fatalError("scalar(at:): \(indices.count) indices given for a tensor of rank \(shape.count) (shape \(describe(shape)))")
        }
        return element(at: indices).scalars[0]
    }

    private func offsetAndShape(_ indices: [Int], _ function: String) -> (Int, [Int]) {
        guard indices.count <= shape.count else {
            fatalError("\(function): \(indices.count) indices given for a tensor of rank \(shape.count) (shape \(describe(shape)))")
        }
        var offset = 0
        let strides = contiguousStrides
        for (axis, index) in indices.enumerated() { offset += resolve(index, axis: axis, function) * strides[axis] }
        return (offset, Array(shape[indices.count...]))
    }

    private func element(at indices: [Int]) -> Tensor {
        let (offset, sub) = offsetAndShape(indices, "subscript")
        let n = sub.reduce(1, *)
        let value = Tensor(unchecked: sub, Array(scalars[offset..<offset + n]))
        let fullShape = shape
        return Tensor.makeResult(value: value, parents: [self], op: "index") { g in
            var full = Tensor.zeros(fullShape)
            full.scalars.replaceSubrange(offset..<offset + n, with: g.scalars)
            return [full]
        }
    }

    private mutating func setElement(at indices: [Int], to newValue: Tensor) {
        let (offset, sub) = offsetAndShape(indices, "subscript assignment")
        let n = sub.reduce(1, *)
        if newValue.count == 1 {
            let v = newValue.scalars[0]
            scalars.withUnsafeMutableBufferPointer { p in for i in offset..<offset + n { p[i] = v } }
        } else {
            guard newValue.count == n else {
                fatalError("subscript assignment: value of shape \(describe(newValue.shape)) does not fit a slot of shape \(describe(sub))")
            }
            scalars.replaceSubrange(offset..<offset + n, with: newValue.scalars)
        }
    }

    /// The elements with indices `range` along `axis` (differentiable).
    ///
    /// ```swift
    /// let firstColumns = m.slice(axis: 1, 0..<2)
    /// ```
    public func slice(axis: Int, _ range: Range<Int>) -> Tensor {
        let ax = normalizedAxis(axis, "slice")
        guard range.lowerBound >= 0 && range.upperBound <= shape[ax] else {
            fatalError("slice: range \(range) is outside 0..<\(shape[ax]) on axis \(ax) of shape \(describe(shape))")
        }
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        let len = shape[ax], k = range.count
        var outShape = shape; outShape[ax] = k
        let value = Tensor(shape: outShape) { out in
            scalars.withUnsafeBufferPointer { src in
                for o in 0..<outer {
                    let s = (o * len + range.lowerBound) * inner
                    let d = o * k * inner
                    for j in 0..<(k * inner) { out[d + j] = src[s + j] }
                }
            }
        }
        let fullShape = shape
        return Tensor.makeResult(value: value, parents: [self], op: "slice") { g in
            var full = Tensor.zeros(fullShape)
            full.scalars.withUnsafeMutableBufferPointer { dst in
                g.scalars.withUnsafeBufferPointer { src in
                    for o in 0..<outer {
                        let d = (o * len + range.lowerBound) * inner
                        let s = o * k * inner
                        for j in 0..<(k * inner) { dst[d + j] = src[s + j] }
                    }
                }
            }
            return [full]
        }
    }

    /// The rows with the given indices, in that order (a minibatch from shuffled indices). Differentiable.
    ///
    /// ```swift
    /// let batch = images.rows([5, 0, 3])
    /// ```
    public func rows(_ indices: [Int]) -> Tensor {
        guard rank >= 1 else { fatalError("rows: needs a tensor of rank ≥ 1, got a scalar") }
        let n = shape[0], inner = count / Swift.max(n, 1)
        for i in indices where i < 0 || i >= n {
            fatalError("rows: index \(i) is out of range for \(n) rows (shape \(describe(shape)))")
        }
        var outShape = shape; outShape[0] = indices.count
        let value = Tensor(shape: outShape) { out in
            scalars.withUnsafeBufferPointer { src in
                for (r, i) in indices.enumerated() {
                    (out.baseAddress! + r * inner).update(from: src.baseAddress! + i * inner, count: inner)
                }
            }
        }
        let fullShape = shape
        return Tensor.makeResult(value: value, parents: [self], op: "rows") { g in
            var full = Tensor.zeros(fullShape)
            full.scalars.withUnsafeMutableBufferPointer { dst in
                g.scalars.withUnsafeBufferPointer { src in
                    for (r, i) in indices.enumerated() {
                        for j in 0..<inner { dst[i * inner + j] += src[r * inner + j] }
                    }
                }
            }
            return [full]
        }
    }

    /// Maps a possibly negative axis (`-1` = last) into `0..<rank`, or stops with a clear message.
    func normalizedAxis(_ axis: Int, _ function: String, rank r: Int? = nil) -> Int {
        let n = r ?? rank
        let a = axis < 0 ? axis + n : axis
        guard a >= 0 && a < n else {
            let valid = n == 0 ? "a 0-d tensor has no axes" : "valid axes are 0...\(n - 1) or -\(n)...-1"
            fatalError("\(function): axis \(axis) is out of range for a tensor of rank \(rank) (shape \(describe(shape)))"
                       + "; \(valid)")
        }
        return a
    }
}
