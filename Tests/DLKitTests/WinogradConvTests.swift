import XCTest
import DLKit

/// The Winograd F(2×2, 3×3) path against the plain loops of ``Conv2DReference``: forward, ∂x, ∂w and ∂bias on
/// random shapes (odd and even sizes, paddings 0–2, flipped kernels, batches that leave a short last chunk),
/// the fused ReLU, and the conv2d op choosing it.
final class WinogradConvTests: XCTestCase {
    func testWinogradMatchesReferenceOnRandomShapesPaddingsAndFlips() throws {
        var rng = ConvTestRandom(seed: 11)
        for trial in 0..<40 {
            let pad = rng.int(0...2)
            let h = rng.int(max(1, 3 - 2 * pad)...13), w = rng.int(max(1, 3 - 2 * pad)...13)
            let g = try Conv2DGeometry(batch: rng.int(1...9), inChannels: rng.int(4...9), height: h, width: w,
                                       outChannels: rng.int(4...10), kernel: 3, padding: pad,
                                       kernelFlip: trial % 4 == 1 ? .convolution : .crossCorrelation)
            XCTAssertTrue(WinogradConv2D.applies(to: g))
            let x = rng.floats(g.inputCount), wt = rng.floats(g.weightCount), dy = rng.floats(g.outputCount)
            let b: [Float]? = trial % 5 == 0 ? nil : rng.floats(g.outChannels)
            var ref = [Float](repeating: .nan, count: g.outputCount)
            var refDx = [Float](repeating: .nan, count: g.inputCount), refDw = [Float](repeating: .nan, count: g.weightCount)
            var refDb = [Float](repeating: .nan, count: g.outChannels)
            Conv2DReference.forward(g, input: x, weight: wt, bias: b, output: &ref)
            Conv2DReference.backward(g, input: x, weight: wt, outputGradient: dy, inputGradient: &refDx,
                                     weightGradient: &refDw, biasGradient: &refDb)

            var y = [Float](repeating: .nan, count: g.outputCount)
            var kept = [Float](repeating: .nan, count: WinogradConv2D.transformedInputCount(g))
            WinogradConv2D.forward(g, input: x, weight: wt, bias: b, output: &y, transformedInput: &kept)
            var dx = [Float](repeating: .nan, count: g.inputCount), dw = [Float](repeating: .nan, count: g.weightCount)
            var db = [Float](repeating: .nan, count: g.outChannels)
            WinogradConv2D.backward(g, transformedInput: kept, weight: wt, outputGradient: dy, inputGradient: &dx,
                                    weightGradient: &dw, biasGradient: &db)
            let label = "trial \(trial) \(g)"
            assertClose(y, ref, tolerance: 1e-4, "output, \(label)")
            assertClose(dx, refDx, tolerance: 1e-4, "input gradient, \(label)")
            assertClose(dw, refDw, tolerance: 1e-4, "weight gradient, \(label)")
            assertClose(db, refDb, tolerance: 1e-4, "bias gradient, \(label)")

            // Inference keeps nothing; the fused ReLU is max(conv + bias, 0) of the reference.
            var inferred = [Float](repeating: .nan, count: g.outputCount)
            WinogradConv2D.forward(g, input: x, weight: wt, bias: b, output: &inferred, relu: true)
            assertClose(inferred, ref.map { max($0, 0) }, tolerance: 1e-4, "fused ReLU, \(label)")
        }
    }

    func testBatchesSpanningManyChunksGiveTheSameGradientsAsTheReference() throws {
        // The CNN's second layer at a batch that leaves a short last chunk and uses every gradient group.
        let g = try Conv2DGeometry(batch: 37, inChannels: 32, height: 14, width: 14, outChannels: 64, kernel: 3,
                                   padding: 1)
        var rng = ConvTestRandom(seed: 5)
        let x = rng.floats(g.inputCount), wt = rng.floats(g.weightCount).map { $0 * 0.1 }, dy = rng.floats(g.outputCount)
        var ref = [Float](repeating: 0, count: g.outputCount), refDw = [Float](repeating: 0, count: g.weightCount)
        var refDx = [Float](repeating: 0, count: g.inputCount)
        Conv2DReference.forward(g, input: x, weight: wt, bias: nil, output: &ref)
        Conv2DReference.backward(g, input: x, weight: wt, outputGradient: dy, inputGradient: &refDx,
                                 weightGradient: &refDw, biasGradient: nil)
        var y = [Float](repeating: 0, count: g.outputCount)
        var kept = [Float](repeating: 0, count: WinogradConv2D.transformedInputCount(g))
        var dx = [Float](repeating: 0, count: g.inputCount), dw = [Float](repeating: 0, count: g.weightCount)
        WinogradConv2D.forward(g, input: x, weight: wt, bias: nil, output: &y, transformedInput: &kept)
        WinogradConv2D.backward(g, transformedInput: kept, weight: wt, outputGradient: dy, inputGradient: &dx,
                                weightGradient: &dw, biasGradient: nil)
        assertClose(y, ref, tolerance: 1e-4, "output")
        assertClose(dx, refDx, tolerance: 1e-4, "input gradient")
        // ∂w sums 37·196 products per weight: compare relative to the size of the sums.
        assertClose(dw, refDw, tolerance: 2e-4, "weight gradient")
    }

    func testOnlyThreeByThreeStrideOneZeroPaddedLayersTakeTheWinogradPath() throws {
        func geometry(kernel: Int = 3, stride: Int = 1, mode: PaddingMode = .zeros, inChannels: Int = 8) throws
            -> Conv2DGeometry {
            try Conv2DGeometry(batch: 2, inChannels: inChannels, height: 8, width: 8, outChannels: 8, kernel: kernel,
                               stride: stride, padding: 1, paddingMode: mode)
        }
        XCTAssertTrue(WinogradConv2D.applies(to: try geometry()))
        XCTAssertFalse(WinogradConv2D.applies(to: try geometry(kernel: 5)))
        XCTAssertFalse(WinogradConv2D.applies(to: try geometry(stride: 2)))
        XCTAssertFalse(WinogradConv2D.applies(to: try geometry(mode: .replicate)))
        XCTAssertFalse(WinogradConv2D.applies(to: try geometry(inChannels: 1)))
    }

    func testConvOpOnTheWinogradPathMatchesTheReferenceOpWithGradients() throws {
        var rng = RandomGenerator(seed: 4)
        var x = Tensor.randn([3, 8, 9, 7], using: &rng); x.requiresGrad = true
        var w = Tensor.randn([6, 8, 3, 3], using: &rng); w.requiresGrad = true
        var b = Tensor.randn([6], using: &rng); b.requiresGrad = true
        let r = Tensor.randn([3, 6, 9, 7], using: &rng)
        let fast = conv2d(x, weight: w, bias: b, padding: 1)
        (fast * r).sum().backward()
        let (fx, fw, fb) = (x.grad!.scalars, w.grad!.scalars, b.grad!.scalars)
        let g = try Conv2DGeometry(input: x.shape, weight: w.shape, padding: 1)
        var ref = [Float](repeating: 0, count: g.outputCount), dx = [Float](repeating: 0, count: g.inputCount)
        var dw = [Float](repeating: 0, count: g.weightCount), db = [Float](repeating: 0, count: 6)
        Conv2DReference.forward(g, input: x.scalars, weight: w.scalars, bias: b.scalars, output: &ref)
        Conv2DReference.backward(g, input: x.scalars, weight: w.scalars, outputGradient: r.scalars,
                                 inputGradient: &dx, weightGradient: &dw, biasGradient: &db)
        assertClose(fast.scalars, ref, tolerance: 1e-4, "conv2d output")
        assertClose(fx, dx, tolerance: 1e-4, "∂x"); assertClose(fw, dw, tolerance: 1e-4, "∂w")
        assertClose(fb, db, tolerance: 1e-4, "∂b")
        let inferred = withoutGrad { conv2d(x.detached(), weight: w.detached(), bias: b.detached(), padding: 1) }
        assertClose(inferred.scalars, ref, tolerance: 1e-4, "conv2d without gradients")
    }
}
