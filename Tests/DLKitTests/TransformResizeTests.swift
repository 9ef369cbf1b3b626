import DLKit
import XCTest

final class TransformResizeTests: XCTestCase {
    func testCenterCropTakesTheMiddle() {
        let img = PixelImage(channels: 1, height: 4, width: 4, pixels: (0..<16).map(Float.init))
        XCTAssertEqual(CenterCrop(size: 2)(img).pixels, [5, 6, 9, 10])
        XCTAssertEqual(CenterCrop(height: 1, width: 4)(img).pixels, [8, 9, 10, 11])   // round(1.5) = 2
    }

    func testResizeTransformGivesTheRequestedSizeAndKeepsConstants() {
        let grey = PixelImage(channels: 1, height: 5, width: 7, value: 0.25)
        let out = Resize(height: 3, width: 4)(grey)
        XCTAssertEqual(out.shape, [1, 3, 4])
        XCTAssertEqual(out.pixels, Array(repeating: 0.25, count: 12))
    }

    func testRandomRotationOfAFixedAngleIsThatRotation() {
        let img = PixelImage(channels: 1, height: 3, width: 3, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        var rng = RandomGenerator(seed: 1)
        XCTAssertEqual(RandomRotation(degrees: -90 ... -90)(img, using: &rng), img.rotated(by: -90))
        XCTAssertEqual(RandomVerticalFlip(probability: 1)(img, using: &rng), img.flippedVertically())
    }
}
