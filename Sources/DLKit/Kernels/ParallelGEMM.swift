import CBLAS

/// Matrix products split over the cores by DLKit itself, each core running single-threaded OpenBLAS on its own
/// block of columns of C. What `matmul` and `linear` call (the convolutions split their batches the same way).
///
/// OpenBLAS's own threads cost more than they give on the small products of a training step (an MLP's are
/// 64 × 784 × 256): between two products they spin on `sched_yield` (perf, one MLP epoch: ~30 % of the
/// samples in the scheduler), they compete with DLKit's own workers for the two cores, and every convolution
/// has to park them first (``withSingleThreadedBLAS(_:)``). With every product split here, OpenBLAS never
/// starts a worker at all.
///
/// Each block is `C[:, j₀..<j₁] = op(A) · op(B)[:, j₀..<j₁] (+ β C)`. The blocks depend only on the shape and the
/// number of cores, never on timing, so a product gives the same bits every time; against one unsplit call a few
/// elements may round differently (OpenBLAS handles a block's edge columns with other micro-kernels — as with its
/// own threads). Tests hold it equal to the textbook loop on random shapes and transposes.
///
///     ParallelGEMM.sgemm(transA: false, transB: true, m: 64, n: 256, k: 784, a: x, lda: 784, b: w, ldb: 784,
///                        beta: 0, c: y, ldc: 256)
public enum ParallelGEMM {
    /// Below this many multiply-adds a product runs on the calling thread (a hand-off costs ~10 µs).
    static let serialBelow = 1 << 18
    /// Column blocks are multiples of this (whole cache lines of C, whole OpenBLAS micro-tiles).
    static let columnAlignment = 16

    /// C[m × n] = op(A) · op(B) + β·C, row-major, op(A) m × k, op(B) k × n (`transA`: A is stored k × m;
    /// `transB`: B is stored n × k). β = 0 overwrites C (whatever it held). With k = 0, C becomes β·C.
    public static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                             a: UnsafePointer<Float>?, lda: Int, b: UnsafePointer<Float>?, ldb: Int,
                             beta: Float, c: UnsafeMutablePointer<Float>?, ldc: Int) {
        guard m > 0 && n > 0, let c else { return }
        guard k > 0, let a, let b else {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        let blocks = blockCount(m: m, n: n, k: k)
        withSingleThreadedBLAS {
            if blocks == 1 {
                block(transA, transB, m, 0..<n, k, a, lda, b, ldb, beta, c, ldc)
                return
            }
            let units = (n + columnAlignment - 1) / columnAlignment
            parallelNumberedChunks(count: units, chunks: blocks) { _, range in
                let columns = range.lowerBound * columnAlignment ..< min(n, range.upperBound * columnAlignment)
                block(transA, transB, m, columns, k, a, lda, b, ldb, beta, c, ldc)
            }
        }
    }

    /// How many column blocks: one per core for products big enough to pay for the hand-off, else one.
    static func blockCount(m: Int, n: Int, k: Int) -> Int {
        let work = m * n * k
        guard work >= serialBelow else { return 1 }
        return max(1, min(ParallelConfig.workers, (n + columnAlignment - 1) / columnAlignment))
    }

    /// One block of columns of C through single-threaded OpenBLAS.
    @inline(__always)
    static func block(_ transA: Bool, _ transB: Bool, _ m: Int, _ columns: Range<Int>, _ k: Int,
                      _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
                      _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        guard !columns.isEmpty else { return }
        let j0 = columns.lowerBound
        // op(B)[:, j₀…]: columns j₀… of a k × n matrix, or rows j₀… of the stored n × k one.
        let bBlock = transB ? b + j0 * ldb : b + j0
        if beta == 0 {   // OpenBLAS's own β = 0 pass is slow: see sgemmOverwriting
            sgemmOverwriting(transA, transB, m: m, n: columns.count, k: k, a, lda, bBlock, ldb, c + j0, ldc)
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(columns.count), Int32(k), 1, a, Int32(lda), bBlock, Int32(ldb),
                    beta, c + j0, Int32(ldc))
    }
}
