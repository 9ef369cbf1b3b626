import XCTest
import DLKit

/// The Conv2D and pooling layers: parameter counts from the slides, shapes, and training signal.
final class ConvLayerTests: XCTestCase {
    func testTenFiveByFiveFiltersOverRGBHave760Parameters() {
        var rng = RandomGenerator(seed: 1)
        let conv = Conv2D(in: 3, out: 10, kernel: 5, rng: &rng)
        XCTAssertEqual(conv.parameterCount, 760)            // 10 · (5·5·3 + 1)
        XCTAssertEqual(conv.weight.shape, [10, 3, 5, 5])
        XCTAssertEqual(conv.bias?.shape, [10])
        XCTAssertEqual(conv.parameters.map(\.name), ["weight", "bias"])
        XCTAssertEqual(Conv2D(in: 3, out: 10, kernel: 5, bias: false, rng: &rng).parameterCount, 750)
        XCTAssertEqual(conv(Tensor.zeros([2, 3, 32, 32])).shape, [2, 10, 28, 28])
    }

    func testWeightsFollowPyTorchsUniformBound() {
        var rng = RandomGenerator(seed: 2)
        let conv = Conv2D(in: 4, out: 16, kernel: 3, rng: &rng)
        let bound = 1 / Float(4 * 9).squareRoot()
        XCTAssertLessThanOrEqual(conv.weight.scalars.map(abs).max()!, bound)
        XCTAssertGreaterThan(conv.weight.scalars.map(abs).max()!, 0.9 * bound)   // spread over the whole range
        XCTAssertLessThanOrEqual(conv.bias!.scalars.map(abs).max()!, bound)
    }

    func testVGG16HasItsPublishedParameterCountAndShapes() throws {
        // Simonyan & Zisserman, configuration D: 138,357,544 parameters for 224×224×3 input, 1000 classes.
        var rng = RandomGenerator(seed: 3)
        var layers: [Layer] = []
        var channels = 3
        for block in [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]] {
            for out in block {
                layers.append(Conv2D(in: channels, out: out, kernel: 3, padding: 1, initializer: .zeros, rng: &rng))
                layers.append(ReLU())
                channels = out
            }
            layers.append(MaxPool2D(kernel: 2))
        }
        var shape = [1, 3, 224, 224]
        for layer in layers {
            if let conv = layer as? Conv2D { shape = try conv.outputShape(for: shape) }
            if let pool = layer as? MaxPool2D { shape = try pool.outputShape(for: shape) }
        }
        XCTAssertEqual(shape, [1, 512, 7, 7])
        layers += [Flatten(), Linear(25088, 4096, initializer: .zeros, using: &rng), ReLU(),
                   Linear(4096, 4096, initializer: .zeros, using: &rng), ReLU(),
                   Linear(4096, 1000, initializer: .zeros, using: &rng)]
        let vgg = Sequential(layers: layers)
        XCTAssertEqual(vgg.parameterCount, 138_357_544)
        // The Keras-style summary runs two zero images through the whole network.
        let summary = vgg.summary(inputShape: [3, 224, 224])
        XCTAssertEqual(summary.totalParameters, 138_357_544)
        XCTAssertEqual(summary.rows.first?.outputShape, [-1, 64, 224, 224])
        XCTAssertEqual(summary.rows.first?.parameterCount, 1_792)            // 64 · (3·9 + 1)
        XCTAssertEqual(summary.rows.first(where: { $0.name.hasPrefix("Flatten") })?.outputShape, [-1, 25_088])
        XCTAssertEqual(summary.rows.last?.outputShape, [-1, 1000])
    }

    func testSummaryOfTenFiltersOverRGBShowsTheirShapeAndCount() {
        var rng = RandomGenerator(seed: 5)
        let model = Sequential(Conv2D(in: 3, out: 10, kernel: 5, rng: &rng), MaxPool2D(kernel: 2), GlobalAvgPool2D())
        let summary = model.summary(inputShape: [3, 32, 32])
        XCTAssertEqual(summary.rows.map(\.outputShape), [[-1, 10, 28, 28], [-1, 10, 14, 14], [-1, 10]])
        XCTAssertEqual(summary.rows.map(\.parameterCount), [760, 0, 0])
        XCTAssertEqual(summary.totalParameters, 760)
        XCTAssertTrue(summary.description.contains("Conv2D(3→10, 5×5)"), summary.description)
    }

    func testPoolingLayersHaveNoParametersAndShrinkTheImage() throws {
        let x = Tensor.zeros([2, 3, 8, 8])
        XCTAssertEqual(MaxPool2D(kernel: 2)(x).shape, [2, 3, 4, 4])
        XCTAssertEqual(AvgPool2D(kernel: 3, stride: 1, padding: 1)(x).shape, [2, 3, 8, 8])
        XCTAssertEqual(GlobalAvgPool2D()(x).shape, [2, 3])
        XCTAssertEqual(MaxPool2D(kernel: 2).parameterCount + AvgPool2D(kernel: 2).parameterCount
                       + GlobalAvgPool2D().parameterCount, 0)
        XCTAssertEqual(try MaxPool2D(kernel: 3, stride: 2, padding: 1).outputShape(for: [1, 64, 112, 112]), [1, 64, 56, 56])
        XCTAssertThrowsError(try GlobalAvgPool2D().outputShape(for: [4, 4]))
    }

    func testSobelFilterFromGivenWeightsFindsAVerticalEdge() {
        // Left half dark, right half bright: the horizontal-gradient Sobel filter responds only at the edge.
        let image = Tensor(shape: [1, 1, 4, 6], scalars: (0..<24).map { $0 % 6 < 3 ? 0 : 1 })
        let sobel = Tensor(shape: [1, 1, 3, 3], scalars: [-1, 0, 1, -2, 0, 2, -1, 0, 1])
        let conv = Conv2D(weight: sobel, bias: nil)
        let y = conv(image)
        XCTAssertEqual(y.shape, [1, 1, 2, 4])
        XCTAssertEqual(y.scalars, [0, 4, 4, 0,
                                   0, 4, 4, 0])
        XCTAssertEqual(conv.parameterCount, 9)
    }

    func testGradientDescentOnAConvLayerLowersTheLoss() {
        // Learn a 3×3 blur from examples: the loss mean((conv(x) − target)²) must fall under plain gradient steps.
        var rng = RandomGenerator(seed: 4)
        let conv = Conv2D(in: 1, out: 1, kernel: 3, padding: 1, rng: &rng)
        let x = Tensor.randn([4, 1, 6, 6], using: &rng)
        let target = withoutGrad { avgPool2D(x, kernel: 3, stride: 1, padding: 1) }
        func loss() -> Tensor { let d = conv(x) - target; return (d * d).mean() }
        let first = loss().item
        for _ in 0..<150 {
            conv.zeroGrad()
            loss().backward()
            for p in conv.parameters { p.value = p.value - p.grad! * 0.3 }
        }
        XCTAssertLessThan(loss().item, first * 0.001)
        // The learned kernel approaches the blur: every tap ≈ 1/9.
        for v in conv.weight.scalars { XCTAssertEqual(v, 1.0 / 9, accuracy: 0.01) }
    }
}
