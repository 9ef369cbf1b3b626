import DLKit
import Foundation

/// MNIST held in memory as normalized float tensors (as the peers measured: "data already in memory").
/// Real MNIST when the cache already has it (`course data fetch mnist`); otherwise random images of the same
/// shape with random labels, which time the same but learn nothing — the report says which.
struct MNISTInMemory {
    let trainImages: [Float]   // [60000, 1, 28, 28], (x − 0.1307) / 0.3081
    let trainLabels: [Int]
    let testImages: [Float]
    let testLabels: [Int]
    let source: String
    var isReal: Bool

    static let imageSize = 28 * 28

    static func load() -> MNISTInMemory {
        if DatasetCache().isComplete(.mnist, checksum: false),
           let train = try? MNIST.load(split: .train), let test = try? MNIST.load(split: .test) {
            return MNISTInMemory(trainImages: normalize(train.pixels), trainLabels: train.labels,
                                 testImages: normalize(test.pixels), testLabels: test.labels,
                                 source: "real MNIST from \(DatasetCache().folder(for: .mnist).path)", isReal: true)
        }
        var rng = RandomGenerator(seed: 7)
        let train = (0..<(60_000 * imageSize)).map { _ in UInt8(rng.nextInt(256)) }
        let test = (0..<(10_000 * imageSize)).map { _ in UInt8(rng.nextInt(256)) }
        return MNISTInMemory(trainImages: normalize(train), trainLabels: (0..<60_000).map { _ in rng.nextInt(10) },
                             testImages: normalize(test), testLabels: (0..<10_000).map { _ in rng.nextInt(10) },
                             source: "SYNTHETIC random images (MNIST not cached; run `course data fetch mnist`) — "
                                 + "times are valid, accuracies are not", isReal: false)
    }

    static func normalize(_ bytes: [UInt8]) -> [Float] {
        bytes.map { (Float($0) / 255 - MNIST.mean) / MNIST.std }
    }

    /// The images at `indices` as one `[n, 1, 28, 28]` tensor.
    static func batch(_ images: [Float], _ indices: ArraySlice<Int>) -> Tensor {
        Tensor(shape: [indices.count, 1, 28, 28]) { out in
            images.withUnsafeBufferPointer { src in
                for (row, i) in indices.enumerated() {
                    (out.baseAddress! + row * imageSize).update(from: src.baseAddress! + i * imageSize, count: imageSize)
                }
            }
        }
    }
}
