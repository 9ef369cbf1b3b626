import Checksum
import DLKit
import Foundation
import XCTest

final class DataIDXTests: XCTestCase {
    // Expected values below come from the fixture's README (md5sum) and from numpy reading the same files.

    func testGzipFixtureDecompressesToTheBytesMd5sumSaw() throws {
        let array = try IDX.read(DataFixtures.file("train-labels-idx1-ubyte.gz"))
        XCTAssertEqual(array.dimensions, [300])
        XCTAssertEqual(Checksum.md5(Data(IDX.encode(array))), "55589c6d8ff51090047f9af9d77cd9bd")
        let images = try IDX.read(DataFixtures.file("train-images-idx3-ubyte.gz"))
        XCTAssertEqual(images.dimensions, [300, 28, 28])
        XCTAssertEqual(Checksum.md5(Data(IDX.encode(images))), "921fee6a543d4fbb4cd9420f7402c84d")
    }

    func testFirstTrainingLabelsAreTheCanonicalOnes() throws {
        let labels = try IDX.readLabels(DataFixtures.file("train-labels-idx1-ubyte.gz"))
        XCTAssertEqual(Array(labels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        let test = try IDX.readLabels(DataFixtures.file("t10k-labels-idx1-ubyte.gz"))
        XCTAssertEqual(Array(test.prefix(10)), [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
    }

    func testDatasetHoldsTheDigitNumpySees() throws {
        let train = try DataFixtures.trainSet()
        XCTAssertEqual(train.count, 300)
        XCTAssertEqual(train.imageShape, [1, 28, 28])
        XCTAssertEqual(train.classNames, (0...9).map(String.init))
        XCTAssertEqual(train.bytes(at: 0).reduce(0) { $0 + Int($1) }, 27525)
        XCTAssertEqual(train.bytes(at: 0).filter { $0 > 0 }.count, 166)
        XCTAssertEqual(train.classCounts, [34, 39, 28, 34, 32, 23, 29, 29, 21, 31])
        let image = train.image(at: 0)
        XCTAssertEqual(image[0, 14, 14], 240 / 255, accuracy: 1e-7)
        XCTAssertEqual(image.pixels.max(), 1)
        XCTAssertEqual(train[0].label, 5)
    }

    func testRawAndGzipFilesGiveTheSameArray() throws {
        let dir = try DataFixtures.scratchFolder(self)
        let raw = dir.appendingPathComponent("t10k-images-idx3-ubyte")
        try DataFixtures.gunzipWithSystemTool(DataFixtures.file("t10k-images-idx3-ubyte.gz")).write(to: raw)
        XCTAssertEqual(try IDX.read(raw), try IDX.read(DataFixtures.file("t10k-images-idx3-ubyte.gz")))
    }

    func testImagesTensorIsNCHWBytesOver255() throws {
        let test = try DataFixtures.testSet()
        let x = test.images(2..<5)
        XCTAssertEqual(x.shape, [3, 1, 28, 28])
        XCTAssertEqual(Array(x.scalars[784..<1568]), test.bytes(at: 3).map { Float($0) / 255 })
    }

    func testTruncatedRawFileNamesFileAndSizes() throws {
        let dir = try DataFixtures.scratchFolder(self)
        let full = try DataFixtures.gunzipWithSystemTool(DataFixtures.file("t10k-labels-idx1-ubyte.gz"))
        let cut = dir.appendingPathComponent("t10k-labels-idx1-ubyte")
        try full.prefix(58).write(to: cut)
        XCTAssertThrowsError(try IDX.readLabels(cut)) { error in
            XCTAssertEqual(error as? DataError, .truncated(file: "t10k-labels-idx1-ubyte", expected: 108, actual: 58))
            XCTAssertTrue("\(error)".contains("t10k-labels-idx1-ubyte: truncated"), "\(error)")
        }
    }

    func testTruncatedGzipIsReportedAsCorrupt() throws {
        let dir = try DataFixtures.scratchFolder(self)
        let gz = try Data(contentsOf: DataFixtures.file("train-images-idx3-ubyte.gz"))
        let cut = dir.appendingPathComponent("train-images-idx3-ubyte.gz")
        try gz.prefix(gz.count / 2).write(to: cut)
        XCTAssertThrowsError(try IDX.read(cut)) { error in
            guard case let .corruptGzip(file, reason)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "train-images-idx3-ubyte.gz")
            XCTAssertTrue(reason.contains("ends early"), reason)
        }
    }

    func testDamagedGzipBytesAreReportedAsCorrupt() throws {
        let dir = try DataFixtures.scratchFolder(self)
        var gz = [UInt8](try Data(contentsOf: DataFixtures.file("t10k-images-idx3-ubyte.gz")))
        for i in 200..<400 { gz[i] ^= 0x5a }
        let bad = dir.appendingPathComponent("bad.gz")
        try Data(gz).write(to: bad)
        XCTAssertThrowsError(try IDX.read(bad)) { error in
            guard case .corruptGzip(file: "bad.gz", _)? = error as? DataError else { return XCTFail("\(error)") }
        }
    }

    func testWrongMagicNumberIsRejected() throws {
        let dir = try DataFixtures.scratchFolder(self)
        let png = dir.appendingPathComponent("digit.png")
        try Data([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]).write(to: png)
        XCTAssertThrowsError(try IDX.read(png)) { error in
            XCTAssertEqual(error as? DataError, .badMagic(file: "digit.png", found: 0x8950_4e47,
                                                          expected: "an IDX file of unsigned bytes (magic 0x00000801…0x00000804)"))
        }
    }

    func testTrailingBytesAreRejected() {
        let bytes = IDX.encode(IDXArray(dimensions: [2], bytes: [3, 4])) + [9]
        XCTAssertThrowsError(try IDX.decode(bytes, name: "x")) { error in
            XCTAssertEqual(error as? DataError, .trailingBytes(file: "x", expected: 10, actual: 11))
        }
    }

    func testLabelsFileIsNotAcceptedAsImages() {
        XCTAssertThrowsError(try IDX.readImages(DataFixtures.file("t10k-labels-idx1-ubyte.gz"))) { error in
            guard case .wrongDimensions(file: "t10k-labels-idx1-ubyte.gz", found: [100], _)? = error as? DataError
            else { return XCTFail("\(error)") }
        }
    }

    func testImagesAndLabelsOfDifferentCountsAreRejected() {
        XCTAssertThrowsError(try IDX.loadDataset(images: DataFixtures.file("train-images-idx3-ubyte.gz"),
                                                 labels: DataFixtures.file("t10k-labels-idx1-ubyte.gz"))) { error in
            XCTAssertEqual(error as? DataError, .countMismatch(imagesFile: "train-images-idx3-ubyte.gz", images: 300,
                                                               labelsFile: "t10k-labels-idx1-ubyte.gz", labels: 100))
            XCTAssertTrue("\(error)".contains("do not belong together"))
        }
    }

    func testMissingFileIsNamed() {
        XCTAssertThrowsError(try IDX.read(URL(fileURLWithPath: "/nonexistent/train-images-idx3-ubyte"))) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: "/nonexistent/train-images-idx3-ubyte"))
        }
    }

    func testEncodeDecodeRoundTripKeepsDimensionsAndBytes() throws {
        let array = IDXArray(dimensions: [2, 3, 2], bytes: Array(0..<12))
        let bytes = IDX.encode(array)
        XCTAssertEqual(Array(bytes.prefix(8)), [0, 0, 8, 3, 0, 0, 0, 2])
        XCTAssertEqual(try IDX.decode(bytes, name: "r"), array)
    }
}
