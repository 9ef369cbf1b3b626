import XCTest
import Render

final class ImageTests: XCTestCase {
    // MARK: PNGImage

    func testBytesThatAreNotAPNGGiveAReadableError() {
        assertPictureError("these 3 bytes are not a PNG file") { _ = try PNGImage(pngData: [1, 2, 3]) }
        // A valid signature followed by garbage.
        assertPictureError("the PNG data is damaged: the first chunk is") {
            _ = try PNGImage(pngData: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0, 1, 2, 3, 4, 0, 0, 0, 0])
        }
    }

    func testATruncatedPNGIsReportedAsTruncated() throws {
        let good = try GrayImage(pixels: [0, 1, 1, 0], width: 2, height: 2).png(scale: 4).data
        XCTAssertEqual(try PNGImage(pngData: good).width, 8)
        assertPictureError("truncated") { _ = try PNGImage(pngData: Array(good.dropLast(20))) }
    }

    func testPixelOutsideTheImageIsAnError() throws {
        let png = try GrayImage(pixels: [0, 1], width: 2, height: 1).png(scale: 1)
        assertPictureError("pixel (2, 0) is outside the 2×1 image") { _ = try png.pixel(x: 2, y: 0) }
    }

    // MARK: GrayImage

    func testGrayPixelsMapZeroToBlackAndOneToWhite() throws {
        let png = try GrayImage(pixels: [0, 1, 1, 0], width: 2, height: 2).png(scale: 1)
        XCTAssertEqual(png.width, 2)
        XCTAssertTrue(try png.pixel(x: 0, y: 0) == (0, 0, 0))
        XCTAssertTrue(try png.pixel(x: 1, y: 0) == (255, 255, 255))
        XCTAssertTrue(try png.pixel(x: 0, y: 1) == (255, 255, 255))
        XCTAssertTrue(try png.pixel(x: 1, y: 1) == (0, 0, 0))
    }

    func testNearestNeighbourUpscalingKeepsPixelsAsSharpBlocks() throws {
        let png = try GrayImage(pixels: [0, 1, 1, 0], width: 2, height: 2).png(scale: 8)
        let decoded = try PNGImage(pngData: png.data)
        XCTAssertEqual(decoded.width, 16)
        XCTAssertEqual(decoded.height, 16)
        XCTAssertTrue(try png.pixel(x: 7, y: 7) == (0, 0, 0), "last pixel of the black block")
        XCTAssertTrue(try png.pixel(x: 8, y: 7) == (255, 255, 255), "first pixel of the white block: no blur")
        XCTAssertTrue(try png.pixel(x: 15, y: 15) == (0, 0, 0))
    }

    func testAutomaticScaleMakesADigitAndASmallMatrixLegible() throws {
        let digit = try GrayImage(pixels: [Float](repeating: 0, count: 784), width: 28, height: 28).png()
        XCTAssertGreaterThanOrEqual(digit.width, 224)
        XCTAssertEqual(digit.width % 28, 0, "a whole number of pixels per digit pixel")
        let matrix = try GrayImage(pixels: [Double](repeating: 0, count: 16), width: 4, height: 4).png()
        XCTAssertGreaterThanOrEqual(matrix.width, 224)
    }

    func testAutoNormalizationRecognisesBytesAndOtherRanges() throws {
        // 0…255 values: 255 is white, 51 is 20 % gray.
        let bytes = try GrayImage(pixels: [0, 51, 255], width: 3, height: 1).png(scale: 1)
        XCTAssertTrue(try bytes.pixel(x: 1, y: 0) == (51, 51, 51))
        XCTAssertTrue(try bytes.pixel(x: 2, y: 0) == (255, 255, 255))
        // −1…3 values: min-max, so 1 is exactly half way.
        let signed = try GrayImage(pixels: [-1, 1, 3], width: 3, height: 1).png(scale: 1)
        XCTAssertTrue(try signed.pixel(x: 0, y: 0) == (0, 0, 0))
        XCTAssertTrue(try signed.pixel(x: 1, y: 0) == (128, 128, 128))
        XCTAssertTrue(try signed.pixel(x: 2, y: 0) == (255, 255, 255))
        // A fixed range clamps.
        let fixed = try GrayImage(pixels: [0.25, 9], width: 2, height: 1, normalization: .range(0, 0.5)).png(scale: 1)
        XCTAssertTrue(try fixed.pixel(x: 0, y: 0) == (128, 128, 128))
        XCTAssertTrue(try fixed.pixel(x: 1, y: 0) == (255, 255, 255))
    }

    func testInvertedDrawsInkOnPaperAndNaNIsMagenta() throws {
        let png = try GrayImage(pixels: [1, 0, .nan], width: 3, height: 1, normalization: .range(0, 1),
                                inverted: true).png(scale: 1)
        XCTAssertTrue(try png.pixel(x: 0, y: 0) == (0, 0, 0))
        XCTAssertTrue(try png.pixel(x: 1, y: 0) == (255, 255, 255))
        XCTAssertTrue(try png.pixel(x: 2, y: 0) == (255, 0, 255))
    }

    func testInfinitiesGoToTheEndsOfTheScaleUnderEveryNormalization() throws {
        let values: [Double] = [-.infinity, 0, .infinity, 1]
        for n in [Normalization.auto, .minMax, .symmetric, .range(0, 1)] {
            let png = try GrayImage(pixels: values, width: 4, height: 1, normalization: n).png(scale: 1)
            XCTAssertTrue(try png.pixel(x: 0, y: 0) == (0, 0, 0), "−∞ is black under \(n)")
            XCTAssertTrue(try png.pixel(x: 2, y: 0) == (255, 255, 255), "+∞ is white under \(n)")
        }
        let rgb = try ColorImage(pixels: [Double.infinity, -.infinity, 0], width: 1, height: 1).png(scale: 1)
        XCTAssertTrue(try rgb.pixel(x: 0, y: 0) == (255, 0, 0))
    }

    func testAConstantImageIsMidGrayEvenForHugeValues() throws {
        for v in [3.0, 1e30] {
            let png = try GrayImage(pixels: [v, v], width: 2, height: 1, normalization: .minMax).png(scale: 1)
            let p = try png.pixel(x: 0, y: 0)
            XCTAssertTrue((127...128).contains(p.r) && p.r == p.g && p.g == p.b, "constant \(v) gave \(p)")
        }
    }

    func testByteInitializerUsesTheFullByteRange() throws {
        let png = try GrayImage(bytes: [0, 128, 255], width: 3, height: 1).png(scale: 1)
        XCTAssertTrue(try png.pixel(x: 1, y: 0) == (128, 128, 128))
    }

    func testWrongPixelCountAndScaleAreErrors() {
        assertPictureError("expected 6 values for the given shape, got 5") {
            _ = try GrayImage(pixels: [Float](repeating: 0, count: 5), width: 3, height: 2).png()
        }
        assertPictureError("scale must be in 1…64") { _ = try GrayImage(pixels: [0], width: 1, height: 1).png(scale: 0) }
        assertPictureError("normalization range") {
            _ = try GrayImage(pixels: [0], width: 1, height: 1, normalization: .range(1, 1)).png()
        }
    }

    // MARK: ColorImage and MappedImage

    func testColourImageReadsChannelsFirstOrLast() throws {
        // Two pixels: red, then blue.
        let chw: [Float] = [1, 0,   0, 0,   0, 1]
        let first = try ColorImage(pixels: chw, width: 2, height: 1).png(scale: 1)
        XCTAssertTrue(try first.pixel(x: 0, y: 0) == (255, 0, 0))
        XCTAssertTrue(try first.pixel(x: 1, y: 0) == (0, 0, 255))
        let hwc: [Float] = [1, 0, 0,   0, 0, 1]
        let last = try ColorImage(pixels: hwc, width: 2, height: 1, channelsFirst: false).png(scale: 1)
        XCTAssertTrue(try last.pixel(x: 0, y: 0) == (255, 0, 0))
        XCTAssertTrue(try last.pixel(x: 1, y: 0) == (0, 0, 255))
        assertPictureError("expected 6 values") { _ = try ColorImage(pixels: [0, 0, 0], width: 2, height: 1).png() }
    }

    func testDivergingMapShowsSignAndKeepsZeroWhite() throws {
        // A Sobel kernel: −2 is the strongest negative, +2 the strongest positive, 0 the middle.
        let png = try MappedImage(values: [-1, 0, 1, -2, 0, 2, -1, 0, 1], width: 3, height: 3).png(scale: 1)
        let c = { (x: Int, y: Int) -> Color in
            let p = try! png.pixel(x: x, y: y)
            return Color(r: UInt8(p.r), g: UInt8(p.g), b: UInt8(p.b))
        }
        XCTAssertEqual(c(0, 1), ColorMap.redBlue.bottom, "−2 is the deepest blue")
        XCTAssertEqual(c(2, 1), ColorMap.redBlue.top, "+2 is the deepest red")
        XCTAssertEqual(c(1, 1), ColorMap.redBlue.color(at: 0.5), "0 is the neutral middle")
        XCTAssertEqual(c(0, 0), ColorMap.redBlue.color(at: 0.25), "−1 is half way to blue")
    }

    func testMappedImageWithViridisPutsTheMaximumAtTheTopColour() throws {
        let png = try MappedImage(values: [3, 7, 5, 1], width: 2, height: 2, colorMap: .viridis,
                                  normalization: .minMax).png(scale: 1)
        let p = try png.pixel(x: 1, y: 0)
        XCTAssertEqual(Color(r: UInt8(p.r), g: UInt8(p.g), b: UInt8(p.b)), ColorMap.viridis.top)
    }

    // MARK: Sheets of tiles

    func testFeatureMapsScaleEachTileOrAllTilesTogether() throws {
        // Three 2×2 channels of constants −1, 0.5 and 1, each tile drawn as a 20×20 block (scale 10).
        let values: [Float] = [Float](repeating: -1, count: 4) + [Float](repeating: 0.5, count: 4)
            + [Float](repeating: 1, count: 4)
        let map = ColorMap.redBlue
        // Shared scale −1…1: 0.5 sits three quarters of the way up the map.
        let shared = try PixelStats(FeatureMaps(values: values, channels: 3, height: 2, width: 2, sharedScale: true).png(scale: 10))
        XCTAssertEqual(shared.count(map.bottom), 400)
        XCTAssertEqual(shared.count(map.color(at: 0.75)), 400)
        XCTAssertEqual(shared.count(map.top), 400)
        // Per tile (symmetric around zero): 0.5 is its own tile's maximum, so it is drawn like 1.
        let perTile = try PixelStats(FeatureMaps(values: values, channels: 3, height: 2, width: 2).png(scale: 10))
        XCTAssertEqual(perTile.count(map.bottom), 400)
        XCTAssertEqual(perTile.count(map.color(at: 0.75)), 0)
        XCTAssertEqual(perTile.count(map.top), 800)
    }

    func testFeatureMapsChooseViridisForNonNegativeValues() {
        XCTAssertEqual(FeatureMaps(values: [0, 1, 2, 3], channels: 1, height: 2, width: 2).effectiveColorMap, .viridis)
        XCTAssertEqual(FeatureMaps(values: [0, -1, 2, 3], channels: 1, height: 2, width: 2).effectiveColorMap, .redBlue)
    }

    func testFeatureMapsRejectAWrongShape() {
        assertPictureError("FeatureMaps 2×3×3: expected 18 values") {
            _ = try FeatureMaps(values: [Float](repeating: 0, count: 17), channels: 2, height: 3, width: 3).png()
        }
        assertPictureError("1 labels for 2 channels") {
            _ = try FeatureMaps(values: [Float](repeating: 0, count: 18), channels: 2, height: 3, width: 3, labels: ["a"]).png()
        }
    }

    func testImageGridDrawsEveryImageAtTheRequestedScale() throws {
        // Image 0 all black, image 1 all white: with scale 5 each is a 10×10 block.
        let images: [Float] = [0, 0, 0, 0, 1, 1, 1, 1]
        let png = try ImageGrid(images: images, count: 2, height: 2, width: 2).png(scale: 5)
        XCTAssertEqual(try PixelStats(png).count(.black), 100)
    }

    func testImageGridDrawsColourImagesInColour() throws {
        // One 1×1 RGB image, pure green, channels first.
        let png = try ImageGrid(images: [0, 1, 0], count: 1, channels: 3, height: 1, width: 1).png(scale: 10)
        XCTAssertEqual(try PixelStats(png).count(Color(r: 0, g: 255, b: 0)), 100)
    }

    func testPredictionCaptionsAreRedOnlyWhenWrong() throws {
        let images = [Float](repeating: 0.5, count: 2 * 16)
        let right = try PixelStats(ImageGrid.predictions(images: images, count: 2, height: 4, width: 4,
                                                         truth: [3, 7], predicted: [3, 7]).png(scale: 20))
        let wrong = try PixelStats(ImageGrid.predictions(images: images, count: 2, height: 4, width: 4,
                                                         truth: [3, 7], predicted: [3, 1]).png(scale: 20))
        let red = Color(hex: 0xD62728), green = Color(hex: 0x2CA02C)
        XCTAssertEqual(right.count(red), 0)
        XCTAssertGreaterThan(right.count(green), 0)
        XCTAssertGreaterThan(wrong.count(red), 0)
        let grid = try ImageGrid.predictions(images: images, count: 2, height: 4, width: 4, truth: [3, 7], predicted: [3, 1])
        XCTAssertEqual(grid.captions, ["3", "7 → 1"])
    }

    func testPredictionsNeedOneLabelAndPredictionPerImage() {
        assertPictureError("2 images, 1 labels and 2 predictions") {
            _ = try ImageGrid.predictions(images: [Float](repeating: 0, count: 8), count: 2, height: 2, width: 2,
                                          truth: [1], predicted: [1, 2])
        }
    }

    func testAugmentationCloudPutsTheOriginalInTheMiddleFramed() throws {
        let original: [Float] = [1, 1, 1, 1]
        let variants = [Float](repeating: 0, count: 8 * 4)
        let cloud = try ImageGrid.cloud(original: original, variants: variants, count: 8, height: 2, width: 2)
        XCTAssertEqual(cloud.count, 9)
        XCTAssertEqual(cloud.columns, 3)
        XCTAssertEqual(cloud.highlighted, [4], "the centre of a 3×3 grid")
        XCTAssertEqual(Array(cloud.images[16..<20]), [1, 1, 1, 1])
        let stats = try PixelStats(cloud.png(scale: 10))
        XCTAssertGreaterThan(stats.count(Palette.tab10[1]), 0, "an orange frame marks the original")
    }

    func testImageGridValidatesItsArguments() {
        assertPictureError("channels must be 1 (gray) or 3 (RGB)") {
            _ = try ImageGrid(images: [Float](repeating: 0, count: 8), count: 1, channels: 2, height: 2, width: 2).png()
        }
        assertPictureError("highlighted index 3 is not an image") {
            _ = try ImageGrid(images: [Float](repeating: 0, count: 4), count: 1, height: 2, width: 2, highlighted: [3]).png()
        }
    }

    // MARK: MatrixGrid

    func testMatrixCellsShowEachNumberWithTheDigitsItNeeds() {
        let grid = MatrixGrid(values: [1, 2, 0.5, -3.25, 0.125, 1.0 / 3], rows: 2, cols: 3)
        XCTAssertEqual(grid.cellTexts, ["1", "2", "0.5", "\u{2212}3.25", "0.125", "0.33"])
        XCTAssertEqual(MatrixGrid(values: [1, 2], rows: 1, cols: 2, decimals: 1).cellTexts, ["1.0", "2.0"])
        // Big numbers in groups of three (thin space), a true minus sign, no locale involved.
        XCTAssertEqual(MatrixGrid(values: [12345, -1000], rows: 1, cols: 2).cellTexts, ["12\u{2009}345", "\u{2212}1000"])
    }

    func testMatrixHighlightFramesTheRegionInItsColour() throws {
        let plain = try PixelStats(MatrixGrid(values: [Double](repeating: 1, count: 16), rows: 4, cols: 4).png())
        let framed = try PixelStats(MatrixGrid(values: [Double](repeating: 1, count: 16), rows: 4, cols: 4,
                                               highlight: [.init(row: 0, col: 0, rows: 3, cols: 3)]).png())
        XCTAssertEqual(plain.count(Palette.tab10[1]), 0)
        XCTAssertGreaterThan(framed.count(Palette.tab10[1]), 4 * 3 * 72, "a frame around three cells a side")
    }

    func testMatrixHighlightOutsideTheMatrixIsAnError() {
        assertPictureError("is outside the 4×4 matrix") {
            _ = try MatrixGrid(values: [Double](repeating: 1, count: 16), rows: 4, cols: 4,
                               highlight: [.init(row: 2, col: 2, rows: 3, cols: 3)]).png()
        }
    }

    func testMatrixRowNeedsOneOperatorBetweenNeighbours() throws {
        let a = MatrixGrid(values: [1, 2, 3, 4], rows: 2, cols: 2)
        let row = try MatrixRow([a, a], operators: ["="]).png()
        let single = try a.png()
        XCTAssertGreaterThan(row.width, 2 * single.width - 40)
        assertPictureError("2 matrices need 1 operators") { _ = try MatrixRow([a, a], operators: []).png() }
    }
}

final class ImagePictureProtocolTests: XCTestCase {
    func testEveryPictureDrawsAtItsDefaultSize() throws {
        let digit = [Float](repeating: 0.5, count: 784)
        let pictures: [any Picture] = [
            LineChart(series: [Series("a", y: [1, 2])]),
            Heatmap(values: [1, 2, 3, 4], rows: 2, cols: 2),
            GrayImage(pixels: digit, width: 28, height: 28),
            MatrixGrid(values: [1, 2, 3, 4], rows: 2, cols: 2),
        ]
        let pngs = try pictures.map { try $0.png() }
        XCTAssertEqual(pngs[0].width, 1280)
        XCTAssertEqual(pngs[1].height, 800)
        XCTAssertEqual(pngs[2], try GrayImage(pixels: digit, width: 28, height: 28).png(scale: nil))
        for png in pngs {
            let decoded = try PNGImage(pngData: png.data)
            XCTAssertEqual(decoded.width, png.width)
            XCTAssertEqual(decoded.height, png.height)
        }
    }
}
