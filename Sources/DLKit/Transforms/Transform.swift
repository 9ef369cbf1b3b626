/// A step applied to each sample image as it is loaded: a fixed conversion (`Normalize`) or a random
/// augmentation (`RandomAffine`, `RandomCrop`, …) that draws from the generator it is given, so the same seed gives
/// the same augmented images. Images reach the transforms as Float pixels in [0, 1] (what torchvision's `ToTensor`
/// does). A `DataLoader` applies a transform to several samples at once on different threads, each with its own
/// generator: a transform must not change shared state.
///
///     let augment = Compose([RandomAffine(degrees: 10, translate: (0.1, 0.1)), Normalize(mean: [0.1307], std: [0.3081])])
///     let out = augment(digit, using: &rng)
public protocol Transform {
    func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage
}

extension Transform {
    /// Applies a transform that draws no random numbers (a convenience for deterministic transforms).
    ///
    ///     let standardized = Normalize(mean: [0.5], std: [0.5])(digit)
    public func callAsFunction(_ image: PixelImage) -> PixelImage {
        var unused = RandomGenerator(seed: 0)
        return self(image, using: &unused)
    }
}

/// Transforms applied one after the other (torchvision's `transforms.Compose`).
///
///     let pipeline = Compose([RandomHorizontalFlip(), RandomCrop(size: 28, padding: 4)])
public struct Compose: Transform {
    public var transforms: [any Transform]

    public init(_ transforms: [any Transform]) { self.transforms = transforms }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        var image = image
        for t in transforms { image = t(image, using: &generator) }
        return image
    }
}

/// A transform from a closure, for one-off steps in a lesson.
///
///     let invert = TransformFunction { img, _ in PixelImage(channels: 1, height: img.height, width: img.width,
///                                                           pixels: img.pixels.map { 1 - $0 }) }
public struct TransformFunction: Transform {
    public let body: (PixelImage, inout RandomGenerator) -> PixelImage

    public init(_ body: @escaping (PixelImage, inout RandomGenerator) -> PixelImage) { self.body = body }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        body(image, &generator)
    }
}

/// (pixel − mean) / std per channel (torchvision's `transforms.Normalize`). For MNIST: mean 0.1307, std 0.3081.
///
///     let normalize = Normalize(mean: [0.1307], std: [0.3081])
public struct Normalize: Transform {
    public var mean: [Float]
    public var std: [Float]

    public init(mean: [Float], std: [Float]) {
        guard !mean.isEmpty, !std.isEmpty, std.allSatisfy({ $0 != 0 }) else {
            fatalError("Normalize: needs at least one mean and one non-zero std, got mean \(mean), std \(std)")
        }
        self.mean = mean
        self.std = std
    }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        image.normalized(mean: mean, std: std)
    }
}
