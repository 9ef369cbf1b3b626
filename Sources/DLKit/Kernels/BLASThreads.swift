import CBLAS
#if canImport(Glibc)
import Glibc
#endif

/// Runs `body` with OpenBLAS limited to the calling thread — and leaves it so.
///
/// DLKit splits all its work over the cores itself (a batch's images for the convolutions, blocks of columns
/// for ``ParallelGEMM``), each core calling single-threaded BLAS. OpenBLAS's own worker threads must not compete
/// with that: between products they spin on `sched_yield` (perf, one MLP epoch: ~30 % of the samples), and on a
/// 2-core machine a spinning third thread took ~25 % of a CNN epoch's CPU time. Setting the count back after
/// each call restarted the pool every time (strace: ~2 `clone3` per CNN batch), so the first call parks the
/// pool (`blas_thread_shutdown_`, the call OpenBLAS itself makes before `fork`) and sets one thread for the rest
/// of the process. Code that calls `cblas_sgemm` directly and wants OpenBLAS's threads sets them again with
/// `openblas_set_num_threads`; DLKit's next kernel parks them once more.
///
///     withSingleThreadedBLAS { parallelChunks(count: batch) { … cblas_sgemm … } }
@inline(__always)
func withSingleThreadedBLAS<R>(_ body: () -> R) -> R {
    if openblas_get_num_threads() != 1 {
        openblas_set_num_threads(1)
        BLASPool.park()
    }
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
