import Dispatch
import Foundation

/// Splits `0..<count` into one contiguous chunk per worker and runs `body(range)` on each chunk
/// concurrently. Runs inline when the work is too small to pay for a thread hand-off.
///
///     parallelChunks(count: batch) { range in for b in range { work(b) } }
@inline(__always)
func parallelChunks(count: Int, minimumPerChunk: Int = 1, _ body: (Range<Int>) -> Void) {
    let workers = min(ParallelConfig.workers, count / max(minimumPerChunk, 1))
    if workers <= 1 { if count > 0 { body(0..<count) }; return }
    DispatchQueue.concurrentPerform(iterations: workers) { w in
        let lo = count * w / workers, hi = count * (w + 1) / workers
        if lo < hi { body(lo..<hi) }
    }
}

/// Like ``parallelChunks(count:minimumPerChunk:_:)``, also passing the chunk's number (0..<chunks) so that
/// each chunk can write its own partial result (summed afterwards in chunk order, deterministically).
@inline(__always)
func parallelNumberedChunks(count: Int, chunks: Int, _ body: (Int, Range<Int>) -> Void) {
    if chunks <= 1 { if count > 0 { body(0, 0..<count) }; return }
    DispatchQueue.concurrentPerform(iterations: chunks) { w in
        let lo = count * w / chunks, hi = count * (w + 1) / chunks
        if lo < hi { body(w, lo..<hi) }
    }
}

/// How many threads the convolution and pooling kernels split a batch over: the machine's cores.
/// A constant read once, not a knob: results depend only on the machine (sums of per-core partial
/// weight gradients are added in a fixed order).
enum ParallelConfig {
    static let workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
}
