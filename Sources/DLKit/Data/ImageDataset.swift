/// Labelled images held in memory as bytes (0…255): what `MNIST.load`, `IDX.loadDataset` and `ImageFolder.load`
/// return. 60,000 MNIST digits take 47 MB this way, a quarter of what Float pixels would.
///
///     let train = try MNIST.load(split: .train)
///     print(train.count, train.imageShape, train.label(at: 0))   // 60000 [1, 28, 28] 5
public struct ImageDataset: Dataset, Sendable {
    /// All pixels, sample after sample, each C × H × W.
    public let pixels: [UInt8]
    /// One class index per sample.
    public let labels: [Int]
    public let channels: Int
    public let height: Int
    public let width: Int
    /// The name of each class, indexed by label ("0"…"9" for MNIST, "T-shirt/top"… for Fashion-MNIST).
    public let classNames: [String]

    /// A dataset from raw bytes; throws when the sizes disagree or a label has no class name.
    ///
    ///     let tiny = try ImageDataset(pixels: [0, 255, 255, 0], labels: [0, 1], channels: 1, height: 1, width: 2,
    ///                                 classNames: ["dark-left", "dark-right"])
    public init(pixels: [UInt8], labels: [Int], channels: Int, height: Int, width: Int, classNames: [String]) throws {
        let size = channels * height * width
        guard channels > 0, height > 0, width > 0 else {
            throw DataError.invalidArgument("ImageDataset: image size \(channels)×\(height)×\(width) must be positive")
        }
        guard pixels.count == labels.count * size else {
            throw DataError.invalidArgument("ImageDataset: \(pixels.count) pixel bytes are not \(labels.count) images "
                + "of \(channels)×\(height)×\(width)")
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classNames.count }) {
            throw DataError.invalidArgument("ImageDataset: label \(bad) has no class name (\(classNames.count) classes)")
        }
        self.pixels = pixels
        self.labels = labels
        self.channels = channels
        self.height = height
        self.width = width
        self.classNames = classNames
    }

    public var count: Int { labels.count }

    /// byte / 255 for every byte value (a table: exact division, at the speed of a lookup).
    static let byteToUnit: [Float] = (0...255).map { Float($0) / 255 }
    /// [channels, height, width] of every image.
    public var imageShape: [Int] { [channels, height, width] }
    /// The number of classes.
    public var classCount: Int { classNames.count }

    public func image(at index: Int) -> PixelImage {
        let size = channels * height * width
        var out = [Float](repeating: 0, count: size)
        out.withUnsafeMutableBufferPointer { writePixels(at: index, into: $0) }
        return PixelImage(channels: channels, height: height, width: width, pixels: out)
    }

    public func label(at index: Int) -> Int { labels[index] }

    public func writePixels(at index: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        let size = channels * height * width
        guard index >= 0 && index < count else { fatalError("ImageDataset: index \(index) outside 0..<\(count)") }
        pixels.withUnsafeBufferPointer { src in
            let base = src.baseAddress! + index * size
            ImageDataset.byteToUnit.withUnsafeBufferPointer { table in
                for i in 0..<size { buffer[i] = table[Int(base[i])] }
            }
        }
    }

    /// The bytes (0…255) of sample `index`.
    ///
    ///     let raw = train.bytes(at: 0)   // 784 values
    public func bytes(at index: Int) -> ArraySlice<UInt8> {
        let size = channels * height * width
        return pixels[index * size ..< (index + 1) * size]
    }

    /// The samples at `indices`, in that order, as a new dataset.
    ///
    ///     let small = train.subset(Array(0..<1000))
    public func subset<S: Sequence>(_ indices: S) -> ImageDataset where S.Element == Int {
        let size = channels * height * width
        var newPixels: [UInt8] = []
        var newLabels: [Int] = []
        for i in indices {
            guard i >= 0 && i < count else { fatalError("ImageDataset.subset: index \(i) outside 0..<\(count)") }
            newPixels += pixels[i * size ..< (i + 1) * size]
            newLabels.append(labels[i])
        }
        return try! ImageDataset(pixels: newPixels, labels: newLabels, channels: channels, height: height,
                                 width: width, classNames: classNames)
    }

    /// A random split into a training part and a validation part of `validationCount` samples (PyTorch's
    /// `random_split`); each sample lands in exactly one part, each part keeps the dataset's order.
    ///
    ///     var rng = RandomGenerator(seed: 42)
    ///     let (fit, validation) = try train.randomSplit(validationCount: 10_000, using: &rng)   // 50,000 + 10,000
    public func randomSplit(validationCount: Int, using generator: inout RandomGenerator) throws
        -> (train: ImageDataset, validation: ImageDataset) {
        guard validationCount >= 0 && validationCount <= count else {
            throw DataError.invalidArgument("randomSplit: validationCount \(validationCount) is not within 0…\(count)")
        }
        let chosen = generator.permutation(count).prefix(validationCount)
        var isValidation = [Bool](repeating: false, count: count)
        for i in chosen { isValidation[i] = true }
        return (subset((0..<count).filter { !isValidation[$0] }), subset((0..<count).filter { isValidation[$0] }))
    }

    /// How many samples each class has, indexed by label.
    ///
    ///     train.classCounts   // [5923, 6742, 5958, …]
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classNames.count)
        for l in labels { counts[l] += 1 }
        return counts
    }

    /// Images `range` as one tensor [N, C, H, W] with values in [0, 1].
    ///
    ///     let x = test.images(0..<16)   // shape [16, 1, 28, 28]
    public func images(_ range: Range<Int>) -> Tensor {
        let size = channels * height * width
        return Tensor(shape: [range.count, channels, height, width]) { out in
            for (k, i) in range.enumerated() {
                writePixels(at: i, into: UnsafeMutableBufferPointer(rebasing: out[k * size ..< (k + 1) * size]))
            }
        }
    }
}
