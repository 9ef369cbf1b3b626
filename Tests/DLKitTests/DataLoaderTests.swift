import DLKit
import Foundation
import XCTest

final class DataLoaderTests: XCTestCase {
    func testBatchesAreNCHWWithMatchingLabels() throws {
        let train = try DataFixtures.trainSet()
        let loader = try DataLoader(train, batchSize: 64)
        let batches = Array(loader)
        XCTAssertEqual(batches.map(\.count), [64, 64, 64, 64, 44])
        XCTAssertEqual(loader.batchCount, 5)
        XCTAssertEqual(batches[0].images.shape, [64, 1, 28, 28])
        XCTAssertEqual(batches[0].labels, Array(train.labels[0..<64]))
        XCTAssertEqual(Array(batches[1].images.scalars[0..<784]), train.bytes(at: 64).map { Float($0) / 255 })
        XCTAssertEqual(batches[4].images.shape, [44, 1, 28, 28])
    }

    func testDropLastLeavesOutTheShortBatch() throws {
        let loader = try DataLoader(try DataFixtures.trainSet(), batchSize: 64, dropLast: true)
        XCTAssertEqual(Array(loader).map(\.count), [64, 64, 64, 64])
        XCTAssertEqual(loader.batchCount, 4)
    }

    func testShuffledEpochVisitsEverySampleOnceAndEpochsDiffer() throws {
        let train = try DataFixtures.trainSet()
        let loader = try DataLoader(train, batchSize: 50, shuffle: true, generator: RandomGenerator(seed: 42))
        let first = Array(loader).flatMap(\.indices), second = Array(loader).flatMap(\.indices)
        XCTAssertEqual(first.sorted(), Array(0..<300))
        XCTAssertEqual(second.sorted(), Array(0..<300))
        XCTAssertNotEqual(first, Array(0..<300))
        XCTAssertNotEqual(first, second)
        XCTAssertEqual(loader.epochsStarted, 2)
    }

    func testSameSeedGivesSameEpochs() throws {
        let train = try DataFixtures.trainSet()
        let augment = RandomAffine(degrees: 10, translate: (0.1, 0.1))
        let a = try DataLoader(train, batchSize: 32, shuffle: true, transform: augment, generator: RandomGenerator(seed: 1))
        let b = try DataLoader(train, batchSize: 32, shuffle: true, transform: augment, generator: RandomGenerator(seed: 1))
        for _ in 0..<2 {
            let x = Array(a), y = Array(b)
            XCTAssertEqual(x.map(\.indices), y.map(\.indices))
            XCTAssertEqual(x.map(\.images), y.map(\.images))
        }
    }

    func testLabelsFollowTheirImagesWhenShuffled() throws {
        let train = try DataFixtures.trainSet()
        let loader = try DataLoader(train, batchSize: 100, shuffle: true, generator: RandomGenerator(seed: 3))
        for batch in loader {
            for (k, i) in batch.indices.enumerated() {
                XCTAssertEqual(batch.labels[k], train.labels[i])
                XCTAssertEqual(Array(batch.images.scalars[k * 784 ..< (k + 1) * 784]), train.image(at: i).pixels)
            }
        }
    }

    func testTransformIsAppliedPerSampleWithItsOwnSeed() throws {
        let train = try DataFixtures.trainSet().subset(0..<10)
        let loader = try DataLoader(train, batchSize: 10, transform: RandomHorizontalFlip(probability: 1))
        let batch = Array(loader)[0]
        for k in 0..<10 {
            XCTAssertEqual(Array(batch.images.scalars[k * 784 ..< (k + 1) * 784]),
                           train.image(at: k).flippedHorizontally().pixels)
        }
        // A random transform: applying it by hand with the same per-sample seeds gives the same batch, whatever the
        // number of threads the loader used.
        let random = try DataLoader(train, batchSize: 10, transform: RandomAffine(degrees: 20), generator: RandomGenerator(seed: 9))
        let epoch = random.nextEpoch()
        var seeds = RandomGenerator(seed: 9)
        let perSample = (0..<10).map { _ in seeds.next() }
        let got = Array(epoch)[0]
        for k in 0..<10 {
            var rng = RandomGenerator(seed: perSample[k])
            XCTAssertEqual(Array(got.images.scalars[k * 784 ..< (k + 1) * 784]),
                           RandomAffine(degrees: 20)(train.image(at: k), using: &rng).pixels)
        }
    }

    func testNormalizeInThePipelineCentresTheData() throws {
        let train = try DataFixtures.trainSet()
        let loader = try DataLoader(train, batchSize: 300, transform: Normalize(mean: [MNIST.mean], std: [MNIST.std]))
        let x = Array(loader)[0].images.scalars
        let mean = x.reduce(0, +) / Float(x.count)
        // The fixture's pixel mean is 0.12752 (numpy), so the normalized mean is (0.12752 − 0.1307) / 0.3081.
        XCTAssertEqual(mean, (0.127524 - 0.1307) / 0.3081, accuracy: 1e-4)
    }

    func testBatchSizeZeroIsAClearError() throws {
        XCTAssertThrowsError(try DataLoader(try DataFixtures.trainSet(), batchSize: 0)) { error in
            XCTAssertEqual("\(error)", "DataLoader: batch size must be at least 1, got 0")
        }
    }

    func testOneHotAndLabelTensor() {
        let batch = Batch(images: Tensor(shape: [2, 1, 1, 1], scalars: [0, 0]), labels: [2, 0], indices: [0, 1])
        XCTAssertEqual(batch.oneHotLabels(classes: 3).scalars, [0, 0, 1, 1, 0, 0])
        XCTAssertEqual(batch.labelTensor.scalars, [2, 0])
    }

    func testCustomDatasetWorksThroughTheProtocol() throws {
        struct Ramp: Dataset {
            var count: Int { 5 }
            func image(at i: Int) -> PixelImage { PixelImage(channels: 1, height: 2, width: 2, value: Float(i)) }
            func label(at i: Int) -> Int { i % 2 }
        }
        let batches = Array(try DataLoader(Ramp(), batchSize: 2))
        XCTAssertEqual(batches.map(\.labels), [[0, 1], [0, 1], [0]])
        XCTAssertEqual(batches[1].images.shape, [2, 1, 2, 2])
        XCTAssertEqual(batches[1].images.scalars, [2, 2, 2, 2, 3, 3, 3, 3])
    }
}

extension DataLoaderTests {
    func testRandomSplitPartitionsTheSamplesAndIsSeeded() throws {
        let train = try DataFixtures.trainSet()
        var a = RandomGenerator(seed: 5), b = RandomGenerator(seed: 5)
        let (fit, validation) = try train.randomSplit(validationCount: 60, using: &a)
        XCTAssertEqual(fit.count, 240)
        XCTAssertEqual(validation.count, 60)
        XCTAssertEqual(fit.classCounts.enumerated().map { $0.element + validation.classCounts[$0.offset] }, train.classCounts)
        XCTAssertEqual(try train.randomSplit(validationCount: 60, using: &b).validation.pixels, validation.pixels)
        // Every sample ends up in one part: the multiset of images is unchanged.
        let all = (0..<300).map { Array(train.bytes(at: $0)) }
        let parts = (0..<240).map { Array(fit.bytes(at: $0)) } + (0..<60).map { Array(validation.bytes(at: $0)) }
        XCTAssertEqual(all.map { $0.description }.sorted(), parts.map { $0.description }.sorted())
        XCTAssertThrowsError(try train.randomSplit(validationCount: 301, using: &a))
    }
}
