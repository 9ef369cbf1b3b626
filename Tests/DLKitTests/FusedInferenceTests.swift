import XCTest
import DLKit

/// `Conv2D → ReLU (→ MaxPool2D)` inside a `Sequential` runs fused, in inference and in training; these tests hold
/// it equal, bit for bit, to the same layers called one by one (values and gradients), and the index-free pooling
/// to the recording one.
final class FusedInferenceTests: XCTestCase {
    func testFusedConvReLUPoolEqualsTheLayersOneByOne() {
        var rng = RandomGenerator(seed: 8)
        // Winograd (3×3, 8 channels), im2col (1 channel; 5×5 stride 2), odd sizes pooled with floor.
        let models = [
            Sequential(Conv2D(in: 8, out: 6, kernel: 3, padding: 1, using: &rng), ReLU(), MaxPool2D(kernel: 2)),
            Sequential(Conv2D(in: 1, out: 4, kernel: 3, using: &rng), ReLU(), MaxPool2D(kernel: 2), Flatten()),
            Sequential(Conv2D(in: 3, out: 5, kernel: 5, stride: 2, padding: 2, using: &rng), ReLU()),
            Sequential(Conv2D(in: 8, out: 4, kernel: 3, using: &rng), ReLU(), MaxPool2D(kernel: 3, stride: 2)),
        ]
        let inputs = [[3, 8, 11, 9], [2, 1, 13, 13], [2, 3, 9, 10], [2, 8, 12, 12]]
        for (model, shape) in zip(models, inputs) {
            let x = Tensor.randn(shape, using: &rng)
            model.eval()
            let fused = withoutGrad { model(x) }
            let separate = withoutGrad { model.layers.reduce(x) { y, layer in layer(y) } }
            XCTAssertEqual(fused.shape, separate.shape, model.description)
            XCTAssertEqual(fused.scalars, separate.scalars, "fused inference differs: \(model.description)")
            // Recording a graph: not fused, and still the same values.
            let recorded = model(x)
            XCTAssertTrue(recorded.hasGradientHistory)
            XCTAssertEqual(recorded.scalars, separate.scalars)
        }
    }

    func testTrainingThroughFusedConvReLUGivesTheGradientsOfTheLayersOneByOne() {
        var rng = RandomGenerator(seed: 12)
        for (inChannels, kernel, padding) in [(8, 3, 1), (1, 3, 0), (3, 5, 2)] {   // Winograd and im2col
            let model = Sequential(Conv2D(in: inChannels, out: 6, kernel: kernel, padding: padding, using: &rng), ReLU(),
                                   MaxPool2D(kernel: 2), Flatten())
            var x = Tensor.randn([3, inChannels, 10, 9], using: &rng); x.requiresGrad = true
            let fused = model(x)
            let r = Tensor.randn(fused.shape, using: &rng)
            (fused * r).sum().backward()
            let fusedGrads = model.parameters.map { $0.grad!.scalars } + [x.grad!.scalars]
            model.zeroGrad()
            var x2 = x.detached(); x2.requiresGrad = true
            let separate = model.layers.reduce(x2) { y, layer in layer(y) }
            (separate * r).sum().backward()
            let separateGrads = model.parameters.map { $0.grad!.scalars } + [x2.grad!.scalars]
            XCTAssertEqual(fused.scalars, separate.scalars, "forward, \(inChannels) channels")
            XCTAssertEqual(fusedGrads, separateGrads, "gradients, \(inChannels) channels")
            XCTAssertTrue(fusedGrads[0].contains { $0 != 0 }, "the weight gradient is not all zero")
        }
    }

    func testIndexFreeMaxPoolEqualsTheRecordingOneIncludingTies() throws {
        var rng = ConvTestRandom(seed: 21)
        for trial in 0..<20 {
            let g = try Pool2DGeometry(batch: rng.int(1...3), channels: rng.int(1...4), height: rng.int(2...21),
                                       width: rng.int(2...37), kernel: trial % 4 == 3 ? 3 : 2,
                                       stride: trial % 4 == 3 ? 2 : nil)
            // Values from a few levels, so that windows often tie.
            let x = (0..<g.inputCount).map { _ in Float(rng.int(0...3)) - 1.5 }
            var indexed = [Float](repeating: .nan, count: g.outputCount), free = indexed
            var winners = [Int32](repeating: 0, count: g.outputCount)
            Pool2DKernels.maxForward(g, input: x, output: &indexed, indices: &winners)
            Pool2DKernels.maxForward(g, input: x, output: &free)
            XCTAssertEqual(free, indexed, "trial \(trial) \(g)")
        }
    }
}

/// The per-image conv → ReLU → pool of inference (im2col path), on the deck-000 CNN's first layer and on random
/// small shapes, bit for bit against the three layers one by one.
final class FusedConvPoolInferenceTests: XCTestCase {
    func testPerImageConvReLUPoolEqualsTheLayersOneByOneOnRandomShapes() {
        var rng = RandomGenerator(seed: 31)
        var pick = ConvTestRandom(seed: 32)
        var cases: [(Sequential, [Int])] = [
            (Sequential(Conv2D(in: 1, out: 32, kernel: 3, padding: 1, using: &rng), ReLU(), MaxPool2D(kernel: 2)),
             [5, 1, 28, 28]),
        ]
        for _ in 0..<6 {
            let cin = pick.int(1...2), kernel = pick.int(1...4), padding = pick.int(0...1), poolKernel = pick.int(2...3)
            let h = pick.int(kernel + 4...15), w = pick.int(kernel + 4...17)
            cases.append((Sequential(Conv2D(in: cin, out: pick.int(1...9), kernel: kernel, padding: padding, using: &rng),
                                     ReLU(), MaxPool2D(kernel: poolKernel)), [pick.int(1...5), cin, h, w]))
        }
        for (model, shape) in cases {
            model.eval()
            let x = Tensor.randn(shape, using: &rng)
            let fused = withoutGrad { model(x) }
            let separate = withoutGrad { model.layers.reduce(x) { y, layer in layer(y) } }
            XCTAssertEqual(fused.shape, separate.shape, "\(model.description) on \(shape)")
            XCTAssertEqual(fused.scalars, separate.scalars, "\(model.description) on \(shape)")
            XCTAssertTrue(fused.scalars.contains { $0 > 0 }, "the ReLU let something through")
        }
    }
}
