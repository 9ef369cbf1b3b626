import DLKit
import XCTest

/// Random augmentations: deterministic under a seed, and each random choice is one of the deterministic ones.
final class TransformRandomTests: XCTestCase {
    let square = PixelImage(channels: 1, height: 3, width: 3, pixels: [1, 2, 3, 4, 5, 6, 7, 8, 9])

    func digit() throws -> PixelImage { try DataFixtures.trainSet().image(at: 0) }

    func testSameSeedGivesSameAugmentation() throws {
        let t = Compose([RandomAffine(degrees: 15, translate: (0.1, 0.1), scale: 0.9...1.1, shear: -10...10),
                         RandomCrop(size: 28, padding: 2), RandomHorizontalFlip()])
        let image = try digit()
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7), c = RandomGenerator(seed: 8)
        let first = t(image, using: &a)
        XCTAssertEqual(first, t(image, using: &b))
        XCTAssertNotEqual(first, t(image, using: &c))
        XCTAssertEqual(first.shape, [1, 28, 28])
    }

    func testHorizontalFlipProbabilityOneAlwaysFlipsZeroNever() {
        var rng = RandomGenerator(seed: 1)
        for _ in 0..<5 {
            XCTAssertEqual(RandomHorizontalFlip(probability: 1)(square, using: &rng), square.flippedHorizontally())
            XCTAssertEqual(RandomHorizontalFlip(probability: 0)(square, using: &rng), square)
        }
    }

    func testHorizontalFlipHalfTheTime() {
        var rng = RandomGenerator(seed: 3)
        let flips = (0..<2000).filter { _ in RandomHorizontalFlip()(square, using: &rng) != square }.count
        XCTAssertEqual(Double(flips) / 2000, 0.5, accuracy: 0.05)
    }

    func testRandomCropWithPaddingIsAShiftWithinThePadding() throws {
        let image = try digit()
        var rng = RandomGenerator(seed: 11)
        var offsetsSeen = Set<[Int]>()
        for _ in 0..<40 {
            let out = RandomCrop(size: 28, padding: 3)(image, using: &rng)
            let match = (-3...3).flatMap { dy in (-3...3).map { dx in [dx, dy] } }.filter {
                image.shifted(dx: Float($0[0]), dy: Float($0[1])) == out
            }
            XCTAssertFalse(match.isEmpty, "a padded crop must equal a whole-pixel shift by at most the padding")
            offsetsSeen.insert(match[0])
        }
        XCTAssertGreaterThan(offsetsSeen.count, 5)
    }

    func testRandomResizedCropOutputsTheRequestedSize() throws {
        var rng = RandomGenerator(seed: 5)
        let out = RandomResizedCrop(size: 14, scale: 0.5...1)(try digit(), using: &rng)
        XCTAssertEqual(out.shape, [1, 14, 14])
    }

    func testRandomResizedCropOfWholeSquareIsIdentity() throws {
        var rng = RandomGenerator(seed: 5)
        let image = try digit()
        XCTAssertEqual(RandomResizedCrop(size: 28, scale: 1...1, ratio: 1...1)(image, using: &rng), image)
    }

    func testRandomResizedCropWindowStaysInsideAndCoversTheScale() {
        var rng = RandomGenerator(seed: 9)
        let crop = RandomResizedCrop(size: 10, scale: 0.25...0.5)
        for _ in 0..<100 {
            let w = crop.window(imageHeight: 40, imageWidth: 40, using: &rng)
            XCTAssertTrue(w.top >= 0 && w.left >= 0 && w.top + w.height <= 40 && w.left + w.width <= 40)
            let fraction = Double(w.height * w.width) / 1600
            XCTAssertTrue(fraction > 0.2 && fraction < 0.56, "area fraction \(fraction)")
        }
    }

    func testRandomAffineWithFixedAngleEqualsDeterministicRotation() {
        var rng = RandomGenerator(seed: 2)
        XCTAssertEqual(RandomAffine(degrees: 90...90)(square, using: &rng), square.rotated(by: 90))
        XCTAssertEqual(RandomAffine(degrees: 0)(square, using: &rng), square)
    }

    func testRandomAffineAnglesStayInRange() {
        var rng = RandomGenerator(seed: 4)
        let t = RandomAffine(degrees: 10)
        for _ in 0..<200 {
            let m = t.matrix(imageHeight: 28, imageWidth: 28, using: &rng)
            let angle = atan2(m.b, m.a) * 180 / .pi   // a = cos θ, b = sin θ for a pure rotation
            XCTAssertLessThanOrEqual(abs(angle), 10.0001)
        }
    }

    func testRandomAffineTranslationIsWholePixelsWithinFraction() {
        var rng = RandomGenerator(seed: 6)
        let t = RandomAffine(degrees: 0, translate: (0.1, 0.2))
        for _ in 0..<200 {
            let m = t.matrix(imageHeight: 20, imageWidth: 20, using: &rng)
            XCTAssertEqual(m.tx, m.tx.rounded())
            XCTAssertLessThanOrEqual(abs(m.tx), 2)
            XCTAssertLessThanOrEqual(abs(m.ty), 4)
        }
    }

    func testComposeAppliesInOrder() {
        let flipThenShift = Compose([RandomHorizontalFlip(probability: 1),
                                     TransformFunction { img, _ in img.shifted(dx: 1, dy: 0) }])
        XCTAssertEqual(flipThenShift(square).pixels, [0, 3, 2, 0, 6, 5, 0, 9, 8])
    }
}

final class TransformVariationTests: XCTestCase {
    func testVariationsAreDistinctDrawsStackableIntoABatch() throws {
        let digit = try DataFixtures.trainSet().image(at: 0)
        var rng = RandomGenerator(seed: 12)
        let cloud = RandomAffine(degrees: 15, translate: (0.1, 0.1)).variations(of: digit, count: 6, using: &rng)
        XCTAssertEqual(cloud.count, 6)
        XCTAssertEqual(Set(cloud.map(\.pixels)).count, 6)
        let x = try PixelImage.batch(cloud)
        XCTAssertEqual(x.shape, [6, 1, 28, 28])
        XCTAssertEqual(Array(x.scalars[784..<1568]), cloud[1].pixels)
        XCTAssertThrowsError(try PixelImage.batch([digit, digit.resized(height: 14, width: 14)])) { error in
            XCTAssertTrue("\(error)".contains("image 1 is [1, 14, 14] but image 0 is [1, 28, 28]"), "\(error)")
        }
    }
}
