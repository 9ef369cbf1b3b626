import DLKit
import XCTest

/// Deterministic transforms on small images whose expected pixels are worked out by hand.
final class TransformGeometryTests: XCTestCase {
    /// 1 2 3 / 4 5 6 / 7 8 9 — asymmetric, so every rotation and flip is distinguishable.
    let square = PixelImage(channels: 1, height: 3, width: 3, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])

    func testRotationBy90TurnsCounterClockwise() {
        // Counter-clockwise: the right column comes to the top.
        XCTAssertEqual(square.rotated(by: 90).pixels, [3, 6, 9, 2, 5, 8, 1, 4, 7])
    }

    func testRotationByMinus90TurnsClockwise() {
        XCTAssertEqual(square.rotated(by: -90).pixels, [7, 4, 1, 8, 5, 2, 9, 6, 3])
    }

    func testRotationBy180EqualsBothFlips() {
        XCTAssertEqual(square.rotated(by: 180).pixels, [9, 8, 7, 6, 5, 4, 3, 2, 1])
        XCTAssertEqual(square.rotated(by: 180), square.flippedHorizontally().flippedVertically())
    }

    func testFourQuarterTurnsOfADigitGiveItBack() throws {
        let digit = try DataFixtures.trainSet().image(at: 0)
        XCTAssertEqual(digit.rotated(by: 90).rotated(by: 90).rotated(by: 90).rotated(by: 90), digit)
        XCTAssertNotEqual(digit.rotated(by: 90), digit)
    }

    func testRotationBy45OfACentredPointKeepsIt() {
        var dot = PixelImage(channels: 1, height: 5, width: 5, value: 0)
        dot[0, 2, 2] = 1
        XCTAssertEqual(dot.rotated(by: 45)[0, 2, 2], 1, accuracy: 1e-6)
    }

    func testShiftMovesAPixelRightAndDown() {
        var dot = PixelImage(channels: 1, height: 5, width: 6, value: 0)
        dot[0, 1, 1] = 1
        let moved = dot.shifted(dx: 3, dy: 2)
        XCTAssertEqual(moved[0, 3, 4], 1)
        XCTAssertEqual(moved.pixels.reduce(0, +), 1)
    }

    func testShiftOutOfTheImageFillsWithFillValue() {
        let moved = square.shifted(dx: -1, dy: 0, fill: -1)
        XCTAssertEqual(moved.pixels, [2, 3, -1, 5, 6, -1, 8, 9, -1])
    }

    func testHalfPixelShiftAveragesNeighbours() {
        let row = PixelImage(channels: 1, height: 1, width: 4, pixels: [0, 2, 4, 8])
        // Output x samples input x − 0.5: (x−1 + x)/2, with 0 coming in from the left.
        XCTAssertEqual(row.shifted(dx: 0.5, dy: 0).pixels, [0, 1, 3, 6])
    }

    func testShearOf45DegreesSlidesRowsByTheirDistanceFromCentre() {
        var column = PixelImage(channels: 1, height: 3, width: 3, value: 0)
        for y in 0..<3 { column[0, y, 1] = 1 }
        // x' = x + tan(45°)·(y − 1): the row above the centre moves left, the row below moves right.
        XCTAssertEqual(column.sheared(by: 45).pixels, [1, 0, 0, 0, 1, 0, 0, 0, 1])
    }

    func testZoomBy2MagnifiesAboutTheCentre() {
        var img = PixelImage(channels: 1, height: 5, width: 5, value: 0)
        img[0, 2, 3] = 1   // one pixel right of the centre
        let zoomed = img.zoomed(by: 2)
        XCTAssertEqual(zoomed[0, 2, 4], 1)   // now two pixels right of the centre
        XCTAssertEqual(zoomed[0, 2, 3], 0.5, accuracy: 1e-6)   // half-way sample between centre (0) and the pixel
        XCTAssertEqual(zoomed[0, 2, 2], 0)
    }

    func testZoomOutShrinksAndFills() {
        let ones = PixelImage(channels: 1, height: 5, width: 5, value: 1)
        let small = ones.zoomed(by: 0.5)
        XCTAssertEqual(small[0, 2, 2], 1)
        XCTAssertEqual(small[0, 0, 0], 0)   // sampled from outside the original
    }

    func testFlipsMirror() {
        XCTAssertEqual(square.flippedHorizontally().pixels, [3, 2, 1, 6, 5, 4, 9, 8, 7])
        XCTAssertEqual(square.flippedVertically().pixels, [7, 8, 9, 4, 5, 6, 1, 2, 3])
    }

    func testPadAndCrop() {
        let padded = square.padded(by: 1)
        XCTAssertEqual(padded.shape, [1, 5, 5])
        XCTAssertEqual(padded[0, 1, 1], 1)
        XCTAssertEqual(padded[0, 0, 0], 0)
        XCTAssertEqual(padded.cropped(top: 1, left: 1, height: 3, width: 3), square)
        XCTAssertEqual(square.cropped(top: 1, left: 0, height: 2, width: 2).pixels, [4, 5, 7, 8])
    }

    func testBilinearResizeMatchesHalfPixelFormula() {
        // [[0, 1], [2, 3]] → 4×4 with source = (dst + ½)·½ − ½ clamped (torchvision/PIL alignment).
        let small = PixelImage(channels: 1, height: 2, width: 2, pixels: [0, 1, 2, 3])
        XCTAssertEqual(small.resized(height: 4, width: 4).pixels, [
            0, 0.25, 0.75, 1,
            0.5, 0.75, 1.25, 1.5,
            1.5, 1.75, 2.25, 2.5,
            2, 2.25, 2.75, 3,
        ])
    }

    func testNormalizeUsesPerChannelMeanAndStd() {
        let rgb = PixelImage(channels: 2, height: 1, width: 2, pixels: [0.5, 1, 0.25, 0.75])
        XCTAssertEqual(rgb.normalized(mean: [0.5, 0.25], std: [0.5, 0.25]).pixels, [0, 1, 0, 2])
        XCTAssertEqual(Normalize(mean: [0.5], std: [0.5])(rgb).pixels, [0, 1, -0.5, 0.5])
    }

    func testEveryChannelGetsTheSameGeometry() {
        let two = PixelImage(channels: 2, height: 3, width: 3, pixels: square.pixels + square.pixels.map { $0 * 10 })
        let turned = two.rotated(by: 90)
        XCTAssertEqual(Array(turned.pixels[0..<9]), [3, 6, 9, 2, 5, 8, 1, 4, 7])
        XCTAssertEqual(Array(turned.pixels[9..<18]), [30, 60, 90, 20, 50, 80, 10, 40, 70])
    }

    func testAffineComposeThenAppliesInOrder() {
        let m = AffineMatrix.translation(dx: 1, dy: 0).then(.rotation(degrees: 90))
        let (x, y) = m.apply(1, 0)   // (2, 0) after the shift, then a quarter turn: (0, −2)
        XCTAssertEqual(x, 0, accuracy: 1e-12)
        XCTAssertEqual(y, -2, accuracy: 1e-12)
        let back = m.inverse!.apply(x, y)
        XCTAssertEqual(back.x, 1, accuracy: 1e-12)
        XCTAssertEqual(back.y, 0, accuracy: 1e-12)
    }

    func testImageTensorRoundTrip() throws {
        let t = square.tensor
        XCTAssertEqual(t.shape, [1, 3, 3])
        XCTAssertEqual(try PixelImage(t), square)
        XCTAssertEqual(try PixelImage(Tensor(shape: [3, 3], scalars: square.pixels)), square)
        XCTAssertThrowsError(try PixelImage(Tensor(shape: [9], scalars: square.pixels)))
    }
}
