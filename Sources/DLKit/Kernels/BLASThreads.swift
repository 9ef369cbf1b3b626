import CBLAS

/// Runs `body` with OpenBLAS limited to the calling thread, then restores the previous thread count.
///
/// The convolution kernels split a batch over the cores themselves (one image per GEMM, each core its own
/// images); an OpenBLAS that also split every small GEMM over both cores would make four threads fight for
/// two cores. The count is restored before returning, so other code (a Linear layer's big GEMM) still uses
/// every core.
///
///     withSingleThreadedBLAS { parallelChunks(count: batch) { … cblas_sgemm … } }
@inline(__always)
func withSingleThreadedBLAS<R>(_ body: () -> R) -> R {
    let previous = openblas_get_num_threads()
    if previous == 1 { return body() }
    openblas_set_num_threads(1)
    defer { openblas_set_num_threads(previous) }
    return body()
}
