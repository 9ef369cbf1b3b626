import XCTest
import Foundation
import DLKit

/// Every differentiable op's backward against central finite differences.
final class AutogradTests: XCTestCase {
    var rng = RandomGenerator(seed: 2024)
    func randn(_ shape: [Int], std: Float = 1) -> Tensor { Tensor.randn(shape, std: std, using: &rng) }
    func positive(_ shape: [Int]) -> Tensor { Tensor.uniform(shape, low: 0.5, high: 2, using: &rng) }

    func testBroadcastingArithmeticGradients() {
        let a = randn([3, 4]), b = randn([4]), c = randn([3, 1]), d = positive([3, 4])
        let w = weights(like: a)
        assertGradientsMatchFiniteDifferences([a, b]) { t in ((t[0] + t[1]) * w).sum() }
        assertGradientsMatchFiniteDifferences([a, c]) { t in ((t[0] - t[1]) * w).sum() }
        assertGradientsMatchFiniteDifferences([a, b]) { t in ((t[0] * t[1]) * w).sum() }
        assertGradientsMatchFiniteDifferences([a, d]) { t in ((t[0] / t[1]) * w).sum() }
        assertGradientsMatchFiniteDifferences([d]) { t in ((2 / t[0] - 3 + t[0] * 0.5 - (-t[0])) * w).sum() }
    }

    func testUnaryMathGradients() {
        let x = randn([2, 5]), p = positive([2, 5]), w = weights(like: x)
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].exp() * w).sum() }
        assertGradientsMatchFiniteDifferences([p], step: 1e-3) { t in (t[0].log() * w).sum() }
        assertGradientsMatchFiniteDifferences([p], step: 1e-3) { t in (t[0].sqrt() * w).sum() }
        assertGradientsMatchFiniteDifferences([p], step: 1e-3) { t in (t[0].pow(3) * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].square() * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].abs() * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].sin() * w + t[0].cos()).sum() }
    }

    func testActivationGradients() {
        // Keep inputs away from the kinks at 0, where finite differences are meaningless.
        var x = randn([4, 6])
        x = Tensor(shape: x.shape, scalars: x.scalars.map { abs($0) < 0.05 ? $0 + 0.2 : $0 })
        let w = weights(like: x)
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].relu() * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].leakyRelu(slope: 0.1) * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].elu() * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].sigmoid() * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].tanh() * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].softmax(axis: 1) * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].softmax(axis: 0) * w).sum() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].logSoftmax() * w).sum() }
        let custom = Activation("square") { z in z * z }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (custom(t[0]) * w).sum() }
    }

    func testReductionAndShapeGradients() {
        let x = randn([2, 3, 4])
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0].sum(axis: 1) * weights(like: Tensor.zeros([2, 4]))).sum() }
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0].mean(axis: -1) * weights(like: Tensor.zeros([2, 3]))).sum() }
        // max is not smooth where two entries tie: use well-separated distinct values.
        let distinct = Tensor(shape: [2, 3, 4], scalars: rng.permutation(24).map { Float($0) * 0.1 })
        assertGradientsMatchFiniteDifferences([distinct]) { t in (t[0].max(axis: 2) * weights(like: Tensor.zeros([2, 3]))).sum() }
        assertGradientsMatchFiniteDifferences([distinct]) { t in t[0].max() * 3 + t[0].mean() }
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (t[0].variance(axis: 0) * weights(like: Tensor.zeros([3, 4]))).sum() }
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0].permuted([2, 0, 1]) * weights(like: Tensor.zeros([4, 2, 3]))).sum() }
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0].reshaped([6, 4]).transposed() * weights(like: Tensor.zeros([4, 6]))).sum() }
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0].slice(axis: 2, 1..<3) * weights(like: Tensor.zeros([2, 3, 2]))).sum() }
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0][1] * weights(like: Tensor.zeros([3, 4]))).sum() + t[0][0, 2, 1] }
        assertGradientsMatchFiniteDifferences([x]) { t in (t[0].rows([1, 1, 0]) * weights(like: Tensor.zeros([3, 3, 4]))).sum() }
        let y = randn([2, 1, 4])
        assertGradientsMatchFiniteDifferences([x, y]) { t in
            (Tensor.concat([t[0], t[1]], axis: 1) * weights(like: Tensor.zeros([2, 4, 4]))).sum()
        }
        assertGradientsMatchFiniteDifferences([y]) { t in (Tensor.stack([t[0], t[0] * 2]) * weights(like: Tensor.zeros([2, 2, 1, 4]))).sum() }
    }

    func testMatmulGradientsForEveryTransposeCombination() {
        let a = randn([3, 4]), b = randn([4, 5]), w = weights(like: Tensor.zeros([3, 5]))
        assertGradientsMatchFiniteDifferences([a, b]) { t in (t[0].matmul(t[1]) * w).sum() }
        assertGradientsMatchFiniteDifferences([a.transposed(), b]) { t in (t[0].matmul(t[1], transposeSelf: true) * w).sum() }
        assertGradientsMatchFiniteDifferences([a, b.transposed()]) { t in (t[0].matmul(t[1], transposeOther: true) * w).sum() }
        assertGradientsMatchFiniteDifferences([a.transposed(), b.transposed()]) { t in
            (t[0].matmul(t[1], transposeSelf: true, transposeOther: true) * w).sum()
        }
    }

    func testLinearOpGradients() {
        let x = randn([5, 3]), wt = randn([4, 3]), b = randn([4]), w = weights(like: Tensor.zeros([5, 4]))
        assertGradientsMatchFiniteDifferences([x, wt, b]) { t in (Tensor.linear(t[0], weight: t[1], bias: t[2]) * w).sum() }
        assertGradientsMatchFiniteDifferences([x, wt]) { t in (Tensor.linear(t[0], weight: t[1], bias: nil) * w).sum() }
        // And the value: x·Wᵀ + b by the reference loop.
        let expected = Tensor.matmulReference(x, wt.transposed()) + b
        assertClose(Tensor.linear(x, weight: wt, bias: b), expected, tolerance: 1e-5)
    }

    func testLossGradients() {
        let logits = randn([5, 4])
        let labels = [0, 3, 1, 1, 2]
        assertGradientsMatchFiniteDifferences([logits], step: 1e-3) { t in crossEntropy(logits: t[0], labels: labels) }
        let target = randn([5, 4])
        assertGradientsMatchFiniteDifferences([logits]) { t in mseLoss(t[0], target) }
        let y = Tensor(shape: [5, 4], scalars: (0..<20).map { Float($0 % 2) })
        assertGradientsMatchFiniteDifferences([logits], step: 1e-3) { t in binaryCrossEntropy(t[0].sigmoid(), y) }
        assertGradientsMatchFiniteDifferences([logits], step: 1e-3) { t in binaryCrossEntropy(logits: t[0], targets: y) }
    }

    func testCrossEntropyEqualsNegativeLogSoftmaxOfTheLabel() {
        let logits = Tensor([[2, 1, 0], [0, 0, 0]])
        // Row 0: −log(e²/(e²+e+1)); row 1: log 3.
        let e = Float(M_E)
        let expected = (-Float(log(Double(e * e / (e * e + e + 1)))) + Float(log(3.0))) / 2
        XCTAssertEqual(crossEntropy(logits: logits, labels: [0, 2]).item, expected, accuracy: 1e-5)
        // Large logits stay finite (fused, stable).
        XCTAssertEqual(crossEntropy(logits: Tensor([[1000, 0]]), labels: [0]).item, 0, accuracy: 1e-5)
        XCTAssertEqual(binaryCrossEntropy(logits: Tensor([0]), targets: Tensor([1])).item, Float(log(2.0)), accuracy: 1e-6)
    }

    func testBatchNormGradientsInTrainingAndEvaluation() {
        for shape in [[6, 3], [2, 3, 2, 2]] {
            let x = randn(shape), gamma = randn([3]), beta = randn([3]), w = weights(like: x)
            for training in [true, false] {
                assertGradientsMatchFiniteDifferences([x, gamma, beta], step: 1e-2, tolerance: 3e-2) { t in
                    var rm = Tensor([0.1, -0.2, 0.3]), rv = Tensor([1.5, 0.5, 2])
                    return (batchNorm(t[0], gamma: t[1], beta: t[2], runningMean: &rm, runningVariance: &rv, training: training) * w).sum()
                }
            }
        }
    }

    func testGradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        var x = Tensor([1, 2, 3]); x.requiresGrad = true
        (x * x).sum().backward()
        XCTAssertEqual(x.grad?.scalars, [2, 4, 6])
        (x * 3).sum().backward()
        XCTAssertEqual(x.grad?.scalars, [5, 7, 9])
        x.zeroGrad()
        XCTAssertNil(x.grad)
    }

    func testAValueUsedTwiceGetsBothContributions() {
        var x = Tensor([3]); x.requiresGrad = true
        let y = x * x + x   // dy/dx = 2x + 1 = 7
        y.sum().backward()
        XCTAssertEqual(x.grad?.scalars, [7])
    }

    func testRetainGradKeepsIntermediateGradient() {
        var x = Tensor([1, -2]); x.requiresGrad = true
        let h = x * 3
        h.retainGrad()
        (h * h).sum().backward()
        XCTAssertEqual(h.grad?.scalars, [6, -12])
        XCTAssertEqual(x.grad?.scalars, [18, -36])
    }

    func testNoGradModeRecordsNothing() {
        var x = Tensor([1, 2]); x.requiresGrad = true
        let y = withoutGrad { x * 2 }
        XCTAssertFalse(y.requiresGrad)
        XCTAssertFalse(y.hasGradientHistory)
        XCTAssertTrue((x * 2).hasGradientHistory)
        XCTAssertTrue(GradMode.isEnabled)
    }

    func testNoGradModeIsPerThread() {
        let inside = expectation(description: "worker inside withoutGrad")
        let release = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            withoutGrad {
                inside.fulfill()
                release.wait()
            }
        }
        wait(for: [inside], timeout: 5)
        XCTAssertTrue(GradMode.isEnabled, "another thread's withoutGrad must not switch recording off here")
        release.signal()
    }

    func testManualGradientDescentKeepsTheLeafInsideWithoutGrad() {
        // Minimize (w − 3)² by hand, as a lesson does before optimizers: w ← w − 0.1·dL/dw.
        var w = Tensor([0]); w.requiresGrad = true
        for _ in 0..<100 {
            ((w - 3).square()).sum().backward()
            withoutGrad { w -= 0.1 * w.grad! }
            w.zeroGrad()
        }
        XCTAssertTrue(w.requiresGrad)
        XCTAssertEqual(w.item, 3, accuracy: 1e-4)
        // With recording on, `-=` is an ordinary recorded op.
        var v = Tensor([1]); v.requiresGrad = true
        var u = v
        u -= Tensor([1])
        XCTAssertTrue(u.hasGradientHistory)
    }

    func testAVeryLongChainOfOpsIsFreedWithoutOverflowingTheStack() {
        var x = Tensor([1]); x.requiresGrad = true
        do {
            var total = Tensor([0])
            for _ in 0..<300_000 { total = total + x }   // a 300,000-link graph, never backpropagated
            XCTAssertEqual(total.item, 300_000)
        }
        var y = Tensor([0])
        for _ in 0..<1_000 { y = y + x }
        y.backward()
        XCTAssertEqual(x.grad?.item, 1_000)
    }

    func testDetachedStopsGradients() {
        var x = Tensor([2]); x.requiresGrad = true
        let y = x * x.detached()   // d/dx = x (the detached factor is a constant)
        y.sum().backward()
        XCTAssertEqual(x.grad?.scalars, [2])
    }
}
