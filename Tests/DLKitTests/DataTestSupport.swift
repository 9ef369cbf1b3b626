import DLKit
import Foundation
import XCTest

/// Where the committed MNIST slice lives, and scratch folders for tests that write files.
enum DataFixtures {
    static var mnistSmall: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("mnist-small")
    }

    static func file(_ name: String) -> URL { mnistSmall.appendingPathComponent(name) }

    static func trainSet() throws -> ImageDataset {
        try IDX.loadDataset(images: file("train-images-idx3-ubyte.gz"), labels: file("train-labels-idx1-ubyte.gz"))
    }

    static func testSet() throws -> ImageDataset {
        try IDX.loadDataset(images: file("t10k-images-idx3-ubyte.gz"), labels: file("t10k-labels-idx1-ubyte.gz"))
    }

    /// The fixture's four files as a dataset, with the MD5 sums md5sum gave for the decompressed bytes (see its
    /// README).
    static func smallDescriptor(_ sources: [DataSource]) -> DatasetDescriptor {
        DatasetDescriptor(name: "mnist-small", title: "MNIST (fixture)", files: [
            DatasetFile(name: "train-images-idx3-ubyte", bytes: 16 + 300 * 784, md5: "921fee6a543d4fbb4cd9420f7402c84d"),
            DatasetFile(name: "train-labels-idx1-ubyte", bytes: 8 + 300, md5: "55589c6d8ff51090047f9af9d77cd9bd"),
            DatasetFile(name: "t10k-images-idx3-ubyte", bytes: 16 + 100 * 784, md5: "4de451ca2b74a3a6e1bcba10d0fcfb17"),
            DatasetFile(name: "t10k-labels-idx1-ubyte", bytes: 8 + 100, md5: "eb5d17b20d18e35a87a4539cfa2bca50"),
        ], classNames: (0...9).map(String.init), sources: sources)
    }

    /// The output of a system tool (`md5sum`, `stat`), an implementation independent of ours.
    static func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh empty folder under the temporary directory, removed at the end of the test.
    static func scratchFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dlkit-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The uncompressed bytes of a gzip file, via the system's gzip (an implementation independent of ours).
    static func gunzipWithSystemTool(_ url: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
