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
