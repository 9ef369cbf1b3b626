import XCTest
import DLKit

/// Adam's SIMD update (bias corrections folded into the step size and ε) against the readable step from the paper.
final class AdamKernelTests: XCTestCase {
    func testFastAdamStepMatchesTheReadableStepOverManySteps() {
        var rng = ConvTestRandom(seed: 17)
        for (count, decay) in [(1003, Float(0)), (64, 0.01), (7, 0.1)] {   // SIMD body and tails
            let start = rng.floats(count)
            var w = start, m = [Float](repeating: 0, count: count), v = m
            var w2 = w, m2 = m, v2 = v
            for t in 1...25 {
                let g = (0..<count).map { i in rng.float() + 0.1 * w[i] }
                Adam.referenceStep(w: &w, g: g, m: &m, v: &v, t: t, learningRate: 0.01, weightDecay: decay)
                Adam.fastStep(w: &w2, g: g, m: &m2, v: &v2, t: t, learningRate: 0.01, weightDecay: decay)
            }
            assertClose(w2, w, tolerance: 1e-5, "weights, \(count) elements, decay \(decay)")
            assertClose(m2, m, tolerance: 1e-5, "first moments")
            assertClose(v2, v, tolerance: 1e-5, "second moments")
            // The steps moved the weights, so the comparison is not between two unchanged arrays.
            XCTAssertGreaterThan(zip(w, start).map { abs($0 - $1) }.max()!, 0.05)
        }
    }
}
