import CBLAS

/// C[m × n] = op(A) · op(B), row-major, overwriting C — single-threaded `cblas_sgemm` with β = 0 done here.
///
/// OpenBLAS (0.3.21, Zen kernels) handles β = 0 with a separate pass over C that writes one float per store
/// (`sgemm_beta`: 7 % of an MLP epoch's perf samples). Clearing each row of C with a vector fill and asking
/// OpenBLAS for C += op(A)·op(B) gives the same bits (0 + Σ is Σ) for less. Like β = 0, whatever C held
/// (NaN included) is gone; only the m × n block is written, the padding of a wider `ldc` is left alone.
///
///     sgemmOverwriting(false, true, m: 64, n: 256, k: 784, x, 784, w, 784, y, 256)
@inline(__always)
func sgemmOverwriting(_ transA: Bool, _ transB: Bool, m: Int, n: Int, k: Int,
                      _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int,
                      _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
    guard m > 0 && n > 0 else { return }
    for i in 0..<m { (c + i * ldc).update(repeating: 0, count: n) }
    guard k > 0 else { return }
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), 1, c, Int32(ldc))
}
