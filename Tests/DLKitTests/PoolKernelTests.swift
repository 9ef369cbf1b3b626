import XCTest
import DLKit

/// Max and average pooling on raw buffers: the slide's worked example, numpy's values, the fast kernels
/// against the plain loops, and gradients against finite differences.
final class PoolKernelTests: XCTestCase {
    func maxPool(_ g: Pool2DGeometry, _ x: [Float], fast: Bool) -> ([Float], [Int32]) {
        var y = [Float](repeating: .nan, count: g.outputCount)
        var idx = [Int32](repeating: -7, count: g.outputCount)
        if fast { Pool2DKernels.maxForward(g, input: x, output: &y, indices: &idx) }
        else { Pool2DReference.maxForward(g, input: x, output: &y, indices: &idx) }
        return (y, idx)
    }

    func testMaxPoolOfSlideExampleGivesComputedValues() throws {
        // The classic 4×4 example (CS231n): 2×2 windows, stride 2.
        let x: [Float] = [1, 1, 2, 4,
                          5, 6, 7, 8,
                          3, 2, 1, 0,
                          1, 2, 3, 4]
        let g = try Pool2DGeometry(batch: 1, channels: 1, height: 4, width: 4, kernel: 2)
        for fast in [false, true] {
            let (y, idx) = maxPool(g, x, fast: fast)
            XCTAssertEqual(y, [6, 8, 3, 4])
            XCTAssertEqual(idx, [5, 7, 8, 15])
        }
        var avg = [Float](repeating: 0, count: 4)
        Pool2DKernels.averageForward(g, input: x, output: &avg)
        XCTAssertEqual(avg, [3.25, 5.25, 2, 2])
    }

    func testMaxPoolGradientGoesOnlyToTheFirstMaximumOfEachWindow() throws {
        let x: [Float] = [2, 2,
                          1, 2]
        let g = try Pool2DGeometry(batch: 1, channels: 1, height: 2, width: 2, kernel: 2)
        for fast in [false, true] {
            let (_, idx) = maxPool(g, x, fast: fast)
            var dx = [Float](repeating: .nan, count: 4)
            if fast { Pool2DKernels.maxBackward(g, outputGradient: [5], indices: idx, inputGradient: &dx) }
            else { Pool2DReference.maxBackward(g, outputGradient: [5], indices: idx, inputGradient: &dx) }
            XCTAssertEqual(dx, [5, 0, 0, 0])
        }
    }

    func testBothKernelsMatchNumpy() throws {
        let cases = try loadConvFixture("pool_cases", as: [PoolFixtureCase].self)
        XCTAssertEqual(cases.count, 4)
        for c in cases {
            let g = try Pool2DGeometry(batch: c.shape[0], channels: c.shape[1], height: c.shape[2],
                                       width: c.shape[3], kernel: c.kernel, stride: c.stride, padding: c.padding)
            XCTAssertEqual(g.outputShape, c.outputShape, c.name)
            for fast in [false, true] {
                let label = "\(fast ? "fast" : "reference") \(c.name)"
                var y = [Float](repeating: .nan, count: g.outputCount)
                var dx = [Float](repeating: .nan, count: g.inputCount)
                if c.kind == "max" {
                    let (out, idx) = maxPool(g, c.input, fast: fast)
                    y = out
                    if fast { Pool2DKernels.maxBackward(g, outputGradient: c.outputGradient, indices: idx, inputGradient: &dx) }
                    else { Pool2DReference.maxBackward(g, outputGradient: c.outputGradient, indices: idx, inputGradient: &dx) }
                } else if fast {
                    Pool2DKernels.averageForward(g, input: c.input, output: &y)
                    Pool2DKernels.averageBackward(g, outputGradient: c.outputGradient, inputGradient: &dx)
                } else {
                    Pool2DReference.averageForward(g, input: c.input, output: &y)
                    Pool2DReference.averageBackward(g, outputGradient: c.outputGradient, inputGradient: &dx)
                }
                assertClose(y, c.output, tolerance: 1e-5, "output, \(label)")
                assertClose(dx, c.inputGradient, tolerance: 1e-5, "input gradient, \(label)")
            }
        }
    }

    func testFastPoolingEqualsReferenceBitForBitOnRandomShapes() throws {
        var rng = ConvTestRandom(seed: 11)
        for trial in 0..<50 {
            let k = rng.int(1...4)
            let g = try Pool2DGeometry(batch: rng.int(1...3), channels: rng.int(1...20),
                                       height: rng.int(k...11), width: rng.int(k...11),
                                       kernelHeight: k, kernelWidth: k, strideY: rng.int(1...3),
                                       strideX: rng.int(1...3), padY: rng.int(0...k / 2), padX: rng.int(0...k / 2))
            let x = rng.floats(g.inputCount), dy = rng.floats(g.outputCount)
            let (y1, i1) = maxPool(g, x, fast: false), (y2, i2) = maxPool(g, x, fast: true)
            XCTAssertEqual(y1, y2, "max trial \(trial) \(g)")
            XCTAssertEqual(i1, i2, "argmax trial \(trial)")
            var d1 = [Float](repeating: .nan, count: g.inputCount), d2 = d1
            Pool2DReference.maxBackward(g, outputGradient: dy, indices: i1, inputGradient: &d1)
            Pool2DKernels.maxBackward(g, outputGradient: dy, indices: i2, inputGradient: &d2)
            XCTAssertEqual(d1, d2, "max backward trial \(trial)")
            var a1 = [Float](repeating: .nan, count: g.outputCount), a2 = a1
            Pool2DReference.averageForward(g, input: x, output: &a1)
            Pool2DKernels.averageForward(g, input: x, output: &a2)
            XCTAssertEqual(a1, a2, "avg trial \(trial)")
            Pool2DReference.averageBackward(g, outputGradient: dy, inputGradient: &d1)
            Pool2DKernels.averageBackward(g, outputGradient: dy, inputGradient: &d2)
            XCTAssertEqual(d1, d2, "avg backward trial \(trial)")
        }
    }

    func testAverageGradientAgreesWithFiniteDifferences() throws {
        var rng = ConvTestRandom(seed: 5)
        let g = try Pool2DGeometry(batch: 1, channels: 2, height: 5, width: 6, kernelHeight: 3, kernelWidth: 3,
                                   strideY: 2, strideX: 1, padY: 1, padX: 1)
        let x = rng.floats(g.inputCount), r = rng.floats(g.outputCount)
        func loss(_ x: [Float]) -> Double {
            var y = [Float](repeating: 0, count: g.outputCount)
            Pool2DKernels.averageForward(g, input: x, output: &y)
            return zip(y, r).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        var dx = [Float](repeating: 0, count: g.inputCount)
        Pool2DKernels.averageBackward(g, outputGradient: r, inputGradient: &dx)
        for i in 0..<x.count {
            var p = x, m = x
            p[i] += 1e-2; m[i] -= 1e-2
            XCTAssertEqual(Double(dx[i]), (loss(p) - loss(m)) / 2e-2, accuracy: 1e-3, "∂x[\(i)]")
        }
    }

    func testPaddingLargerThanHalfTheWindowIsRejectedWithTheSizes() {
        XCTAssertThrowsError(try Pool2DGeometry(batch: 1, channels: 1, height: 4, width: 4, kernel: 2,
                                                padding: 2)) { error in
            XCTAssertEqual("\(error)", "pool2d: padding (2, 2) must be between 0 and half the kernel 2×2")
        }
        XCTAssertThrowsError(try Pool2DGeometry(batch: 1, channels: 1, height: 1, width: 4, kernel: 2)) { error in
            XCTAssertTrue("\(error)".contains("window 2×2 is larger than the padded input 1×4"), "\(error)")
        }
    }

    func testTwoByTwoFastPathMatchesReferenceOnWideImagesWithTies() throws {
        // Widths past 16 take the eight-at-a-time path; values from {-1, 0, 1} make many ties.
        var rng = ConvTestRandom(seed: 13)
        for (h, w) in [(28, 28), (14, 14), (6, 37), (5, 16), (3, 33)] {
            let g = try Pool2DGeometry(batch: 2, channels: 9, height: h, width: w, kernel: 2)
            let x = (0..<g.inputCount).map { _ in Float(rng.int(-1...1)) }
            let (y1, i1) = maxPool(g, x, fast: false), (y2, i2) = maxPool(g, x, fast: true)
            XCTAssertEqual(y2, y1, "\(h)×\(w)")
            XCTAssertEqual(i2, i1, "argmax \(h)×\(w)")
        }
    }
}
