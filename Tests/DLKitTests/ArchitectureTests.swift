import XCTest
import DLKit

/// The famous networks' parameter counts, each computed here from the papers' layer lists with the formulas
/// conv = out·(in·k² + bias), batch norm = 2·channels, dense = out·(in + 1) — independently of the builders.
final class ArchitectureTests: XCTestCase {
    private func conv(_ i: Int, _ o: Int, _ k: Int, bias: Bool = true) -> Int { o * (i * k * k + (bias ? 1 : 0)) }
    private func dense(_ i: Int, _ o: Int) -> Int { o * (i + 1) }

    func testResNet18HasTorchvisionsElevenPointSevenMillionParameters() {
        var rng = RandomGenerator(seed: 1)
        let net = resnet18(using: &rng)
        var expected = conv(3, 64, 7, bias: false) + 2 * 64
        var channels = 64
        for (stage, width) in [64, 128, 256, 512].enumerated() {
            for block in 0..<2 {
                expected += conv(channels, width, 3, bias: false) + 2 * width + conv(width, width, 3, bias: false) + 2 * width
                if stage > 0 && block == 0 { expected += conv(channels, width, 1, bias: false) + 2 * width }
                channels = width
            }
        }
        expected += dense(512, 1000)
        XCTAssertEqual(net.parameterCount, expected)
        XCTAssertEqual(expected, 11_689_512)   // torchvision's documented figure for resnet18
    }

    func testResNet18SummaryTracesTheShapesOfThePaper() {
        var rng = RandomGenerator(seed: 2)
        let summary = resnet18(using: &rng).summary(inputShape: [3, 224, 224])
        let shapes = summary.rows.map(\.outputShape)
        XCTAssertEqual(shapes[0], [-1, 64, 112, 112])                    // conv1, 7×7 stride 2 padding 3
        XCTAssertEqual(shapes[3], [-1, 64, 56, 56])                      // max-pool 3×3 stride 2 padding 1
        XCTAssertEqual(summary.rows.filter { $0.name.hasPrefix("ResidualBlock") }.map { $0.outputShape[1...].map { $0 } },
                       [[64, 56, 56], [64, 56, 56], [128, 28, 28], [128, 28, 28],
                        [256, 14, 14], [256, 14, 14], [512, 7, 7], [512, 7, 7]])
        XCTAssertEqual(shapes.last, [-1, 1000])
        XCTAssertEqual(summary.totalParameters, 11_689_512)
        XCTAssertEqual(summary.trainableParameters, 11_689_512)
    }

    func testResNet18TakesSmallImagesThanksToAdaptivePooling() {
        var rng = RandomGenerator(seed: 3)
        let net = resnet18(numClasses: 10, using: &rng)
        XCTAssertEqual(net(Tensor.randn([2, 3, 32, 32], using: &rng)).shape, [2, 10])
    }

    func testAlexNetHasTorchvisionsSixtyOneMillionParameters() {
        var rng = RandomGenerator(seed: 4)
        let net = alexnet(using: &rng)
        let expected = conv(3, 64, 11) + conv(64, 192, 5) + conv(192, 384, 3) + conv(384, 256, 3) + conv(256, 256, 3)
            + dense(256 * 6 * 6, 4096) + dense(4096, 4096) + dense(4096, 1000)
        XCTAssertEqual(net.parameterCount, expected)
        XCTAssertEqual(expected, 61_100_840)   // torchvision's documented figure for alexnet
        let summary = net.summary(inputShape: [3, 224, 224])
        // (224 + 2·2 − 11)/4 + 1 = 55 → pool 27 → 27 → pool 13 → 13 → 13 → 13 → pool 6
        XCTAssertEqual(summary.rows[0].outputShape, [-1, 64, 55, 55])
        XCTAssertEqual(summary.rows.first { $0.name.hasPrefix("Flatten") }?.outputShape, [-1, 9216])
        XCTAssertEqual(summary.rows.last?.outputShape, [-1, 1000])
    }

    func testVGG16HasTheConfigurationDCount() {
        var rng = RandomGenerator(seed: 5)
        let widths = [64, 64, 128, 128, 256, 256, 256, 512, 512, 512, 512, 512, 512]
        let convs = zip([3] + widths.dropLast(), widths).map { conv($0, $1, 3) }.reduce(0, +)
        let expected = convs + dense(25088, 4096) + dense(4096, 4096) + dense(4096, 1000)
        XCTAssertEqual(vgg16(using: &rng).parameterCount, expected)
        XCTAssertEqual(vgg16(dropout: 0.5, using: &rng).parameterCount, expected)
    }

    func testGoogLeNetIsNineInceptionModulesBetweenAStemAndOneDenseLayer() {
        var rng = RandomGenerator(seed: 6)
        let net = googlenet(using: &rng)
        // Table 1 of Szegedy et al.: in, 1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool proj.
        let rows = [(192, 64, 96, 128, 16, 32, 32), (256, 128, 128, 192, 32, 96, 64), (480, 192, 96, 208, 16, 48, 64),
                    (512, 160, 112, 224, 24, 64, 64), (512, 128, 128, 256, 24, 64, 64), (512, 112, 144, 288, 32, 64, 64),
                    (528, 256, 160, 320, 32, 128, 128), (832, 256, 160, 320, 32, 128, 128),
                    (832, 384, 192, 384, 48, 128, 128)]
        let modules = rows.map { i, a, b, c, d, e, f in
            conv(i, a, 1) + conv(i, b, 1) + conv(b, c, 3) + conv(i, d, 1) + conv(d, e, 5) + conv(i, f, 1)
        }.reduce(0, +)
        let expected = conv(3, 64, 7) + conv(64, 64, 1) + conv(64, 192, 3) + modules + dense(1024, 1000)
        XCTAssertEqual(net.parameterCount, expected)
        let summary = net.summary(inputShape: [3, 224, 224])
        XCTAssertEqual(summary.rows.first { $0.name == "Inception(3a)" }?.outputShape, [-1, 256, 28, 28])
        XCTAssertEqual(summary.rows.first { $0.name == "Inception(5b)" }?.outputShape, [-1, 1024, 7, 7])
        XCTAssertEqual(summary.rows.last?.outputShape, [-1, 1000])
    }
}
