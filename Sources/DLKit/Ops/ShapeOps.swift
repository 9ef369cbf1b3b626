/// Reshaping, transposing, joining: ops that move elements without changing them. All differentiable.
extension Tensor {
    /// The same elements with a new shape (one dimension may be `-1`, inferred). No copy of the data.
    ///
    /// ```swift
    /// let m = Tensor.arange(0, 6).reshaped([2, -1])   // shape [2, 3]
    /// ```
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var target = newShape
        // A product that overflows is a shape no tensor can have: say so instead of trapping on the multiply.
        func product(_ dims: [Int]) -> Int {
            var total = 1
            for dim in dims {
                let (next, overflow) = total.multipliedReportingOverflow(by: dim)
                if overflow { fatalError("reshaped: shape \(describe(newShape)) has more elements than can be counted") }
                total = next
            }
            return total
        }
        let unknown = newShape.indices.filter { newShape[$0] == -1 }
        if unknown.count > 1 { fatalError("reshaped: at most one dimension may be -1, got \(describe(newShape))") }
        if let u = unknown.first {
            let known = product(newShape.enumerated().filter { $0.offset != u }.map(\.element))
            guard known > 0, count % known == 0 else {
                fatalError("reshaped: cannot reshape \(describe(shape)) (\(count) elements) into \(describe(newShape))")
            }
            target[u] = count / known
        }
        guard target.allSatisfy({ $0 >= 0 }), product(target) == count else {
            fatalError("reshaped: cannot reshape \(describe(shape)) (\(count) elements) into \(describe(newShape)) (\(product(target)) elements)")
        }
        let original = shape
        return Tensor.makeResult(value: Tensor(unchecked: target, scalars), parents: [self], op: "reshape") { g in
            [Tensor(unchecked: original, g.scalars)]
        }
    }

    /// Keeps the first `startAxis` axes and merges the rest into one: `[N, C, H, W]` → `[N, C·H·W]`.
    ///
    /// ```swift
    /// let flat = images.flattened()          // [64, 1, 28, 28] → [64, 784]
    /// ```
    public func flattened(startAxis: Int = 1) -> Tensor {
        guard startAxis >= 0 && startAxis <= rank else {
            fatalError("flattened: startAxis \(startAxis) is out of range for shape \(describe(shape))")
        }
        return reshaped(Array(shape[..<startAxis]) + [shape[startAxis...].reduce(1, *)])
    }

    /// Inserts an axis of size 1 at `axis` (like `unsqueeze`).
    ///
    /// ```swift
    /// let row = Tensor([1, 2, 3]).unsqueezed(axis: 0)   // shape [1, 3]
    /// ```
    public func unsqueezed(axis: Int) -> Tensor {
        let a = normalizedAxis(axis, "unsqueezed", rank: rank + 1)
        var s = shape; s.insert(1, at: a)
        return reshaped(s)
    }

    /// Removes axes of size 1 (all of them, or just `axis`).
    ///
    /// ```swift
    /// let v = Tensor.zeros([3, 1]).squeezed()   // shape [3]
    /// ```
    public func squeezed(axis: Int? = nil) -> Tensor {
        if let axis {
            let a = normalizedAxis(axis, "squeezed")
            guard shape[a] == 1 else { fatalError("squeezed: axis \(a) of shape \(describe(shape)) has size \(shape[a]), not 1") }
            var s = shape; s.remove(at: a)
            return reshaped(s)
        }
        return reshaped(shape.filter { $0 != 1 })
    }

    /// The matrix transpose of a 2-D tensor (`.T` in NumPy).
    ///
    /// ```swift
    /// let t = Tensor([[1, 2, 3]]).transposed()   // shape [3, 1]
    /// ```
    public func transposed() -> Tensor {
        guard rank == 2 else {
            fatalError("transposed: needs a 2-D tensor, got shape \(describe(shape)); use permuted(_:) for more axes")
        }
        return permuted([1, 0])
    }

    /// Reorders the axes: result axis `i` is input axis `axes[i]` (like `torch.permute`).
    ///
    /// ```swift
    /// let nhwc = images.permuted([0, 2, 3, 1])
    /// ```
    public func permuted(_ axes: [Int]) -> Tensor {
        guard axes.count == rank, Set(axes) == Set(0..<rank) else {
            fatalError("permuted: \(axes) is not a permutation of the \(rank) axes of shape \(describe(shape))")
        }
        let outShape = axes.map { shape[$0] }
        let inStrides = contiguousStrides
        let strides = axes.map { inStrides[$0] }
        let value = Tensor(shape: outShape) { out in
            guard out.count > 0 else { return }
            scalars.withUnsafeBufferPointer { src in
                var index = [Int](repeating: 0, count: outShape.count)
                var offset = 0
                for o in 0..<out.count {
                    out[o] = src[offset]
                    var axis = outShape.count - 1
                    while axis >= 0 {
                        index[axis] += 1; offset += strides[axis]
                        if index[axis] < outShape[axis] { break }
                        offset -= strides[axis] * outShape[axis]; index[axis] = 0; axis -= 1
                    }
                }
            }
        }
        var inverse = [Int](repeating: 0, count: axes.count)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Tensor.makeResult(value: value, parents: [self], op: "permute") { g in [g.permuted(inverse)] }
    }

    /// Joins tensors along an existing axis; all other sizes must match.
    ///
    /// ```swift
    /// let both = Tensor.concat([a, b], axis: 0)   // [2, 3] and [4, 3] → [6, 3]
    /// ```
    public static func concat(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { fatalError("concat: needs at least one tensor") }
        let ax = first.normalizedAxis(axis, "concat")
        for (i, t) in tensors.enumerated() {
            var a = t.shape, b = first.shape
            guard a.count == b.count else {
                fatalError("concat: tensor \(i) has shape \(describe(t.shape)) but tensor 0 has \(describe(first.shape)) — ranks differ")
            }
            a[ax] = 0; b[ax] = 0
            guard a == b else {
                fatalError("concat: tensor \(i) has shape \(describe(t.shape)) but tensor 0 has \(describe(first.shape)) — sizes must match except on axis \(ax)")
            }
        }
        let outer = first.shape[..<ax].reduce(1, *), inner = first.shape[(ax + 1)...].reduce(1, *)
        let lengths = tensors.map { $0.shape[ax] }
        let total = lengths.reduce(0, +)
        var outShape = first.shape; outShape[ax] = total
        var values = [Float](); values.reserveCapacity(outShape.reduce(1, *))
        for o in 0..<outer {
            for (t, len) in zip(tensors, lengths) {
                values.append(contentsOf: t.scalars[(o * len * inner)..<((o + 1) * len * inner)])
            }
        }
        return makeResult(value: Tensor(unchecked: outShape, values), parents: tensors, op: "concat") { g in
            var start = 0
            return zip(tensors, lengths).map { t, len in
                defer { start += len }
                return t.node == nil ? nil : g.slice(axis: ax, start..<start + len)
            }
        }
    }

    /// Stacks equally shaped tensors along a new axis.
    ///
    /// ```swift
    /// let batch = Tensor.stack([img1, img2])   // two [1, 28, 28] → [2, 1, 28, 28]
    /// ```
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        guard let first = tensors.first else { fatalError("stack: needs at least one tensor") }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            fatalError("stack: tensor \(i) has shape \(describe(t.shape)) but tensor 0 has \(describe(first.shape))")
        }
        return concat(tensors.map { $0.unsqueezed(axis: axis) }, axis: axis)
    }
}
