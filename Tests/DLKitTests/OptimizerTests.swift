import XCTest
import DLKit

/// Optimizers on f(w) = Σ (w − c)², minimum at c, and against hand-computed first steps.
final class OptimizerTests: XCTestCase {
    let target = Tensor([3, -1, 0.5])

    func minimize(_ makeOptimizer: ([Parameter]) -> Optimizer, steps: Int) -> Tensor {
        let w = Parameter(Tensor.zeros([3]))
        let opt = makeOptimizer([w])
        for _ in 0..<steps {
            opt.zeroGrad()
            (w.value - target).square().sum().backward()
            opt.step()
        }
        return w.value
    }

    func testSGDConvergesToTheMinimumOfAQuadratic() {
        assertClose(minimize({ SGD($0, learningRate: 0.1) }, steps: 200), target, tolerance: 1e-4)
        assertClose(minimize({ SGD($0, learningRate: 0.05, momentum: 0.9) }, steps: 300), target, tolerance: 1e-3)
    }

    func testAdamConvergesToTheMinimumOfAQuadratic() {
        assertClose(minimize({ Adam($0, learningRate: 0.05) }, steps: 1000), target, tolerance: 1e-3)
    }

    func testSGDFirstStepIsLearningRateTimesGradient() {
        // grad = 2(w − c) = −2c at w = 0; w₁ = 0.1 · 2c = 0.2c
        assertClose(minimize({ SGD($0, learningRate: 0.1) }, steps: 1), target * 0.2, tolerance: 1e-6)
        // With weight decay λ at w = 0 nothing changes in the first step; momentum's first step equals plain SGD.
        assertClose(minimize({ SGD($0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.1) }, steps: 1), target * 0.2, tolerance: 1e-6)
    }

    func testSGDMomentumSecondStepByHand() {
        // w₀ = 0, c = 3 (1-D). g₀ = −6 → v = −6, w₁ = 0.6. g₁ = 2(0.6 − 3) = −4.8 → v = 0.9·(−6) − 4.8 = −10.2, w₂ = 0.6 + 1.02 = 1.62
        let w = Parameter(Tensor([0]))
        let opt = SGD([w], learningRate: 0.1, momentum: 0.9)
        for _ in 0..<2 { opt.zeroGrad(); (w.value - 3).square().sum().backward(); opt.step() }
        XCTAssertEqual(w.value.item, 1.62, accuracy: 1e-5)
    }

    func testAdamFirstStepMovesEachWeightByTheLearningRate() {
        // Bias-corrected m̂ = g, v̂ = g², so the first step is −lr·sign(g) (up to ε).
        let w = minimize({ Adam($0, learningRate: 0.01) }, steps: 1)
        assertClose(w, Tensor([0.01, -0.01, 0.01]), tolerance: 1e-5)
    }

    func testAdamMatchesAReferenceImplementationOverManySteps() {
        // A plain scalar Adam, written out from the paper, on a varying gradient.
        var rng = RandomGenerator(seed: 8)
        let n = 1000   // more than one SIMD chunk, and an uneven tail when split across cores
        let start = Tensor.randn([n + 3], using: &rng)
        let p = Parameter(start)
        let opt = Adam([p], learningRate: 0.01, weightDecay: 0.01)
        var w = start.scalars.map(Double.init), m = [Double](repeating: 0, count: n + 3), v = m
        for t in 1...20 {
            opt.zeroGrad()
            (p.value.pow(3) * 0.1 + p.value).sum().backward()
            opt.step()
            for i in 0..<w.count {
                let g = 0.3 * w[i] * w[i] + 1 + 0.01 * w[i]
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.999 * v[i] + 0.001 * g * g
                let mh = m[i] / (1 - pow(0.9, Double(t))), vh = v[i] / (1 - pow(0.999, Double(t)))
                w[i] -= 0.01 * mh / (vh.squareRoot() + 1e-8)
            }
        }
        assertClose(p.value, Tensor(w.map(Float.init)), tolerance: 1e-4)
    }

    func testOptimizersSkipFrozenParametersAndParametersWithoutGradient() {
        let a = Parameter(Tensor([1]), isFrozen: true), b = Parameter(Tensor([1])), c = Parameter(Tensor([1]))
        let opt = Adam([a, b, c], learningRate: 0.1)
        (a.value * 2 + c.value).sum().backward()   // a is frozen, b got no gradient, c did
        XCTAssertNil(a.grad)
        opt.step()
        XCTAssertEqual(a.value.item, 1)
        XCTAssertEqual(b.value.item, 1)
        XCTAssertEqual(c.value.item, 0.9, accuracy: 1e-6)
    }
}
