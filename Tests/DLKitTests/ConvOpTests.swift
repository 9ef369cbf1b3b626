import XCTest
import DLKit
import CBLAS

/// conv2d as a differentiable Tensor op: values and gradients through autograd.
final class ConvOpTests: XCTestCase {
    func tensor(_ shape: [Int], _ rng: inout ConvTestRandom, grad: Bool = true) -> Tensor {
        var t = Tensor(shape: shape, scalars: rng.floats(shape.reduce(1, *)))
        t.requiresGrad = grad
        return t
    }

    func testAutogradGradientsEqualTheReferenceLoopsGradients() throws {
        var rng = ConvTestRandom(seed: 21)
        for (mode, flip, stride) in [(PaddingMode.zeros, KernelFlip.crossCorrelation, 1),
                                     (.replicate, .convolution, 2)] {
            let x = tensor([3, 2, 7, 6], &rng), w = tensor([4, 2, 3, 3], &rng), b = tensor([4], &rng)
            let y = conv2d(x, weight: w, bias: b, stride: stride, padding: 1, paddingMode: mode, kernelFlip: flip)
            let g = try Conv2DGeometry(input: x.shape, weight: w.shape, stride: stride, padding: 1,
                                       paddingMode: mode, kernelFlip: flip)
            XCTAssertEqual(y.shape, g.outputShape)
            let r = Tensor(shape: y.shape, scalars: rng.floats(y.count))
            y.backward(gradient: r)
            var ref = [Float](repeating: 0, count: g.outputCount)
            var dx = [Float](repeating: 0, count: g.inputCount), dw = [Float](repeating: 0, count: g.weightCount)
            var db = [Float](repeating: 0, count: 4)
            Conv2DReference.forward(g, input: x.scalars, weight: w.scalars, bias: b.scalars, output: &ref)
            Conv2DReference.backward(g, input: x.scalars, weight: w.scalars, outputGradient: r.scalars,
                                     inputGradient: &dx, weightGradient: &dw, biasGradient: &db)
            assertClose(y.scalars, ref, tolerance: 1e-4, "output \(mode)")
            assertClose(x.grad!.scalars, dx, tolerance: 1e-4, "∂x \(mode)")
            assertClose(w.grad!.scalars, dw, tolerance: 1e-4, "∂w \(mode)")
            assertClose(b.grad!.scalars, db, tolerance: 1e-4, "∂b \(mode)")
        }
    }

    func testGradientsAgreeWithFiniteDifferencesThroughTheOp() throws {
        var rng = ConvTestRandom(seed: 4)
        let x = tensor([2, 2, 5, 5], &rng), w = tensor([3, 2, 3, 3], &rng)
        let r = Tensor(shape: [2, 3, 3, 3], scalars: rng.floats(54))
        let y = conv2d(x, weight: w, stride: 2, padding: 1)
        y.backward(gradient: r)
        func loss(_ x: Tensor, _ w: Tensor) -> Double {
            let y = withoutGrad { conv2d(x, weight: w, stride: 2, padding: 1) }
            return zip(y.scalars, r.scalars).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        for (name, value, grad) in [("x", x, x.grad!), ("w", w, w.grad!)] {
            for i in stride(from: 0, to: value.count, by: 3) {
                var p = value.scalars, m = value.scalars
                p[i] += 1e-2; m[i] -= 1e-2
                let (tp, tm) = (Tensor(shape: value.shape, scalars: p), Tensor(shape: value.shape, scalars: m))
                let numeric = name == "x" ? (loss(tp, w) - loss(tm, w)) / 2e-2 : (loss(x, tp) - loss(x, tm)) / 2e-2
                XCTAssertEqual(Double(grad.scalars[i]), numeric, accuracy: 2e-3 * max(1, abs(numeric)), "∂\(name)[\(i)]")
            }
        }
    }

    func testInputWithoutGradientGetsNoneAndWeightStillLearns() {
        var rng = ConvTestRandom(seed: 8)
        let x = tensor([2, 1, 6, 6], &rng, grad: false), w = tensor([2, 1, 3, 3], &rng)
        let y = conv2d(x, weight: w)
        XCTAssertEqual(y.shape, [2, 2, 4, 4])
        y.backward(gradient: Tensor.ones(y.shape))
        XCTAssertNil(x.grad)
        // With ∂L/∂y = 1, ∂L/∂w[o, 0, a, d] is the sum of the pixels the tap (a, d) ever reads.
        var expected = [Float](repeating: 0, count: 9)
        for b in 0..<2 { for a in 0..<3 { for d in 0..<3 { for i in 0..<4 { for j in 0..<4 {
            expected[a * 3 + d] += x.scalars[b * 36 + (i + a) * 6 + (j + d)]
        } } } } }
        assertClose(Array(w.grad!.scalars[0..<9]), expected, tolerance: 1e-5, "∂w[0]")
        assertClose(Array(w.grad!.scalars[9..<18]), expected, tolerance: 1e-5, "∂w[1]")
    }

    func testUnbatchedImageGivesTheSameAsABatchOfOne() {
        var rng = ConvTestRandom(seed: 2)
        let x = tensor([3, 5, 5], &rng, grad: false), w = tensor([2, 3, 3, 3], &rng, grad: false)
        let single = conv2d(x, weight: w, padding: 1)
        let batched = conv2d(Tensor(shape: [1, 3, 5, 5], scalars: x.scalars), weight: w, padding: 1)
        XCTAssertEqual(single.shape, [2, 5, 5])
        XCTAssertEqual(single.scalars, batched.scalars)
    }

    func testWrongChannelCountNamesBothShapes() {
        XCTAssertThrowsError(try Conv2DGeometry(input: [64, 3, 28, 28], weight: [32, 1, 3, 3])) { error in
            XCTAssertEqual("\(error)", "conv2d: input [64, 3, 28, 28] has 3 channels but weight [32, 1, 3, 3] "
                           + "expects 1 (weight is [out, in, kh, kw])")
        }
        XCTAssertThrowsError(try Conv2DGeometry(input: [1, 1, 28, 28], weight: [32, 1, 3, 3], bias: [16])) {
            XCTAssertTrue("\($0)".contains("bias must have shape [32]"), "\($0)")
        }
        XCTAssertThrowsError(try Conv2DGeometry(input: [28, 28], weight: [32, 1, 3, 3])) {
            XCTAssertTrue("\($0)".contains("got [28, 28]"), "\($0)")
        }
        XCTAssertThrowsError(try Conv2DGeometry(input: [1, 1, 2, 2], weight: [1, 1, 3, 3])) {
            XCTAssertTrue("\($0)".contains("input [1, 1, 2, 2], weight [1, 1, 3, 3]"), "\($0)")
        }
    }

    func testInferenceWithoutGradientsGivesTheSameValuesAsTraining() {
        var rng = ConvTestRandom(seed: 31)
        let x = tensor([5, 3, 9, 8], &rng), w = tensor([4, 3, 3, 3], &rng), b = tensor([4], &rng)
        let training = conv2d(x, weight: w, bias: b, stride: 2, padding: 1)
        let inference = withoutGrad { conv2d(x, weight: w, bias: b, stride: 2, padding: 1) }
        XCTAssertTrue(training.requiresGrad)
        XCTAssertFalse(inference.requiresGrad)
        XCTAssertEqual(inference.shape, training.shape)
        assertClose(inference.scalars, training.scalars, tolerance: 1e-6, "inference vs training")
    }

    func testConvolutionLeavesOpenBLASSingleThreadedAndLaterMatmulsIntact() {
        // DLKit splits the work over the cores itself: after a kernel OpenBLAS stays at one thread (no spinning
        // pool), and a big product afterwards (split by ParallelGEMM) is still right: all-ones → k.
        var rng = ConvTestRandom(seed: 12)
        let x = tensor([8, 4, 10, 10], &rng), w = tensor([6, 4, 3, 3], &rng)
        let y = conv2d(x, weight: w, padding: 1)
        y.backward(gradient: Tensor.ones(y.shape))
        XCTAssertEqual(openblas_get_num_threads(), 1)
        let a = Tensor.ones([300, 400]), c = a.matmul(Tensor.ones([400, 500]))
        XCTAssertEqual(c.shape, [300, 500])
        XCTAssertTrue(c.scalars.allSatisfy { $0 == 400 })
        XCTAssertEqual(openblas_get_num_threads(), 1)
    }

    func testReferenceOpGivesTheSameValuesAsTheFastOp() {
        var rng = ConvTestRandom(seed: 17)
        let x = tensor([2, 3, 9, 7], &rng, grad: false), w = tensor([5, 3, 3, 3], &rng, grad: false)
        let b = tensor([5], &rng, grad: false)
        for (mode, flip) in [(PaddingMode.zeros, KernelFlip.crossCorrelation), (.replicate, .convolution)] {
            let fast = conv2d(x, weight: w, bias: b, stride: 2, padding: 1, paddingMode: mode, kernelFlip: flip)
            let slow = conv2dReference(x, weight: w, bias: b, stride: 2, padding: 1, paddingMode: mode, kernelFlip: flip)
            XCTAssertEqual(slow.shape, [2, 5, 5, 4])
            assertClose(fast.scalars, slow.scalars, tolerance: 1e-5, "\(mode) \(flip)")
        }
    }

    func testWeightGradientsAreBitIdenticalFromRunToRun() {
        // The batch is summed in fixed groups in a fixed order, whichever core ran which group.
        var rng = ConvTestRandom(seed: 41)
        let x = tensor([37, 3, 12, 12], &rng, grad: false), r = Tensor(shape: [37, 8, 12, 12], scalars: rng.floats(37 * 8 * 144))
        var grads: [[Float]] = []
        for _ in 0..<5 {
            var w = Tensor(shape: [8, 3, 3, 3], scalars: (0..<216).map { Float($0 % 7) * 0.1 - 0.3 })
            w.requiresGrad = true
            conv2d(x, weight: w, padding: 1).backward(gradient: r)
            grads.append(w.grad!.scalars)
        }
        for g in grads.dropFirst() { XCTAssertEqual(g, grads[0]) }
    }
}
