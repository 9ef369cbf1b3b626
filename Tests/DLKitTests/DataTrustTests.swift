import DLKit
import Foundation
import XCTest

/// A dataset in the cache is used only when it is the published one: damaged copies are refused with what is
/// wrong and how to fix it, the fetcher never calls a damaged file ready, and a verified file is not hashed again
/// until it changes. Real files: the committed MNIST slice, copied and damaged in temporary folders.
final class DataTrustTests: XCTestCase {
    private func fetchedCache() throws -> (cache: DatasetCache, dataset: DatasetDescriptor) {
        let cache = DatasetCache(root: try DataFixtures.scratchFolder(self))
        let dataset = DataFixtures.smallDescriptor([.localFolder(path: DataFixtures.mnistSmall.path)])
        try DatasetFetcher(cache: cache).fetch(dataset)
        return (cache, dataset)
    }

    /// Changes one byte of `url` in place (same size).
    private func damage(_ url: URL, at offset: Int) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[offset] ^= 0x01
        try Data(bytes).write(to: url)
    }

    func testLoadRefusesADamagedFileNamingItBothMD5sAndTheFix() throws {
        let (cache, dataset) = try fetchedCache()
        let labels = cache.folder(for: dataset).appendingPathComponent("t10k-labels-idx1-ubyte")
        try damage(labels, at: 30)
        let actual = try XCTUnwrap(try DataFixtures.tool("/usr/bin/md5sum", [labels.path]).split(separator: " ").first)
        var log: [String] = []
        XCTAssertThrowsError(try dataset.load(split: .test, cache: cache, progress: { log.append($0) })) { error in
            XCTAssertEqual(error as? DataError, .checksumMismatch(file: labels.path, expected: "eb5d17b20d18e35a87a4539cfa2bca50",
                                                                  actual: String(actual), fix: "course data fetch mnist-small"))
            let message = "\(error)"
            for part in [labels.path, "eb5d17b20d18e35a87a4539cfa2bca50", String(actual), "`course data fetch mnist-small`"] {
                XCTAssertTrue(message.contains(part), "\(part) not in: \(message)")
            }
        }
        XCTAssertEqual(log, [], "a damaged file is refused, not silently fetched again")
        // The training split does not use that file and still loads.
        XCTAssertEqual(try dataset.load(split: .train, cache: cache, progress: { _ in }).count, 300)
        // What the message says fixes it.
        try DatasetFetcher(cache: cache).fetch(dataset)
        XCTAssertEqual(Array(try dataset.load(split: .test, cache: cache).labels.prefix(3)), [7, 2, 1])
    }

    func testLoadRefusesATruncatedFileWithBothSizes() throws {
        let (cache, dataset) = try fetchedCache()
        let images = cache.folder(for: dataset).appendingPathComponent("train-images-idx3-ubyte")
        try Data(try Data(contentsOf: images).prefix(1000)).write(to: images)
        XCTAssertThrowsError(try dataset.load(split: .train, cache: cache, progress: { _ in })) { error in
            XCTAssertEqual(error as? DataError, .wrongSize(file: images.path, expected: 16 + 300 * 784, actual: 1000,
                                                           fix: "course data fetch mnist-small"))
            XCTAssertTrue("\(error)".contains("(truncated)"), "\(error)")
        }
    }

    func testMNISTLoadNamesTheCourseCommandThatFixesIt() throws {
        let cache = DatasetCache(root: try DataFixtures.scratchFolder(self))
        let folder = cache.folder(for: .mnist)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Files of the published sizes (sparse, so the test writes almost nothing) but not the published bytes.
        for file in DatasetDescriptor.mnist.files {
            XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent(file.name).path, contents: nil))
            let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(file.name))
            try handle.truncate(atOffset: UInt64(file.bytes))
            try handle.close()
        }
        XCTAssertThrowsError(try MNIST.load(split: .test, cache: cache, progress: { _ in })) { error in
            guard case let .checksumMismatch(file, expected, _, fix)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, folder.appendingPathComponent("t10k-images-idx3-ubyte").path)
            XCTAssertEqual(expected, "2646ac647ad5339dbf082846283269ea")
            XCTAssertEqual(fix, "course data fetch mnist")
        }
    }

    func testFetchFailsWhenADamagedFileOfTheRightSizeCannotBeReplaced() throws {
        let (cache, good) = try fetchedCache()
        let labels = cache.folder(for: good).appendingPathComponent("t10k-labels-idx1-ubyte")
        try damage(labels, at: 30)
        // The only source offers the same damaged file: the fetch must not end with "ready".
        let mirror = try DataFixtures.scratchFolder(self)
        try FileManager.default.copyItem(at: labels, to: mirror.appendingPathComponent("t10k-labels-idx1-ubyte"))
        let dataset = DataFixtures.smallDescriptor([.localFolder(path: mirror.path)])
        var log: [String] = []
        XCTAssertThrowsError(try DatasetFetcher(cache: cache, progress: { log.append($0) }).fetch(dataset)) { error in
            guard case let .allSourcesFailed(_, attempts, _)? = error as? DataError else { return XCTFail("\(error)") }
            XCTAssertTrue(attempts[0].contains("t10k-labels-idx1-ubyte: MD5 "), attempts[0])
        }
        XCTAssertFalse(log.contains { $0.contains("ready") }, "\(log)")
        XCTAssertEqual(cache.status(of: dataset.files[3], in: dataset),
                       .wrongChecksum(String(try DataFixtures.tool("/usr/bin/md5sum", [labels.path]).prefix(32))))
    }

    func testCorruptHandCopiedGzipIsRemovedOnceTheFileIsReplaced() throws {
        let cache = DatasetCache(root: try DataFixtures.scratchFolder(self))
        let dataset = DataFixtures.smallDescriptor([.localFolder(path: DataFixtures.mnistSmall.path)])
        let folder = cache.folder(for: dataset)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in dataset.files {
            try FileManager.default.copyItem(at: DataFixtures.file(file.name + ".gz"),
                                             to: folder.appendingPathComponent(file.name + ".gz"))
        }
        // A copy that stopped halfway: zlib rejects it, so the fixture folder (the next source) provides the file.
        let broken = folder.appendingPathComponent("train-images-idx3-ubyte.gz")
        try Data(try Data(contentsOf: broken).prefix(5000)).write(to: broken)
        var log: [String] = []
        try DatasetFetcher(cache: cache, progress: { log.append($0) }).fetch(dataset)
        XCTAssertTrue(log.contains { $0.contains("failed") && $0.contains("corrupt gzip") }, "\(log)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != ".verified" }.sorted(),
                       dataset.files.map(\.name).sorted())
        XCTAssertNoThrow(try cache.verify(dataset))
    }

    /// The record (`.verified`) is what spares the hash: a damaged file whose identity (size, inode, times) is
    /// recorded with the published MD5 passes unhashed — and any change to the file, even one that puts its
    /// modification time back, makes it hashed again.
    func testAVerifiedFileIsHashedAgainOnlyWhenItChanges() throws {
        let (cache, dataset) = try fetchedCache()
        let folder = cache.folder(for: dataset)
        let labels = folder.appendingPathComponent("t10k-labels-idx1-ubyte")
        try damage(labels, at: 30)
        let identity = try DataFixtures.tool("/usr/bin/stat", ["-c", "%s %i %.9Y %.9Z", labels.path])
        let record = "t10k-labels-idx1-ubyte \(identity) eb5d17b20d18e35a87a4539cfa2bca50\n"
        try Data(record.utf8).write(to: folder.appendingPathComponent(".verified"))
        XCTAssertEqual(cache.status(of: dataset.files[3], in: dataset), .verified, "recorded, so not hashed")

        // Same bytes written again, modification time put back with touch: the status-change time still moved.
        let modified = try DataFixtures.tool("/usr/bin/stat", ["-c", "%.9Y", labels.path])
        try Data(try Data(contentsOf: labels)).write(to: labels)
        _ = try DataFixtures.tool("/usr/bin/touch", ["-m", "-d", "@\(modified)", labels.path])
        XCTAssertEqual(try DataFixtures.tool("/usr/bin/stat", ["-c", "%.9Y", labels.path]), modified)
        guard case .wrongChecksum = cache.status(of: dataset.files[3], in: dataset) else {
            return XCTFail("a rewritten file must be hashed again")
        }
    }

    func testImageFolderWithAnEmptyClassNamesIt() throws {
        let root = try DataFixtures.scratchFolder(self)
        let png = try PNGCodec.encode(bytes: [7], channels: 1, height: 1, width: 1)
        for name in ["cat", "dog", "emu"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try png.write(to: root.appendingPathComponent("cat/1.png"))
        try png.write(to: root.appendingPathComponent("emu/1.png"))
        try Data("not an image".utf8).write(to: root.appendingPathComponent("dog/readme.txt"))
        XCTAssertThrowsError(try ImageFolder.load(root)) { error in
            XCTAssertEqual(error as? DataError, .emptyImageFolder(path: root.path,
                reason: "the class folder 'dog' holds no .png files (every class needs at least one image)"))
        }
    }
}
