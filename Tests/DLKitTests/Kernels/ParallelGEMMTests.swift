import CBLAS
import DLKit
import XCTest

/// ParallelGEMM (the products behind `matmul` and `linear`, split over the cores by columns) against the plain
/// triple loop, on random shapes big and small (split and unsplit), all four transposes, β = 0 and 1; against one
/// unsplit single-threaded OpenBLAS call (float rounding apart); and the same bits on every run.
final class ParallelGEMMTests: XCTestCase {
    /// C = op(A)·op(B) + β·C, the textbook loop.
    func reference(_ ta: Bool, _ tb: Bool, m: Int, n: Int, k: Int, _ a: [Float], _ b: [Float], beta: Float,
                   _ c: [Float]) -> [Float] {
        var out = c
        for i in 0..<m {
            for j in 0..<n {
                var s: Float = 0
                for p in 0..<k { s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]) }
                out[i * n + j] = s + (beta == 0 ? 0 : beta * c[i * n + j])
            }
        }
        return out
    }

    func testSplitProductsMatchTheTripleLoopOnRandomShapesAndTransposes() {
        var rng = ConvTestRandom(seed: 21)
        for trial in 0..<24 {
            // Every third shape is big enough to be split over the cores; the others run unsplit.
            let big = trial % 3 == 0
            let m = rng.int(big ? 40...80 : 1...9), n = rng.int(big ? 100...300 : 1...40), k = rng.int(big ? 60...140 : 0...12)
            let ta = trial % 2 == 1, tb = (trial / 2) % 2 == 1, beta: Float = trial % 4 == 3 ? 1 : 0
            let a = rng.floats(m * k), b = rng.floats(k * n), c0 = rng.floats(m * n)
            var c = c0
            if beta == 0 { for i in c.indices { c[i] = .nan } }   // β = 0 must overwrite, whatever C held
            ParallelGEMM.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: a, lda: ta ? m : k, b: b, ldb: tb ? k : n,
                               beta: beta, c: &c, ldc: n)
            let expected = reference(ta, tb, m: m, n: n, k: k, a, b, beta: beta, c0)
            assertClose(c, expected, tolerance: 1e-5 * Float(max(k, 1)), "trial \(trial): \(m)×\(n)×\(k) ta \(ta) tb \(tb) β \(beta)")
        }
    }

    func testSplitProductsMatchOneUnsplitCallAndRepeatBitForBit() {
        // The MLP's first layer, forward (x·Wᵀ), weight gradient (∂Yᵀ·x) and input gradient (∂Y·W).
        var rng = ConvTestRandom(seed: 4)
        for (ta, tb, m, n, k) in [(false, true, 64, 256, 784), (true, false, 256, 784, 64), (false, false, 64, 784, 256)] {
            XCTAssertGreaterThan(m * n * k, 1 << 18, "big enough to be split")
            let a = rng.floats(m * k), b = rng.floats(k * n)
            var split = [Float](repeating: 0, count: m * n), again = split, whole = split
            ParallelGEMM.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: a, lda: ta ? m : k, b: b, ldb: tb ? k : n,
                               beta: 0, c: &split, ldc: n)
            ParallelGEMM.sgemm(transA: ta, transB: tb, m: m, n: n, k: k, a: a, lda: ta ? m : k, b: b, ldb: tb ? k : n,
                               beta: 0, c: &again, ldc: n)
            XCTAssertEqual(split, again, "\(m)×\(n)×\(k): two runs of the same product differ")
            let threads = openblas_get_num_threads()
            openblas_set_num_threads(1)
            cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, Int32(m), Int32(n),
                        Int32(k), 1, a, Int32(ta ? m : k), b, Int32(tb ? k : n), 0, &whole, Int32(n))
            openblas_set_num_threads(threads)
            assertClose(split, whole, tolerance: 1e-5, "\(m)×\(n)×\(k) ta \(ta) tb \(tb) against one unsplit call")
        }
    }

    func testMatmulAndLinearUseItAndStayExact() {
        // Through the Tensor API: matmul against its own readable reference, linear against x·Wᵀ + b by hand.
        var rng = RandomGenerator(seed: 8)
        let x = Tensor.randn([64, 300], using: &rng), w = Tensor.randn([200, 300], using: &rng)
        let b = Tensor.randn([200], using: &rng)
        assertClose(x.matmul(w, transposeOther: true), Tensor.matmulReference(x, w.transposed()), tolerance: 1e-4)
        let y = Tensor.linear(x, weight: w, bias: b)
        let byHand = Tensor.matmulReference(x, w.transposed()) + b
        assertClose(y, byHand, tolerance: 1e-4)
    }
}
