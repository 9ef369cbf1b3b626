import DLKit
import Foundation
import XCTest

final class DataImageFolderTests: XCTestCase {
    func testExportedTestSetLoadsBackSortedByClassThenIndex() throws {
        let root = try DataFixtures.scratchFolder(self).appendingPathComponent("test")
        let original = try DataFixtures.testSet()
        try ImageFolder.write(original, to: root)

        let sevens = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("7").path).sorted()
        XCTAssertEqual(sevens.first, "00000.png")   // the first test digit is a 7

        let loaded = try ImageFolder.load(root)
        XCTAssertEqual(loaded.count, 100)
        XCTAssertEqual(loaded.classNames, (0...9).map(String.init))
        XCTAssertEqual(loaded.imageShape, [1, 28, 28])
        let expectedOrder = (0..<100).sorted { (original.labels[$0], $0) < (original.labels[$1], $1) }
        for (k, i) in expectedOrder.enumerated() {
            XCTAssertEqual(loaded.labels[k], original.labels[i])
            XCTAssertEqual(Array(loaded.bytes(at: k)), Array(original.bytes(at: i)), "sample \(k) = original \(i)")
        }
    }

    func testEncodedPNGHasSignatureAndSizeInHeader() throws {
        let png = [UInt8](try PNGCodec.encode(bytes: [UInt8](repeating: 7, count: 6 * 4), channels: 1, height: 4, width: 6))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        // IHDR: length(4) "IHDR"(4) width(4) height(4), big-endian.
        XCTAssertEqual(Array(png[12..<16]), Array("IHDR".utf8))
        XCTAssertEqual(Array(png[16..<24]), [0, 0, 0, 6, 0, 0, 0, 4])
    }

    func testColourPNGBecomesLumaOrRGBPlanes() throws {
        // Red, green, blue, white pixels.
        let rgb: [UInt8] = [255, 0, 0, 255, /* G */ 0, 255, 0, 255, /* B */ 0, 0, 255, 255]
        let png = try PNGCodec.encode(bytes: rgb, channels: 3, height: 1, width: 4)
        let grey = try PNGCodec.decode(png, channels: 1, name: "c.png")
        // L = (299 R + 587 G + 114 B) / 1000, truncated as PIL does.
        XCTAssertEqual(grey.bytes, [76, 149, 29, 255])
        XCTAssertEqual(grey.shape, [1, 1, 4])
        XCTAssertEqual(try PNGCodec.decode(png, channels: 3, name: "c.png").bytes, rgb)
    }

    func testNumericClassFoldersSortAsNumbers() throws {
        let root = try DataFixtures.scratchFolder(self)
        let png = try PNGCodec.encode(bytes: [0, 255, 128, 64], channels: 1, height: 2, width: 2)
        for name in ["10", "2", "9"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
            try png.write(to: root.appendingPathComponent("\(name)/a.png"))
        }
        try Data("notes".utf8).write(to: root.appendingPathComponent("9/readme.txt"))   // skipped: not .png
        try png.write(to: root.appendingPathComponent("9/.hidden.png"))                // skipped: hidden
        let data = try ImageFolder.load(root)
        XCTAssertEqual(data.classNames, ["2", "9", "10"])
        XCTAssertEqual(data.labels, [0, 1, 2])
        XCTAssertEqual(Array(data.bytes(at: 0)), [0, 255, 128, 64])
    }

    func testNamedClassFoldersSortByName() throws {
        let root = try DataFixtures.scratchFolder(self)
        let png = try PNGCodec.encode(bytes: [1], channels: 1, height: 1, width: 1)
        for (name, files) in [("dog", ["b.png", "a.png"]), ("cat", ["z.png"])] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
            for f in files { try png.write(to: root.appendingPathComponent("\(name)/\(f)")) }
        }
        let (classes, files) = try ImageFolder.listing(root)
        XCTAssertEqual(classes, ["cat", "dog"])
        XCTAssertEqual(files.map { $0.url.lastPathComponent }, ["z.png", "a.png", "b.png"])
        XCTAssertEqual(files.map(\.label), [0, 1, 1])
    }

    func testMissingFolderIsNamed() {
        XCTAssertThrowsError(try ImageFolder.load(URL(fileURLWithPath: "/nonexistent/mnist_images/train"))) { error in
            XCTAssertEqual(error as? DataError, .fileNotFound(path: "/nonexistent/mnist_images/train"))
        }
    }

    func testFolderWithoutClassSubfoldersIsExplained() throws {
        let root = try DataFixtures.scratchFolder(self)
        try PNGCodec.encode(bytes: [1], channels: 1, height: 1, width: 1).write(to: root.appendingPathComponent("x.png"))
        XCTAssertThrowsError(try ImageFolder.load(root)) { error in
            guard case .emptyImageFolder(_, let reason)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("root/<label>/*.png"), reason)
        }
    }

    func testNonPNGFileIsNamed() throws {
        let root = try DataFixtures.scratchFolder(self)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("3"), withIntermediateDirectories: true)
        let bad = root.appendingPathComponent("3/broken.png")
        try Data("this is not a picture".utf8).write(to: bad)
        XCTAssertThrowsError(try ImageFolder.load(root)) { error in
            XCTAssertEqual(error as? DataError, .undecodableImage(file: bad.path))
        }
    }

    func testImagesOfDifferentSizesAreRejected() throws {
        let root = try DataFixtures.scratchFolder(self)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("0"), withIntermediateDirectories: true)
        try PNGCodec.encode(bytes: [1, 2, 3, 4], channels: 1, height: 2, width: 2).write(to: root.appendingPathComponent("0/a.png"))
        try PNGCodec.encode(bytes: [1, 2, 3], channels: 1, height: 1, width: 3).write(to: root.appendingPathComponent("0/b.png"))
        XCTAssertThrowsError(try ImageFolder.load(root)) { error in
            XCTAssertEqual(error as? DataError, .imageSizeMismatch(file: root.appendingPathComponent("0/b.png").path,
                                                                   found: [1, 1, 3], expected: [1, 2, 2]))
        }
    }
}

extension DataImageFolderTests {
    func testColourImagesRoundTripAsThreePlanes() throws {
        let root = try DataFixtures.scratchFolder(self)
        // Two 2×1 RGB images, planes R, G, B each of 2 pixels.
        let pixels: [UInt8] = [255, 0, 0, 255, 10, 20, /* second */ 1, 2, 3, 4, 5, 6]
        let rgb = try ImageDataset(pixels: pixels, labels: [0, 1], channels: 3, height: 1, width: 2, classNames: ["a", "b"])
        try ImageFolder.write(rgb, to: root)
        let loaded = try ImageFolder.load(root, channels: 3)
        XCTAssertEqual(loaded.imageShape, [3, 1, 2])
        XCTAssertEqual(loaded.pixels, pixels)
        // The same files read as grey: pixel 1 is (R, G, B) = (255, 0, 10): (299·255 + 114·10) / 1000 = 77.4 → 77;
        // pixel 2 is (0, 255, 20): (587·255 + 114·20) / 1000 = 151.97 → 151.
        XCTAssertEqual(Array(try ImageFolder.load(root, channels: 1).bytes(at: 0)), [77, 151])
    }

    func testClassNameFoldersReplaceSlashes() throws {
        let root = try DataFixtures.scratchFolder(self)
        let clothes = try ImageDataset(pixels: [10, 20, 30], labels: [1, 0, 1], channels: 1, height: 1, width: 1,
                                       classNames: ["T-shirt/top", "Trouser"])
        try ImageFolder.write(clothes, to: root, folderNames: .classNames)
        let loaded = try ImageFolder.load(root)
        XCTAssertEqual(loaded.classNames, ["T-shirt-top", "Trouser"])
        XCTAssertEqual(loaded.labels, [0, 1, 1])
        XCTAssertEqual(loaded.pixels, [20, 10, 30])
        // The default, label-number folders, give back the labels unchanged.
        let numbered = try DataFixtures.scratchFolder(self)
        try ImageFolder.write(clothes, to: numbered)
        XCTAssertEqual(try ImageFolder.load(numbered).classNames, ["0", "1"])
    }

    func testWritingIntoAFileInsteadOfAFolderIsAClearError() throws {
        let dir = try DataFixtures.scratchFolder(self)
        let blocker = dir.appendingPathComponent("taken")
        try Data("x".utf8).write(to: blocker)
        let tiny = try ImageDataset(pixels: [0, 255], labels: [0, 1], channels: 1, height: 1, width: 1, classNames: ["a", "b"])
        XCTAssertThrowsError(try ImageFolder.write(tiny, to: blocker)) { error in
            guard case .unwritable(let path, let reason)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, blocker.path)   // the file in the way, not the folder that could not be made
            XCTAssertEqual(reason, "it is a file, not a folder")
        }
    }

    func testImageDatasetRejectsLabelsWithoutClassNames() {
        XCTAssertThrowsError(try ImageDataset(pixels: [0, 1], labels: [0, 2], channels: 1, height: 1, width: 1,
                                              classNames: ["a", "b"])) { error in
            XCTAssertEqual("\(error)", "ImageDataset: label 2 has no class name (2 classes)")
        }
    }
}

extension DataImageFolderTests {
    func testWritingOverAnEarlierExportIsRefusedAndTheOldFilesStay() throws {
        let root = try DataFixtures.scratchFolder(self)
        let all = try DataFixtures.testSet()
        let first = all.subset(0..<10), second = all.subset(10..<20)
        try ImageFolder.write(first, to: root)
        let before = try ImageFolder.existingImages(under: root).map { try Data(contentsOf: $0) }
        XCTAssertThrowsError(try ImageFolder.write(second, to: root)) { error in
            guard case let .wouldOverwrite(folder, files, example, _)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(folder, root.path)
            XCTAssertEqual(files, 10)
            XCTAssertEqual(example, ImageFolder.existingImages(under: root).first?.path)
            XCTAssertTrue("\(error)".contains("already holds 10 PNG files"), "\(error)")
        }
        // Nothing was written: the same ten files, byte for byte (the second export's labels differ, so it would
        // have replaced some and added others).
        XCTAssertEqual(try ImageFolder.existingImages(under: root).map { try Data(contentsOf: $0) }, before)
        XCTAssertNotEqual(first.labels, second.labels)
    }

    func testOverwriteTrueReplacesTheOldImages() throws {
        let root = try DataFixtures.scratchFolder(self)
        let original = try DataFixtures.testSet()   // 100 digits, every class among them
        // The same labels (so the same file names), every grey level inverted.
        let inverted = try ImageDataset(pixels: original.pixels.map { 255 - $0 }, labels: original.labels,
                                        channels: 1, height: 28, width: 28, classNames: original.classNames)
        try ImageFolder.write(original, to: root)
        try ImageFolder.write(inverted, to: root, overwrite: true)
        let loaded = try ImageFolder.load(root)
        XCTAssertEqual(loaded.count, 100)
        XCTAssertEqual(loaded.pixels.sorted(), inverted.pixels.sorted())
        XCTAssertNotEqual(loaded.pixels.sorted(), original.pixels.sorted())
    }

    func testExistingImagesIgnoresOtherFilesAndAMissingFolder() throws {
        let root = try DataFixtures.scratchFolder(self)
        XCTAssertEqual(ImageFolder.existingImages(under: root.appendingPathComponent("missing")), [])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("3"), withIntermediateDirectories: true)
        try Data("notes".utf8).write(to: root.appendingPathComponent("3/readme.txt"))
        try Data("top".utf8).write(to: root.appendingPathComponent("top.png"))   // not inside a class folder
        XCTAssertEqual(ImageFolder.existingImages(under: root), [])
        XCTAssertNoThrow(try ImageFolder.refuseExistingImages(under: root, fix: "-"))
    }
}
