import XCTest
import DLKit

final class AdaptivePoolTests: XCTestCase {
    func testEachOutputIsTheMeanOfPyTorchsOverlappingBins() {
        // 5 rows into 3 bins: ⌊0·5/3⌋..<⌈5/3⌉ = 0..<2, 1..<4, 3..<5 (rows 1 and 3 belong to two bins).
        let x = Tensor(shape: [1, 1, 5, 1], scalars: [1, 2, 4, 8, 16])
        let y = adaptiveAvgPool2D(x, outputSize: (3, 1))
        XCTAssertEqual(y.shape, [1, 1, 3, 1])
        let expected: [Float] = [3.0 / 2, 14.0 / 3, 24.0 / 2]   // (1+2)/2, (2+4+8)/3, (8+16)/2
        XCTAssertEqual(y.scalars, expected)
    }

    func testWhenTheSizeDividesItIsAnOrdinaryAveragePooling() {
        var rng = RandomGenerator(seed: 4)
        let x = Tensor.randn([2, 3, 8, 6], using: &rng)
        assertClose(adaptiveAvgPool2D(x, outputSize: (4, 3)), avgPool2D(x, kernel: 2))
        // and to 1 × 1 it is global average pooling, with the 1 × 1 axes kept
        assertClose(AdaptiveAvgPool2D(1)(x).reshaped([2, 3]), globalAvgPool2D(x))
    }

    func testGradientsMatchFiniteDifferencesWithOverlappingBins() {
        var rng = RandomGenerator(seed: 5)
        let x = Tensor.randn([2, 2, 5, 7], using: &rng)
        let w = weights(like: Tensor.zeros([2, 2, 3, 4]))
        assertGradientsMatchFiniteDifferences([x]) { t in (adaptiveAvgPool2D(t[0], outputSize: (3, 4)) * w).sum() }
    }

    func testAnOutputLargerThanTheInputRepeatsPixels() {
        // 2 columns into 3 bins: 0..<1, 0..<2, 1..<2.
        let x = Tensor(shape: [1, 1, 1, 2], scalars: [2, 6])
        XCTAssertEqual(adaptiveAvgPool2D(x, outputSize: (1, 3)).scalars, [2, 4, 6])
    }
}
