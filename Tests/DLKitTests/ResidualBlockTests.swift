import XCTest
import DLKit

final class ResidualBlockTests: XCTestCase {
    func testWithZeroWeightsTheIdentityShortcutPassesTheInputThroughTheLastReLU() {
        var rng = RandomGenerator(seed: 1)
        let block = ResidualBlock(in: 4, out: 4, using: &rng)
        XCTAssertNil(block.projection)
        block.conv1.weight = Tensor.zeros(block.conv1.weight.shape)
        block.conv2.weight = Tensor.zeros(block.conv2.weight.shape)
        let x = Tensor.randn([2, 4, 5, 5], using: &rng)
        // The main path is BN(0) = β = 0, so y = ReLU(0 + x).
        XCTAssertEqual(block(x).scalars, x.scalars.map { max(0, $0) })
    }

    func testAStrideOrAChannelChangeBringsAProjectionShortcut() {
        var rng = RandomGenerator(seed: 2)
        let down = ResidualBlock(in: 64, out: 128, stride: 2, using: &rng)
        XCTAssertNotNil(down.projection)
        XCTAssertEqual(down(Tensor.zeros([1, 64, 8, 8])).shape, [1, 128, 4, 4])
        // conv1 3·3·64·128, bn1 2·128, conv2 3·3·128·128, bn2 2·128, shortcut 1·1·64·128 + 2·128
        XCTAssertEqual(down.parameterCount, 9 * 64 * 128 + 256 + 9 * 128 * 128 + 256 + 64 * 128 + 256)
        XCTAssertNotNil(ResidualBlock(in: 3, out: 8, using: &rng).projection)
    }

    func testGradientsToTheInputAndBothPathsWeightsMatchFiniteDifferences() {
        var rng = RandomGenerator(seed: 3)
        let block = ResidualBlock(in: 3, out: 4, stride: 2, using: &rng)
        // In evaluation mode each batch norm is a fixed affine map, so the only kinks are the ReLUs'; the small
        // step keeps the finite differences off them. (Training mode is held to PyTorch in ArchitectureInteropTests.)
        block.eval()
        let shortcut = block.projection![0] as! Conv2D
        let x = Tensor.randn([3, 3, 5, 5], using: &rng)
        let w = weights(like: Tensor.zeros([3, 4, 3, 3]))
        assertGradientsMatchFiniteDifferences([x, block.conv1.weight, block.conv2.weight, shortcut.weight],
                                              step: 1e-3, tolerance: 2e-2) { t in
            block.conv1.weight = t[1]; block.conv2.weight = t[2]; shortcut.weight = t[3]
            return (block(t[0]) * w).sum()
        }
    }

    func testInEvaluationModeTheBlockUsesRunningStatistics() {
        var rng = RandomGenerator(seed: 4)
        let block = ResidualBlock(in: 2, out: 2, using: &rng)
        let x = Tensor.randn([4, 2, 3, 3], using: &rng) * 3 + 1
        let training = block(x)
        block.eval()
        XCTAssertFalse(block.bn1.isTraining)
        XCTAssertNotEqual(block(x).scalars, training.scalars)
    }
}
