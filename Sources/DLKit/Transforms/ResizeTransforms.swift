/// Resizes every image to `height` × `width` with bilinear interpolation (torchvision's `Resize((h, w))`):
/// what a folder of photos of different sizes needs before images can be batched.
///
///     let loader = try DataLoader(photos, batchSize: 32, transform: Resize(height: 64, width: 64))
public struct Resize: Transform {
    public var height: Int, width: Int

    public init(height: Int, width: Int) {
        guard height > 0, width > 0 else { fatalError("Resize: size \(height)×\(width) must be positive") }
        self.height = height; self.width = width
    }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        image.resized(height: height, width: width)
    }
}

/// Cuts the central `height` × `width` window (torchvision's `CenterCrop`); a window larger than the image is
/// padded with 0.
///
///     let centre = CenterCrop(size: 20)(digit)
public struct CenterCrop: Transform {
    public var height: Int, width: Int

    public init(size: Int) { self.init(height: size, width: size) }

    public init(height: Int, width: Int) {
        guard height > 0, width > 0 else { fatalError("CenterCrop: size \(height)×\(width) must be positive") }
        self.height = height; self.width = width
    }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        // Rounded as torchvision does: top = round((H − h) / 2).
        let top = Int((Double(image.height - height) / 2).rounded()), left = Int((Double(image.width - width) / 2).rounded())
        return image.cropped(top: top, left: left, height: height, width: width)
    }
}

/// A random rotation by an angle drawn uniformly from `degrees` (torchvision's `RandomRotation`, Keras's
/// `rotation_range`); a shorthand for `RandomAffine(degrees:)`.
///
///     let rotate = RandomRotation(degrees: 15)   // −15°…15°
public struct RandomRotation: Transform {
    public var degrees: ClosedRange<Float>
    public var fill: Float

    public init(degrees: ClosedRange<Float>, fill: Float = 0) { self.degrees = degrees; self.fill = fill }
    public init(degrees: Float, fill: Float = 0) { self.init(degrees: -abs(degrees)...abs(degrees), fill: fill) }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        image.rotated(by: generator.nextFloat(in: degrees.lowerBound, degrees.upperBound), fill: fill)
    }
}

/// Mirrors the image top–bottom with probability `probability` (torchvision's `RandomVerticalFlip`).
///
///     let flip = RandomVerticalFlip(probability: 0.5)
public struct RandomVerticalFlip: Transform {
    public var probability: Float

    public init(probability: Float = 0.5) { self.probability = probability }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        generator.nextFloat() < probability ? image.flippedVertically() : image
    }
}
