import XCTest
import DLKit

final class ConcatenateTests: XCTestCase {
    func testBranchesAreJoinedAlongTheChannelsInOrder() {
        let double = Activation("×2") { $0 * 2 }, negate = Activation("−") { $0 * -1 }
        let x = Tensor(shape: [1, 1, 1, 2], scalars: [1, 3])
        let y = Concatenate(double, negate)(x)
        XCTAssertEqual(y.shape, [1, 2, 1, 2])
        XCTAssertEqual(y.scalars, [2, 6, -1, -3])
    }

    func testGradientsThroughParallelConvolutionsMatchFiniteDifferences() {
        var rng = RandomGenerator(seed: 6)
        let a = Conv2D(in: 2, out: 3, kernel: 1, using: &rng), b = Conv2D(in: 2, out: 2, kernel: 3, padding: 1, using: &rng)
        let block = Concatenate(a, b)
        let x = Tensor.randn([2, 2, 4, 4], using: &rng)
        let w = weights(like: Tensor.zeros([2, 5, 4, 4]))
        assertGradientsMatchFiniteDifferences([x, a.weight, b.weight]) { t in
            a.weight = t[1]; b.weight = t[2]
            return (block(t[0]) * w).sum()
        }
    }

    func testAnInceptionModuleHasTheSumOfItsBranchesChannelsAndTheirParameters() {
        var rng = RandomGenerator(seed: 7)
        // GoogLeNet's 3a: 192 in; 64 | 96 → 128 | 16 → 32 | pool → 32.
        let m = inceptionModule(192, ch1x1: 64, ch3x3reduce: 96, ch3x3: 128, ch5x5reduce: 16, ch5x5: 32, poolProj: 32,
                                using: &rng)
        XCTAssertEqual(m(Tensor.zeros([1, 192, 7, 7])).shape, [1, 64 + 128 + 32 + 32, 7, 7])
        func conv(_ i: Int, _ o: Int, _ k: Int) -> Int { o * (i * k * k + 1) }
        let expected = conv(192, 64, 1) + conv(192, 96, 1) + conv(96, 128, 3) + conv(192, 16, 1) + conv(16, 32, 5)
            + conv(192, 32, 1)
        XCTAssertEqual(m.parameterCount, expected)
        XCTAssertEqual(expected, 163_696)   // 12,352 + 18,528 + 110,720 + 3,088 + 12,832 + 6,176, by hand
    }
}
