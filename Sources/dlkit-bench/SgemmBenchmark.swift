import CBLAS
import DLKit
import Foundation

/// GFLOP/s of an n×n×n product through `Tensor.matmul` (DLKit splits it over the cores, single-threaded OpenBLAS
/// on each block) and through `cblas_sgemm` called directly with OpenBLAS's own threads, one per core.
struct SgemmBenchmark {
    let size: Int
    let repeats: Int

    struct Result { let line: String }

    func run() -> Result {
        var rng = RandomGenerator(seed: 1)
        let a = Tensor.randn([size, size], using: &rng), b = Tensor.randn([size, size], using: &rng)
        let flops = 2 * Double(size) * Double(size) * Double(size)
        var c = [Float](repeating: 0, count: size * size)
        let n = Int32(size)
        _ = a.matmul(b)   // warm up threads and caches
        var direct: [Double] = [], viaTensor: [Double] = []
        let cores = Int32(ProcessInfo.processInfo.activeProcessorCount)
        for _ in 0..<repeats {
            openblas_set_num_threads(cores)   // DLKit's kernels leave OpenBLAS at one thread (BLASThreads.swift)
            _ = a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in   // warm OpenBLAS's pool again, untimed
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, pa.baseAddress, n,
                                pb.baseAddress, n, 0, &c, n)
                }
            }
            direct.append(seconds {
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, pa.baseAddress, n,
                                    pb.baseAddress, n, 0, &c, n)
                    }
                }
            })
            viaTensor.append(seconds { _ = a.matmul(b) })
        }
        let gDirect = flops / median(direct) / 1e9, gTensor = flops / median(viaTensor) / 1e9
        return Result(line: String(format: "%5d³   Tensor.matmul %6.1f GFLOP/s   cblas_sgemm %6.1f GFLOP/s   ratio %5.1f %%",
                                   size, gTensor, gDirect, 100 * gTensor / gDirect))
    }
}
