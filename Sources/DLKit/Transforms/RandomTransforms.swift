import Foundation

/// Mirrors the image left–right with probability `probability` (torchvision's `RandomHorizontalFlip`).
/// Fine for photos; for digits a flip changes the meaning (a mirrored 2 is not a 2) — a point a lesson can make.
///
///     let flip = RandomHorizontalFlip(probability: 0.5)
public struct RandomHorizontalFlip: Transform {
    public var probability: Float

    public init(probability: Float = 0.5) { self.probability = probability }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        generator.nextFloat() < probability ? image.flippedHorizontally() : image
    }
}

/// Pads by `padding` pixels of `fill`, then cuts a random `height` × `width` window (torchvision's `RandomCrop`):
/// the classic "shift by up to `padding` pixels" augmentation.
///
///     let crop = RandomCrop(size: 28, padding: 2)
public struct RandomCrop: Transform {
    public var height: Int, width: Int, padding: Int, fill: Float

    public init(size: Int, padding: Int = 0, fill: Float = 0) {
        self.init(height: size, width: size, padding: padding, fill: fill)
    }

    public init(height: Int, width: Int, padding: Int = 0, fill: Float = 0) {
        guard height > 0, width > 0, padding >= 0 else {
            fatalError("RandomCrop: size \(height)×\(width) must be positive and padding \(padding) not negative")
        }
        self.height = height; self.width = width; self.padding = padding; self.fill = fill
    }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        let paddedHeight = image.height + 2 * padding, paddedWidth = image.width + 2 * padding
        guard height <= paddedHeight, width <= paddedWidth else {
            fatalError("RandomCrop: a \(height)×\(width) crop does not fit a \(image.height)×\(image.width) image "
                + "padded by \(padding)")
        }
        let top = generator.nextInt(paddedHeight - height + 1) - padding
        let left = generator.nextInt(paddedWidth - width + 1) - padding
        return image.cropped(top: top, left: left, height: height, width: width, fill: fill)
    }
}

/// Cuts a random window covering a random fraction `scale` of the area with aspect ratio in `ratio`, and resizes it
/// to `height` × `width` (torchvision's `RandomResizedCrop`, the slides' `RandomSizedCrop`). Ten tries to find a
/// window that fits, then the centre crop.
///
///     let crop = RandomResizedCrop(size: 28, scale: 0.6...1)
public struct RandomResizedCrop: Transform {
    public var height: Int, width: Int
    public var scale: ClosedRange<Float>, ratio: ClosedRange<Float>

    public init(size: Int, scale: ClosedRange<Float> = 0.08...1, ratio: ClosedRange<Float> = (3.0 / 4)...(4.0 / 3)) {
        self.init(height: size, width: size, scale: scale, ratio: ratio)
    }

    public init(height: Int, width: Int, scale: ClosedRange<Float> = 0.08...1,
                ratio: ClosedRange<Float> = (3.0 / 4)...(4.0 / 3)) {
        guard height > 0, width > 0, scale.lowerBound > 0, ratio.lowerBound > 0 else {
            fatalError("RandomResizedCrop: size \(height)×\(width), scale \(scale) and ratio \(ratio) must be positive")
        }
        self.height = height; self.width = width; self.scale = scale; self.ratio = ratio
    }

    /// The window (top, left, height, width) chosen for an image of the given size.
    public func window(imageHeight: Int, imageWidth: Int,
                       using generator: inout RandomGenerator) -> (top: Int, left: Int, height: Int, width: Int) {
        let area = Float(imageHeight * imageWidth)
        let logRatio = log(ratio.lowerBound)...log(ratio.upperBound)
        for _ in 0..<10 {
            let target = area * generator.nextFloat(in: scale.lowerBound, scale.upperBound)
            let aspect = exp(generator.nextFloat(in: logRatio.lowerBound, logRatio.upperBound))
            let w = Int((target * aspect).squareRoot().rounded()), h = Int((target / aspect).squareRoot().rounded())
            if w > 0 && h > 0 && w <= imageWidth && h <= imageHeight {
                let top = generator.nextInt(imageHeight - h + 1), left = generator.nextInt(imageWidth - w + 1)
                return (top, left, h, w)
            }
        }
        // Fallback: the largest centred window whose ratio is within bounds.
        let inRatio = Float(imageWidth) / Float(imageHeight)
        var w = imageWidth, h = imageHeight
        if inRatio < ratio.lowerBound { h = Int((Float(w) / ratio.lowerBound).rounded()) }
        else if inRatio > ratio.upperBound { w = Int((Float(h) * ratio.upperBound).rounded()) }
        return ((imageHeight - h) / 2, (imageWidth - w) / 2, h, w)
    }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        let box = window(imageHeight: image.height, imageWidth: image.width, using: &generator)
        return image.cropped(top: box.top, left: box.left, height: box.height, width: box.width)
            .resized(height: height, width: width)
    }
}

/// A random rotation, shift, zoom and shear in one bilinear resampling (torchvision's `RandomAffine`; Keras's
/// `ImageDataGenerator(rotation_range, width_shift_range, height_shift_range, zoom_range, shear_range)`).
///
/// - degrees: rotation range (counter-clockwise positive); `degrees: 15` means −15…15.
/// - translate: maximum shift as a fraction of width and height; (0.1, 0.1) shifts up to ±2.8 pixels on MNIST.
/// - scale: zoom range (1 = unchanged, > 1 magnifies).
/// - shear: horizontal shear range in degrees.
///
///     let augment = RandomAffine(degrees: 10, translate: (0.1, 0.1), scale: 0.9...1.1, shear: -10...10)
public struct RandomAffine: Transform {
    public var degrees: ClosedRange<Float>
    public var translate: (x: Float, y: Float)
    public var scale: ClosedRange<Float>
    public var shear: ClosedRange<Float>
    public var fill: Float

    public init(degrees: ClosedRange<Float>, translate: (x: Float, y: Float) = (0, 0),
                scale: ClosedRange<Float> = 1...1, shear: ClosedRange<Float> = 0...0, fill: Float = 0) {
        guard translate.x >= 0, translate.x <= 1, translate.y >= 0, translate.y <= 1, scale.lowerBound > 0 else {
            fatalError("RandomAffine: translate fractions must be in 0…1 (got \(translate)) and scale positive (got \(scale))")
        }
        self.degrees = degrees; self.translate = translate; self.scale = scale; self.shear = shear; self.fill = fill
    }

    /// Rotation by up to ±`degrees`.
    public init(degrees: Float, translate: (x: Float, y: Float) = (0, 0),
                scale: ClosedRange<Float> = 1...1, shear: ClosedRange<Float> = 0...0, fill: Float = 0) {
        self.init(degrees: -abs(degrees)...abs(degrees), translate: translate, scale: scale, shear: shear, fill: fill)
    }

    /// The map drawn for an image of the given size (the parameters drawn in a fixed order: angle, shift x, shift y,
    /// zoom, shear).
    public func matrix(imageHeight: Int, imageWidth: Int, using generator: inout RandomGenerator) -> AffineMatrix {
        func draw(_ r: ClosedRange<Float>) -> Double {
            r.lowerBound == r.upperBound ? Double(r.lowerBound) : Double(generator.nextFloat(in: r.lowerBound, r.upperBound))
        }
        let angle = draw(degrees)
        let maxDx = translate.x * Float(imageWidth), maxDy = translate.y * Float(imageHeight)
        let dx = (draw(-maxDx...maxDx)).rounded(), dy = (draw(-maxDy...maxDy)).rounded()
        let zoom = draw(scale)
        let shearAngle = draw(shear)
        return AffineMatrix.shear(xDegrees: shearAngle)
            .then(.scale(x: zoom, y: zoom))
            .then(.rotation(degrees: angle))
            .then(.translation(dx: dx, dy: dy))
    }

    public func callAsFunction(_ image: PixelImage, using generator: inout RandomGenerator) -> PixelImage {
        image.transformed(by: matrix(imageHeight: image.height, imageWidth: image.width, using: &generator), fill: fill)
    }
}
