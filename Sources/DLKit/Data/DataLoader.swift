import Dispatch
import Foundation

/// Cuts a dataset into mini-batches of tensors, reshuffling at every epoch from its own seeded generator and
/// applying a per-sample transform (PyTorch's `DataLoader(dataset, batch_size=64, shuffle=True)`).
///
/// Each `for batch in loader` is one epoch and draws a new order, so the same seed gives the same sequence of
/// epochs. Random transforms get one seed per sample from the epoch's draw, so results do not depend on how many
/// threads apply them. With a transform, `image(at:)` and the transform run on several threads at once: neither may
/// change shared state.
///
///     let loader = try DataLoader(train, batchSize: 64, shuffle: true, generator: RandomGenerator(seed: 42))
///     for epoch in 1...5 { for batch in loader { /* batch.images: [64, 1, 28, 28] */ } }
public final class DataLoader<D: Dataset>: Sequence {
    public let dataset: D
    public let batchSize: Int
    public let shuffle: Bool
    /// Whether a last batch smaller than `batchSize` is left out.
    public let dropLast: Bool
    /// Applied to each sample as it is loaded (augmentation, normalization).
    public let transform: (any Transform)?
    /// The generator that the next epoch draws its order and augmentation seeds from.
    public private(set) var generator: RandomGenerator
    /// How many epochs have been started.
    public private(set) var epochsStarted = 0

    /// A loader; throws when `batchSize` < 1.
    ///
    ///     let test = try DataLoader(testSet, batchSize: 1000)   // in order, no augmentation
    public init(_ dataset: D, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false,
                transform: (any Transform)? = nil, generator: RandomGenerator = RandomGenerator(seed: 0)) throws {
        guard batchSize >= 1 else {
            throw DataError.invalidArgument("DataLoader: batch size must be at least 1, got \(batchSize)")
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.transform = transform
        self.generator = generator
    }

    /// Batches per epoch.
    public var batchCount: Int { dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize }

    /// Starts the next epoch: draws its order (when shuffling) and one augmentation seed per sample.
    ///
    ///     let epoch = loader.nextEpoch(); for batch in epoch { … }
    public func nextEpoch() -> Epoch {
        epochsStarted += 1
        let order = shuffle ? generator.permutation(dataset.count) : Array(0..<dataset.count)
        let seeds = transform == nil ? [] : (0..<dataset.count).map { _ in generator.next() }
        return Epoch(loader: self, order: order, seeds: seeds)
    }

    public func makeIterator() -> Epoch.Iterator { nextEpoch().makeIterator() }

    /// One pass over the data in a fixed order.
    public struct Epoch: Sequence {
        let loader: DataLoader
        /// The dataset indices in the order this epoch visits them.
        public let order: [Int]
        let seeds: [UInt64]

        public func makeIterator() -> Iterator { Iterator(epoch: self) }

        public struct Iterator: IteratorProtocol {
            let epoch: Epoch
            var start = 0

            public mutating func next() -> Batch? {
                let loader = epoch.loader, n = epoch.order.count
                guard start < n else { return nil }
                let end = Swift.min(start + loader.batchSize, n)
                if loader.dropLast && end - start < loader.batchSize { return nil }
                defer { start = end }
                return loader.makeBatch(positions: start..<end, epoch: epoch)
            }
        }
    }

    /// Loads the samples at `positions` of the epoch's order into one batch.
    func makeBatch(positions: Range<Int>, epoch: Epoch) -> Batch {
        let indices = Array(epoch.order[positions])
        let labels = indices.map { dataset.label(at: $0) }
        guard let transform else {
            let shape = dataset.image(at: indices[0]).shape
            let size = shape.reduce(1, *)
            let images = Tensor(shape: [indices.count] + shape) { out in
                for (k, i) in indices.enumerated() {
                    dataset.writePixels(at: i, into: UnsafeMutableBufferPointer(rebasing: out[k * size ..< (k + 1) * size]))
                }
            }
            return Batch(images: images, labels: labels, indices: indices)
        }
        // Transforms cost more than copying bytes: spread the batch over the cores. Each sample has its own seed,
        // so the result is the same for any number of threads.
        let slots = ResultSlots<PixelImage>(count: indices.count)
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, indices.count / 8))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for k in stride(from: w, to: indices.count, by: workers) {
                var rng = RandomGenerator(seed: epoch.seeds[positions.lowerBound + k])
                slots.set(k, .success(transform(dataset.image(at: indices[k]), using: &rng)))
            }
        }
        let images = slots.values.map { try! $0!.get() }
        let shape = images[0].shape, size = shape.reduce(1, *)
        for (k, image) in images.enumerated() where image.shape != shape {
            fatalError("DataLoader: after the transform, sample \(indices[k]) is \(image.shape) but sample "
                + "\(indices[0]) is \(shape) — a batch needs images of one size (crop or resize to a fixed size)")
        }
        let tensor = Tensor(shape: [indices.count] + shape) { out in
            for (k, image) in images.enumerated() {
                image.pixels.withUnsafeBufferPointer { src in
                    for j in 0..<size { out[k * size + j] = src[j] }
                }
            }
        }
        return Batch(images: tensor, labels: labels, indices: indices)
    }
}
