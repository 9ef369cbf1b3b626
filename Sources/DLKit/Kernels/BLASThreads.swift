import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` with OpenBLAS limited to the calling thread, then restores the previous thread count.
///
/// The convolution kernels split a batch over the cores themselves (one image per GEMM, each core its own
/// images). OpenBLAS's own worker threads must not compete with them: after every multi-threaded GEMM (a
/// Linear layer) those workers keep spinning on `sched_yield` for ~0.1 s waiting for more work, and on a
/// 2-core machine a spinning third thread took ~25 % of a CNN epoch's CPU time (perf, 100 batches). So
/// before the parallel section the worker pool is parked (`blas_thread_shutdown_`, the call OpenBLAS itself
/// makes before `fork`); OpenBLAS starts it again by itself on the next multi-threaded call, and the thread
/// count is restored on return, so a Linear layer's big GEMM still uses every core.
///
///     withSingleThreadedBLAS { parallelChunks(count: batch) { … cblas_sgemm … } }
@inline(__always)
func withSingleThreadedBLAS<R>(_ body: () -> R) -> R {
    let previous = openblas_get_num_threads()
    if previous == 1 { return body() }
    openblas_set_num_threads(1)
    BLASPool.park()
    defer { openblas_set_num_threads(previous) }
    return body()
}

/// OpenBLAS's worker-pool shutdown, looked up by name (absent from other BLAS libraries: then a no-op).
enum BLASPool {
    private static let shutdown: (@convention(c) () -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Stops OpenBLAS's idle workers (they restart on the next multi-threaded call).
    static func park() { _ = shutdown?() }
}
