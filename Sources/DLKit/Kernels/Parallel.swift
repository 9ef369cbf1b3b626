import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Splits `0..<count` into contiguous chunks, a few per core, and runs `body(range)` on them concurrently.
/// DLKit's ``WorkerPool`` hands the chunks to whichever thread is free, so a core that the machine's other processes slow down
/// simply takes fewer chunks (a static half-and-half split made every step wait for the slower half).
/// Runs inline when the work is too small to pay for a thread hand-off.
///
///     parallelChunks(count: batch) { range in for b in range { work(b) } }
@inline(__always)
func parallelChunks(count: Int, minimumPerChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    let chunks = min(ParallelConfig.workers * ParallelConfig.chunksPerWorker, count / max(minimumPerChunk, 1))
    if ParallelConfig.workers <= 1 || chunks <= 1 { if count > 0 { body(0..<count) }; return }
    WorkerPool.shared.run(chunks) { w in
        let lo = count * w / chunks, hi = count * (w + 1) / chunks
        if lo < hi { body(lo..<hi) }
    }
}

/// Like ``parallelChunks(count:minimumPerChunk:_:)``, also passing the chunk's number (0..<chunks) so that
/// each chunk can write its own partial result (summed afterwards in chunk order, deterministically).
@inline(__always)
func parallelNumberedChunks(count: Int, chunks: Int, _ body: (Int, Range<Int>) -> Void) {
    if chunks <= 1 || ParallelConfig.workers <= 1 {
        for w in 0..<max(chunks, 1) {
            let lo = count * w / max(chunks, 1), hi = count * (w + 1) / max(chunks, 1)
            if lo < hi { body(w, lo..<hi) }
        }
        return
    }
    WorkerPool.shared.run(chunks) { w in
        let lo = count * w / chunks, hi = count * (w + 1) / chunks
        if lo < hi { body(w, lo..<hi) }
    }
}

/// How the convolution and pooling kernels split a batch: the machine's cores, a few chunks each.
/// Constants read once, not knobs. Results never depend on them: kernels that sum over the batch (weight
/// gradients) use a fixed number of groups, summed in a fixed order.
enum ParallelConfig {
    /// The cores this process may run on: its CPU affinity (`taskset -c 0` gives 1), else the machine's count.
    static let workers: Int = max(1, affinityCount() ?? ProcessInfo.processInfo.activeProcessorCount)
    static let chunksPerWorker = 4
}

/// The number of CPUs in this process's affinity mask (`sched_getaffinity`, looked up by name: Swift's Glibc
/// module leaves out the GNU extensions), nil where unavailable.
func affinityCount() -> Int? {
    #if canImport(Glibc)
    typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity") else { return nil }
    let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
    var mask = [UInt8](repeating: 0, count: 128)   // cpu_set_t: 1024 bits
    let ok = mask.withUnsafeMutableBytes { getAffinity(0, 128, $0.baseAddress!) } == 0
    let count = mask.reduce(0) { $0 + $1.nonzeroBitCount }
    return ok && count > 0 ? count : nil
    #else
    return nil
    #endif
}
