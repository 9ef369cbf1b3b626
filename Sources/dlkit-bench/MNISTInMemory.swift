import DLKit
import Foundation

/// MNIST held in memory (as the peers measured: "data already in memory") as bytes, 47 MB instead of 188 MB
/// of floats; each batch is normalized on the way out, which costs microseconds.
/// Real MNIST when the cache already has it (`course data fetch mnist`); otherwise random images of the same
/// shape with random labels, which time the same but learn nothing — the report says which.
struct MNISTInMemory {
    let trainImages: [UInt8]   // [60000, 1, 28, 28]
    let trainLabels: [Int]
    let testImages: [UInt8]
    let testLabels: [Int]
    let source: String
    var isReal: Bool

    static let imageSize = 28 * 28

    static func load() -> MNISTInMemory {
        if DatasetCache().isComplete(.mnist, checksum: false),
           let train = try? MNIST.load(split: .train), let test = try? MNIST.load(split: .test) {
            return MNISTInMemory(trainImages: train.pixels, trainLabels: train.labels,
                                 testImages: test.pixels, testLabels: test.labels,
                                 source: "real MNIST from \(DatasetCache().folder(for: .mnist).path)", isReal: true)
        }
        var rng = RandomGenerator(seed: 7)
        let train = (0..<(60_000 * imageSize)).map { _ in UInt8(rng.nextInt(256)) }
        let test = (0..<(10_000 * imageSize)).map { _ in UInt8(rng.nextInt(256)) }
        return MNISTInMemory(trainImages: train, trainLabels: (0..<60_000).map { _ in rng.nextInt(10) },
                             testImages: test, testLabels: (0..<10_000).map { _ in rng.nextInt(10) },
                             source: "SYNTHETIC random images (MNIST not cached; run `course data fetch mnist`) — "
                                 + "times are valid, accuracies are not", isReal: false)
    }

    /// (byte / 255 − 0.1307) / 0.3081 for every byte value.
    static let normalized: [Float] = (0...255).map { (Float($0) / 255 - MNIST.mean) / MNIST.std }

    /// byte / 255 for every byte value (the MLP's scaling).
    static let scaled: [Float] = (0...255).map { Float($0) / 255 }

    /// The images at `indices` as one `[n, 1, 28, 28]` tensor, normalized or only scaled to [0, 1]; the rows
    /// split over the cores (what PyTorch's indexing and `float()` do with its threads).
    static func batch(_ images: [UInt8], _ indices: ArraySlice<Int>, normalized: Bool = true) -> Tensor {
        let rows = Array(indices), parts = min(WorkerPool.shared.threads + 1, rows.count)
        return Tensor(shape: [rows.count, 1, 28, 28]) { out in
            images.withUnsafeBufferPointer { src in
                (normalized ? Self.normalized : Self.scaled).withUnsafeBufferPointer { table in
                    WorkerPool.shared.run(parts) { part in
                        for row in (rows.count * part / parts)..<(rows.count * (part + 1) / parts) {
                            let from = src.baseAddress! + rows[row] * imageSize, to = out.baseAddress! + row * imageSize
                            for q in 0..<imageSize { to[q] = table[Int(from[q])] }
                        }
                    }
                }
            }
        }
    }
}
