import DLKit
import Foundation
import XCTest

/// Loading must not be what limits a training epoch: one epoch of the real MNIST (60,000 images, batch 64)
/// takes about 0.1 s in a release build here (a CNN epoch takes minutes). Skipped when MNIST is not cached.
final class DataLoaderSpeedTests: XCTestCase {
    func testOneEpochOfRealMNISTLoadsInSeconds() throws {
        let cache = DatasetCache()
        guard cache.isComplete(.mnist, checksum: false) else {
            throw XCTSkip("MNIST is not in \(cache.root.path): run `course data fetch mnist` to time a real epoch")
        }
        let train = try MNIST.load(split: .train, cache: cache, progress: { _ in })
        let loader = try DataLoader(train, batchSize: 64, shuffle: true,
                                    transform: Normalize(mean: [MNIST.mean], std: [MNIST.std]),
                                    generator: RandomGenerator(seed: 1))
        let start = Date()
        var seen = 0, batches = 0
        for batch in loader { seen += batch.count; batches += 1 }
        let seconds = Date().timeIntervalSince(start)
        print("DataLoaderSpeedTests: one MNIST epoch (60000 images, batch 64, shuffled, normalized) in "
              + String(format: "%.2f s", seconds))
        XCTAssertEqual(seen, 60_000)
        XCTAssertEqual(batches, 938)
        // Generous: a debug build on a shared, loaded machine still stays far below this.
        XCTAssertLessThan(seconds, 30)
    }
}
