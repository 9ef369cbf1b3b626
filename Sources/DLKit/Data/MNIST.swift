import Foundation

/// The MNIST handwritten digits: 60,000 training and 10,000 test images of 28 × 28 grey pixels, labels 0…9.
/// The first use fetches and verifies the files (see `DatasetFetcher`); later uses read the cache.
///
///     let train = try MNIST.load(split: .train)   // 60000 images
///     let loader = try DataLoader(train, batchSize: 64, shuffle: true, generator: RandomGenerator(seed: 42))
public enum MNIST {
    /// The files, checksums and sources.
    public static let descriptor = DatasetDescriptor.mnist

    /// File name → MD5 of the four raw IDX files (for cache keys: results computed from MNIST depend on these).
    ///
    ///     let key = MNIST.checksums.sorted { $0.key < $1.key }.map(\.value).joined()
    public static var checksums: [String: String] { descriptor.checksums }

    /// The mean and standard deviation of the training pixels (in [0, 1]), as used by `Normalize`.
    public static let mean: Float = 0.1307
    public static let std: Float = 0.3081

    /// One split, fetched on first use. Progress of a fetch goes to `progress` (default: standard error).
    ///
    ///     let test = try MNIST.load(split: .test)
    public static func load(split: Split, cache: DatasetCache = DatasetCache(),
                            progress: @escaping (String) -> Void = DatasetDescriptor.standardError) throws -> ImageDataset {
        try descriptor.load(split: split, cache: cache, progress: progress)
    }
}

/// Zalando's Fashion-MNIST: 28 × 28 grey images of ten kinds of clothing, the same sizes as MNIST and harder.
///
///     let train = try FashionMNIST.load(split: .train)
///     print(train.classNames[train.label(at: 0)])   // "Ankle boot"
public enum FashionMNIST {
    public static let descriptor = DatasetDescriptor.fashionMNIST

    /// File name → MD5 of the four raw IDX files.
    public static var checksums: [String: String] { descriptor.checksums }

    /// One split, fetched on first use (from Debian's `dataset-fashion-mnist`).
    ///
    ///     let test = try FashionMNIST.load(split: .test)
    public static func load(split: Split, cache: DatasetCache = DatasetCache(),
                            progress: @escaping (String) -> Void = DatasetDescriptor.standardError) throws -> ImageDataset {
        try descriptor.load(split: split, cache: cache, progress: progress)
    }
}

extension DatasetDescriptor {
    /// File name → MD5.
    public var checksums: [String: String] { Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.md5) }) }

    /// Writes a progress line to standard error (so that it does not mix with a lesson's printed results).
    public static let standardError: (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// One split from the cache, fetching the dataset first when a file is missing. A file that is present but
    /// damaged (wrong size or MD5) is refused, not silently replaced: the error names it, its MD5 and the
    /// published one, and the command that replaces it (`course data fetch mnist`). Files verified before and
    /// unchanged since are not hashed again (see `DatasetCache.status`).
    ///
    ///     let test = try DatasetDescriptor.mnist.load(split: .test)
    public func load(split: Split, cache: DatasetCache = DatasetCache(),
                     progress: @escaping (String) -> Void = DatasetDescriptor.standardError) throws -> ImageDataset {
        let (images, labels) = files(for: split)
        if [images, labels].contains(where: { cache.status(of: $0, in: self, checksum: false) == .missing }) {
            progress("\(title) is not in \(cache.root.path) yet: fetching it once")
            try DatasetFetcher(cache: cache, progress: progress).fetch(self)
        }
        try cache.verify(images, of: self)
        try cache.verify(labels, of: self)
        let folder = cache.folder(for: self)
        return try IDX.loadDataset(images: folder.appendingPathComponent(images.name),
                                   labels: folder.appendingPathComponent(labels.name), classNames: classNames)
    }
}
