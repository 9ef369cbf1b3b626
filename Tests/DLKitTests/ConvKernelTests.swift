import XCTest
import DLKit

/// The convolution kernels on raw buffers: the im2col + GEMM path against the plain loops, both against
/// numpy, and the loops' gradients against finite differences.
final class ConvKernelTests: XCTestCase {
    struct Run { var output: [Float]; var dx: [Float]; var dw: [Float]; var db: [Float] }

    func runReference(_ g: Conv2DGeometry, _ x: [Float], _ w: [Float], _ b: [Float]?, _ dy: [Float]) -> Run {
        var y = [Float](repeating: .nan, count: g.outputCount)
        var dx = [Float](repeating: .nan, count: g.inputCount)
        var dw = [Float](repeating: .nan, count: g.weightCount)
        var db = [Float](repeating: .nan, count: g.outChannels)
        Conv2DReference.forward(g, input: x, weight: w, bias: b, output: &y)
        Conv2DReference.backward(g, input: x, weight: w, outputGradient: dy, inputGradient: &dx,
                                 weightGradient: &dw, biasGradient: &db)
        return Run(output: y, dx: dx, dw: dw, db: db)
    }

    func runFast(_ g: Conv2DGeometry, _ x: [Float], _ w: [Float], _ b: [Float]?, _ dy: [Float]) -> Run {
        var y = [Float](repeating: .nan, count: g.outputCount)
        var dx = [Float](repeating: .nan, count: g.inputCount)
        var dw = [Float](repeating: .nan, count: g.weightCount)
        var db = [Float](repeating: .nan, count: g.outChannels)
        var cols = [Float](repeating: .nan, count: Conv2DKernels.columnsCount(g))
        Conv2DKernels.forward(g, input: x, weight: w, bias: b, output: &y, columns: &cols)
        Conv2DKernels.backward(g, columns: cols, weight: w, outputGradient: dy, inputGradient: &dx,
                               weightGradient: &dw, biasGradient: &db)
        return Run(output: y, dx: dx, dw: dw, db: db)
    }

    func testFastConvolutionMatchesReferenceOnRandomShapesStridesAndPaddings() throws {
        var rng = ConvTestRandom(seed: 7)
        for trial in 0..<60 {
            let k = rng.int(1...5), pad = rng.int(0...3)
            let h = max(rng.int(1...12), k), w = max(rng.int(1...12), k)
            let g = try Conv2DGeometry(
                batch: rng.int(1...4), inChannels: rng.int(1...4), height: h, width: w,
                outChannels: rng.int(1...5), kernelHeight: k, kernelWidth: max(1, k - rng.int(0...1)),
                strideY: rng.int(1...3), strideX: rng.int(1...3), padY: pad, padX: rng.int(0...2),
                paddingMode: trial % 3 == 0 ? .replicate : .zeros,
                kernelFlip: trial % 4 == 1 ? .convolution : .crossCorrelation)
            let x = rng.floats(g.inputCount), wt = rng.floats(g.weightCount)
            let b: [Float]? = trial % 5 == 0 ? nil : rng.floats(g.outChannels)
            let dy = rng.floats(g.outputCount)
            let ref = runReference(g, x, wt, b, dy), fast = runFast(g, x, wt, b, dy)
            let label = "trial \(trial) \(g)"
            assertClose(fast.output, ref.output, tolerance: 1e-4, "output, \(label)")
            assertClose(fast.dx, ref.dx, tolerance: 1e-4, "input gradient, \(label)")
            assertClose(fast.dw, ref.dw, tolerance: 1e-4, "weight gradient, \(label)")
            assertClose(fast.db, ref.db, tolerance: 1e-4, "bias gradient, \(label)")
            // The variants that keep no columns: per-image blocks in forward, recomputed in backward.
            var y = [Float](repeating: .nan, count: g.outputCount)
            var dx = [Float](repeating: .nan, count: g.inputCount), dw = [Float](repeating: .nan, count: g.weightCount)
            Conv2DKernels.forward(g, input: x, weight: wt, bias: b, output: &y)
            Conv2DKernels.backward(g, input: x, weight: wt, outputGradient: dy, inputGradient: &dx,
                                   weightGradient: &dw, biasGradient: nil)
            assertClose(y, ref.output, tolerance: 1e-4, "output without columns, \(label)")
            assertClose(dx, ref.dx, tolerance: 1e-4, "input gradient, recomputed columns, \(label)")
            assertClose(dw, ref.dw, tolerance: 1e-4, "weight gradient, recomputed columns, \(label)")
        }
    }

    func testBothKernelsMatchNumpyIncludingReplicatePaddingAndFlippedKernels() throws {
        let cases = try loadConvFixture("conv_cases", as: [ConvFixtureCase].self)
        XCTAssertEqual(cases.count, 5)
        for c in cases {
            let g = try Conv2DGeometry(batch: c.shape[0], inChannels: c.shape[1], height: c.shape[2],
                                       width: c.shape[3], outChannels: c.outChannels, kernel: c.kernel,
                                       stride: c.stride, padding: c.padding,
                                       paddingMode: PaddingMode(rawValue: c.paddingMode)!,
                                       kernelFlip: c.flip ? .convolution : .crossCorrelation)
            XCTAssertEqual(g.outputShape, c.outputShape, c.name)
            for (kind, run) in [("reference", runReference(g, c.input, c.weight, c.bias, c.outputGradient)),
                                ("fast", runFast(g, c.input, c.weight, c.bias, c.outputGradient))] {
                assertClose(run.output, c.output, tolerance: 1e-4, "\(kind) output, \(c.name)")
                assertClose(run.dx, c.inputGradient, tolerance: 1e-4, "\(kind) input gradient, \(c.name)")
                assertClose(run.dw, c.weightGradient, tolerance: 1e-4, "\(kind) weight gradient, \(c.name)")
                if let db = c.biasGradient {
                    assertClose(run.db, db, tolerance: 1e-4, "\(kind) bias gradient, \(c.name)")
                }
            }
        }
    }

    func testReferenceGradientsAgreeWithFiniteDifferences() throws {
        var rng = ConvTestRandom(seed: 99)
        for (mode, flip) in [(PaddingMode.zeros, KernelFlip.crossCorrelation), (.replicate, .convolution)] {
            let g = try Conv2DGeometry(batch: 2, inChannels: 2, height: 5, width: 4, outChannels: 3,
                                       kernelHeight: 3, kernelWidth: 2, strideY: 2, strideX: 1,
                                       padY: 1, padX: 1, paddingMode: mode, kernelFlip: flip)
            let x = rng.floats(g.inputCount), w = rng.floats(g.weightCount), b = rng.floats(g.outChannels)
            let r = rng.floats(g.outputCount)
            // L = Σ y·r, so ∂L/∂y = r; compute L in Double from the float outputs.
            func loss(_ x: [Float], _ w: [Float], _ b: [Float]) -> Double {
                var y = [Float](repeating: 0, count: g.outputCount)
                Conv2DReference.forward(g, input: x, weight: w, bias: b, output: &y)
                return zip(y, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
            }
            let run = runReference(g, x, w, b, r)
            let eps: Float = 1e-2
            func check(_ values: [Float], _ analytic: [Float], _ name: String, _ perturbed: ([Float]) -> Double) {
                for i in 0..<values.count {
                    var plus = values, minus = values
                    plus[i] += eps; minus[i] -= eps
                    let numeric = (perturbed(plus) - perturbed(minus)) / Double(2 * eps)
                    XCTAssertEqual(Double(analytic[i]), numeric, accuracy: 2e-3 * max(1, abs(numeric)),
                                   "\(name)[\(i)] \(mode) \(flip)")
                }
            }
            check(x, run.dx, "∂x") { loss($0, w, b) }
            check(w, run.dw, "∂w") { loss(x, $0, b) }
            check(b, run.db, "∂b") { loss(x, w, $0) }
        }
    }

    func testTrueConvolutionEqualsCrossCorrelationWithTheKernelRotated180Degrees() throws {
        var rng = ConvTestRandom(seed: 3)
        let g = try Conv2DGeometry(batch: 1, inChannels: 2, height: 6, width: 6, outChannels: 2, kernel: 3,
                                   padding: 1, kernelFlip: .convolution)
        var cc = g; cc.kernelFlip = .crossCorrelation
        let x = rng.floats(g.inputCount), w = rng.floats(g.weightCount)
        var rotated = w
        for o in 0..<2 { for c in 0..<2 { for a in 0..<3 { for d in 0..<3 {
            rotated[((o * 2 + c) * 3 + a) * 3 + d] = w[((o * 2 + c) * 3 + (2 - a)) * 3 + (2 - d)]
        } } } }
        var y1 = [Float](repeating: 0, count: g.outputCount), y2 = y1
        Conv2DKernels.forward(g, input: x, weight: w, bias: nil, output: &y1)
        Conv2DKernels.forward(cc, input: x, weight: rotated, bias: nil, output: &y2)
        assertClose(y1, y2, tolerance: 1e-6, "flipped vs rotated")
        // A symmetric-less kernel gives a different answer under the two operators.
        var y3 = y1
        Conv2DKernels.forward(cc, input: x, weight: w, bias: nil, output: &y3)
        XCTAssertGreaterThan(zip(y1, y3).map { abs($0 - $1) }.max()!, 0.01)
    }

    func testOneHotKernelShiftsTheImageAndReplicatePaddingRepeatsTheBorder() throws {
        // A 3×3 kernel whose only 1 is at the top-left reads x[i − 1, j − 1]: the image shifted down-right.
        let g = try Conv2DGeometry(batch: 1, inChannels: 1, height: 3, width: 3, outChannels: 1, kernel: 3,
                                   padding: 1, paddingMode: .replicate)
        let x: [Float] = [1, 2, 3,
                          4, 5, 6,
                          7, 8, 9]
        var w = [Float](repeating: 0, count: 9); w[0] = 1
        var y = [Float](repeating: 0, count: 9)
        Conv2DKernels.forward(g, input: x, weight: w, bias: nil, output: &y)
        XCTAssertEqual(y, [1, 1, 2,
                           1, 1, 2,
                           4, 4, 5])
        var zeros = g; zeros.paddingMode = .zeros
        Conv2DKernels.forward(zeros, input: x, weight: w, bias: nil, output: &y)
        XCTAssertEqual(y, [0, 0, 0,
                           0, 1, 2,
                           0, 4, 5])
    }

    func testImpossibleGeometriesThrowMessagesNamingTheSizes() {
        XCTAssertThrowsError(try Conv2DGeometry(batch: 1, inChannels: 1, height: 4, width: 4, outChannels: 1,
                                                kernel: 7)) { error in
            XCTAssertEqual("\(error)", "conv2d: kernel 7×7 is larger than the padded input 4×4 "
                           + "(input 4×4, padding (0, 0))")
        }
        XCTAssertThrowsError(try Conv2DGeometry(batch: 1, inChannels: 1, height: 4, width: 4, outChannels: 1,
                                                kernel: 3, stride: 0)) { error in
            XCTAssertEqual("\(error)", "conv2d: stride must be at least 1, got 0")
        }
    }
}
