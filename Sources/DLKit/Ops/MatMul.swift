import CBLAS

/// Matrix multiplication through OpenBLAS `cblas_sgemm` (split over the cores by ``ParallelGEMM``); transposes
/// are passed as flags, never copied.
extension Tensor {
    /// The matrix product `self × other` of 2-D tensors `[m, k] × [k, n] → [m, n]`
    /// (a 1-D right operand is treated as a column vector). Optionally multiplies by a transpose
    /// without copying it: `a.matmul(b, transposeOther: true)` is `a × bᵀ`.
    ///
    /// ```swift
    /// let y = Tensor([[1, 2], [3, 4]]).matmul(Tensor([[1], [1]]))   // [[3], [7]]
    /// ```
    public func matmul(_ other: Tensor, transposeSelf: Bool = false, transposeOther: Bool = false) -> Tensor {
        if other.rank == 1 && rank == 2 && !transposeOther {
            return matmul(other.reshaped([other.count, 1]), transposeSelf: transposeSelf).reshaped([transposeSelf ? shape[1] : shape[0]])
        }
        guard rank == 2 && other.rank == 2 else {
            fatalError("matmul: \(describe(shape)) × \(describe(other.shape)) — both operands must be 2-D matrices")
        }
        let (m, k) = transposeSelf ? (shape[1], shape[0]) : (shape[0], shape[1])
        let (k2, n) = transposeOther ? (other.shape[1], other.shape[0]) : (other.shape[0], other.shape[1])
        guard k == k2 else {
            let l = transposeSelf ? "\(describe(shape))ᵀ" : describe(shape)
            let r = transposeOther ? "\(describe(other.shape))ᵀ" : describe(other.shape)
            fatalError("matmul: \(l) × \(r) — inner dimensions \(k) and \(k2) differ")
        }
        let value = Tensor.gemm(self, transposeSelf, other, transposeOther, m: m, n: n, k: k)
        let a = self, b = other, ta = transposeSelf, tb = transposeOther
        return Tensor.makeResult(value: value, parents: [a, b], op: "matmul") { g in
            // C = op(A)·op(B): dop(A) = G·op(B)ᵀ, dop(B) = op(A)ᵀ·G; then undo op() on each.
            let ga: Tensor? = a.node == nil ? nil
                : (ta ? b.matmul(g, transposeSelf: tb, transposeOther: true) : g.matmul(b, transposeOther: !tb))
            let gb: Tensor? = b.node == nil ? nil
                : (tb ? g.matmul(a, transposeSelf: true, transposeOther: ta) : a.matmul(g, transposeSelf: !ta))
            return [ga, gb]
        }
    }

    /// `C = op(A)·op(B) (+ C)` through OpenBLAS. Row-major, leading dimensions are the stored column counts.
    static func gemm(_ a: Tensor, _ ta: Bool, _ b: Tensor, _ tb: Bool, m: Int, n: Int, k: Int) -> Tensor {
        MemoryPolicy.applyOnce()   // reuse freed output buffers instead of faulting in fresh pages
        return Tensor(shape: [m, n]) { c in
            if k == 0 { for i in 0..<c.count { c[i] = 0 }; return }
            guard m > 0 && n > 0 else { return }
            a.scalars.withUnsafeBufferPointer { pa in
                b.scalars.withUnsafeBufferPointer { pb in
                    // Split over the cores by DLKit, single-threaded OpenBLAS on each block (Kernels/ParallelGEMM).
                    ParallelGEMM.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: pa.baseAddress, lda: a.shape[1],
                                       b: pb.baseAddress, ldb: b.shape[1], beta: 0, c: c.baseAddress, ldc: n)
                }
            }
        }
    }

    /// The textbook triple loop `C[i][j] = Σₖ A[i][k]·B[k][j]` — the readable reference that the fast
    /// `matmul` is tested against (and the one a lesson shows). Not differentiable, not fast.
    ///
    /// ```swift
    /// let c = Tensor.matmulReference(a, b)
    /// ```
    public static func matmulReference(_ a: Tensor, _ b: Tensor) -> Tensor {
        guard a.rank == 2, b.rank == 2, a.shape[1] == b.shape[0] else {
            fatalError("matmul: \(describe(a.shape)) × \(describe(b.shape)) — inner dimensions \(a.shape.last ?? 0) and \(b.shape.first ?? 0) differ")
        }
        let (m, k, n) = (a.shape[0], a.shape[1], b.shape[1])
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += a.scalars[i * k + p] * b.scalars[p * n + j] }
                c[i * n + j] = s
            }
        }
        return Tensor(unchecked: [m, n], c)
    }
}
