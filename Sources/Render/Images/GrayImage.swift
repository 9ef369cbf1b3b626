/// A grayscale image from one value per pixel (row-major), e.g. an MNIST digit or one channel of a tensor.
///
///     let png = try GrayImage(pixels: digit, width: 28, height: 28).png()   // 252×252, each pixel a 9×9 block
///     let tiny = try GrayImage(pixels: [0, 1, 1, 0], width: 2, height: 2).png(scale: 1)
public struct GrayImage: Sendable, Equatable {
    public var pixels: [Double]
    public var width: Int
    public var height: Int
    public var normalization: Normalization
    /// Draw large values dark on white (ink on paper) instead of light on black.
    public var inverted: Bool

    public init<T: BinaryFloatingPoint>(pixels: [T], width: Int, height: Int, normalization: Normalization = .auto, inverted: Bool = false) {
        self.pixels = pixels.map { Double($0) }
        self.width = width
        self.height = height
        self.normalization = normalization
        self.inverted = inverted
    }

    /// Bytes 0…255 (an IDX or PNG file's pixels).
    public init(bytes: [UInt8], width: Int, height: Int, inverted: Bool = false) {
        self.init(pixels: bytes.map { Double($0) }, width: width, height: height,
                  normalization: .range(0, 255), inverted: inverted)
    }

    /// The PNG, each pixel drawn as a `scale`×`scale` block (nearest neighbour, so pixels stay crisp);
    /// `nil` picks a scale that makes the longer side about 256 pixels.
    public func png(scale: Int? = nil) throws -> PNGImage {
        try ImageSupport.checkShape(pixels.count, width: width, height: height, in: "GrayImage")
        try normalization.validate(in: "GrayImage")
        let s = scale ?? ImageSupport.autoScale(width: width, height: height)
        try ImageSupport.checkScale(s, in: "GrayImage")
        let (lo, hi) = normalization.bounds(of: pixels)
        let canvas = try ImageSupport.raster(width: width, height: height, scale: s, what: "GrayImage") { x, y in
            let c = ImageSupport.gray(pixels[y * width + x], lo: lo, hi: hi)
            return inverted && c != ImageSupport.nanColor ? Color(r: 255 - c.r, g: 255 - c.g, b: 255 - c.b) : c
        }
        return try canvas.png().described(summary)
    }
}
