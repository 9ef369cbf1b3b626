/// One image as Float pixels in channel-major order (C × H × W), the unit that transforms work on.
/// Values are in [0, 1] after decoding (byte / 255); `Normalize` moves them to zero mean.
///
///     let img = PixelImage(channels: 1, height: 2, width: 2, pixels: [0, 1, 0.5, 0.25])
///     img[0, 1, 0]   // 0.5  (channel 0, row 1, column 0)
public struct PixelImage: Equatable, Sendable {
    public var channels: Int
    public var height: Int
    public var width: Int
    /// `channels * height * width` values, row-major within each channel.
    public var pixels: [Float]

    /// An image from its pixels; traps with a message when the count does not match the size.
    ///
    ///     let black = PixelImage(channels: 1, height: 28, width: 28, pixels: Array(repeating: 0, count: 784))
    public init(channels: Int, height: Int, width: Int, pixels: [Float]) {
        guard channels > 0, height > 0, width > 0, pixels.count == channels * height * width else {
            fatalError("PixelImage: \(pixels.count) pixels do not fill \(channels)×\(height)×\(width)")
        }
        self.channels = channels
        self.height = height
        self.width = width
        self.pixels = pixels
    }

    /// An image filled with one value.
    ///
    ///     let blank = PixelImage(channels: 1, height: 28, width: 28, value: 0)
    public init(channels: Int, height: Int, width: Int, value: Float) {
        self.init(channels: channels, height: height, width: width,
                  pixels: Array(repeating: value, count: channels * height * width))
    }

    /// An image from a tensor of shape [C, H, W] or [H, W] (one channel) or [1, C, H, W].
    ///
    ///     let img = try PixelImage(batch.images[0])   // one image of a batch
    public init(_ tensor: Tensor) throws {
        var shape = tensor.shape
        if shape.count == 4 && shape[0] == 1 { shape.removeFirst() }
        if shape.count == 2 { shape.insert(1, at: 0) }
        guard shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw DataError.invalidArgument("PixelImage: a tensor of shape \(tensor.shape) is not an image "
                + "([C, H, W], [H, W] or [1, C, H, W])")
        }
        self.init(channels: shape[0], height: shape[1], width: shape[2], pixels: tensor.scalars)
    }

    /// The image as a tensor of shape [C, H, W].
    ///
    ///     let t = img.tensor          // shape [1, 28, 28]
    public var tensor: Tensor { Tensor(shape: [channels, height, width], scalars: pixels) }

    /// The pixel at channel `c`, row `y`, column `x`.
    ///
    ///     img[0, 14, 14] = 1
    public subscript(c: Int, y: Int, x: Int) -> Float {
        get { pixels[(c * height + y) * width + x] }
        set { pixels[(c * height + y) * width + x] = newValue }
    }

    /// The shape as [C, H, W].
    public var shape: [Int] { [channels, height, width] }
}

extension PixelImage {
    /// Images of one size stacked into a tensor [N, C, H, W] (to feed a model or draw a grid of them).
    ///
    ///     let x = try PixelImage.batch((0..<8).map { train.image(at: $0) })   // [8, 1, 28, 28]
    public static func batch(_ images: [PixelImage]) throws -> Tensor {
        guard let first = images.first else { throw DataError.invalidArgument("PixelImage.batch: no images") }
        if let odd = images.firstIndex(where: { $0.shape != first.shape }) {
            throw DataError.invalidArgument("PixelImage.batch: image \(odd) is \(images[odd].shape) but image 0 is "
                + "\(first.shape) — resize or crop them to one size first")
        }
        return Tensor(shape: [images.count] + first.shape, scalars: images.flatMap(\.pixels))
    }
}

extension Transform {
    /// `count` independent draws of this transform on one image: the "cloud of images around each original,
    /// with the same label" that augmentation adds to a dataset.
    ///
    ///     let cloud = RandomAffine(degrees: 15, translate: (0.1, 0.1)).variations(of: digit, count: 8, using: &rng)
    public func variations(of image: PixelImage, count: Int, using generator: inout RandomGenerator) -> [PixelImage] {
        (0..<max(count, 0)).map { _ in self(image, using: &generator) }
    }
}
