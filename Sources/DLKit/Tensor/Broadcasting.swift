/// NumPy/PyTorch broadcasting: shapes are aligned at their last axis; two sizes are compatible when
/// equal or when one of them is 1 (that axis is repeated). `[64, 10] + [10]` adds the row to each of 64 rows.
enum Broadcast {
    /// The broadcast shape of `a` and `b`, or `nil` if they are incompatible.
    static func shape(_ a: [Int], _ b: [Int]) -> [Int]? {
        let n = max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }

    /// Element strides of `shape` viewed as `target` (0 on broadcast axes).
    static func strides(of shape: [Int], broadcastTo target: [Int]) -> [Int] {
        let offset = target.count - shape.count
        var strides = [Int](repeating: 0, count: target.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i + offset] = shape[i] == 1 ? 0 : running
            running *= shape[i]
        }
        return strides
    }
}

extension Tensor {
    /// Row-major strides of this tensor's shape.
    var contiguousStrides: [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) { strides[i] = running; running *= shape[i] }
        return strides
    }

    /// Sums a broadcast gradient back down to `target` (the reverse of broadcasting).
    ///
    /// ```swift
    /// let g = Tensor.ones([4, 3]).sumToShape([3])   // [4, 4, 4]
    /// ```
    public func sumToShape(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        guard target.reduce(1, *) > 0 || count == 0 else { return Tensor.zeros(target) }
        guard let b = Broadcast.shape(shape, target), b == shape else {
            fatalError("sumToShape: cannot reduce \(describe(shape)) to \(describe(target))")
        }
        // Fast path: [rows, cols] → [cols] (bias gradients).
        if target.count >= 1, let last = target.last, target.reduce(1, *) == last, last == shape.last! {
            let rows = count / last
            var out = [Float](repeating: 0, count: last)
            scalars.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    for r in 0..<rows {
                        let base = r * last
                        for c in 0..<last { dst[c] += src[base + c] }
                    }
                }
            }
            return Tensor(unchecked: target, out)
        }
        let tStrides = Broadcast.strides(of: target, broadcastTo: shape)
        var out = [Float](repeating: 0, count: target.reduce(1, *))
        var index = [Int](repeating: 0, count: shape.count)
        scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                var t = 0
                for i in 0..<src.count {
                    dst[t] += src[i]
                    // Increment the multi-index and the target offset.
                    var axis = shape.count - 1
                    while axis >= 0 {
                        index[axis] += 1
                        t += tStrides[axis]
                        if index[axis] < shape[axis] { break }
                        t -= tStrides[axis] * shape[axis]
                        index[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
        return Tensor(unchecked: target, out)
    }

    /// Applies `op` element-wise to `a` and `b` broadcast together. One generic path for every binary op.
    @inline(__always)
    static func broadcastMap(_ a: Tensor, _ b: Tensor, _ name: String,
                             _ op: (Float, Float) -> Float) -> Tensor {
        if a.shape == b.shape {
            return Tensor(shape: a.shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in
                    b.scalars.withUnsafeBufferPointer { pb in
                        for i in 0..<out.count { out[i] = op(pa[i], pb[i]) }
                    }
                }
            }
        }
        guard let shape = Broadcast.shape(a.shape, b.shape) else {
            fatalError("\(name): shapes \(describe(a.shape)) and \(describe(b.shape)) cannot be broadcast together (sizes must match or be 1, aligned from the last axis)")
        }
        if b.count == 1 {
            let s = b.scalars[0]
            return Tensor(shape: shape) { out in
                a.scalars.withUnsafeBufferPointer { pa in for i in 0..<out.count { out[i] = op(pa[i], s) } }
            }
        }
        if a.count == 1 {
            let s = a.scalars[0]
            return Tensor(shape: shape) { out in
                b.scalars.withUnsafeBufferPointer { pb in for i in 0..<out.count { out[i] = op(s, pb[i]) } }
            }
        }
        let sa = Broadcast.strides(of: a.shape, broadcastTo: shape)
        let sb = Broadcast.strides(of: b.shape, broadcastTo: shape)
        let rank = shape.count
        let inner = shape[rank - 1], ia = sa[rank - 1], ib = sb[rank - 1]
        return Tensor(shape: shape) { out in
            guard out.count > 0 else { return }
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    var index = [Int](repeating: 0, count: rank)
                    var oa = 0, ob = 0, o = 0
                    let rows = out.count / Swift.max(inner, 1)
                    for _ in 0..<rows {
                        for j in 0..<inner { out[o + j] = op(pa[oa + j * ia], pb[ob + j * ib]) }
                        o += inner
                        var axis = rank - 2
                        while axis >= 0 {
                            index[axis] += 1
                            oa += sa[axis]; ob += sb[axis]
                            if index[axis] < shape[axis] { break }
                            oa -= sa[axis] * shape[axis]; ob -= sb[axis] * shape[axis]
                            index[axis] = 0
                            axis -= 1
                        }
                    }
                }
            }
        }
    }

    /// A tensor of the same shape with `op` applied to every element. Not recorded by autograd (the result
    /// has no gradient history) — use it for plotting, thresholds and data preparation.
    ///
    /// ```swift
    /// let step = Tensor([-1, 0.5, 2]).map { $0 > 0 ? 1 : 0 }   // [0, 1, 1]
    /// ```
    @inline(__always)
    public func map(_ op: (Float) -> Float) -> Tensor {
        Tensor(shape: shape) { out in
            scalars.withUnsafeBufferPointer { p in for i in 0..<out.count { out[i] = op(p[i]) } }
        }
    }

    /// `self += other` in place, same shape (used to accumulate gradients).
    mutating func addInPlace(_ other: Tensor) {
        scalars.withUnsafeMutableBufferPointer { d in
            other.scalars.withUnsafeBufferPointer { s in for i in 0..<d.count { d[i] += s[i] } }
        }
    }
}
