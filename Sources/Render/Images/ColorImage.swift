/// A colour image from three channels (red, green, blue), channels-first like a tensor's `[3, H, W]`
/// slice of NCHW, or channels-last (`[H, W, 3]`) with `channelsFirst: false`.
///
///     let png = try ColorImage(pixels: chw, width: 32, height: 32).png()
///     print(png.width)   // 256 (8× nearest-neighbour upscaling)
public struct ColorImage: Sendable, Equatable {
    public var pixels: [Double]
    public var width: Int
    public var height: Int
    public var channelsFirst: Bool
    /// One normalization for all three channels (so colours keep their balance).
    public var normalization: Normalization

    public init<T: BinaryFloatingPoint>(pixels: [T], width: Int, height: Int, channelsFirst: Bool = true,
                normalization: Normalization = .auto) {
        self.pixels = pixels.map { Double($0) }
        self.width = width
        self.height = height
        self.channelsFirst = channelsFirst
        self.normalization = normalization
    }

    /// The colour of pixel (x, y) after normalization.
    func color(_ x: Int, _ y: Int, lo: Double, hi: Double) -> Color {
        let plane = width * height
        func channel(_ c: Int) -> Double {
            channelsFirst ? pixels[c * plane + y * width + x] : pixels[(y * width + x) * 3 + c]
        }
        let r = channel(0), g = channel(1), b = channel(2)
        if r.isNaN || g.isNaN || b.isNaN { return ImageSupport.nanColor }
        func byte(_ v: Double) -> UInt8 { UInt8((ImageSupport.unit(v, lo: lo, hi: hi) * 255).rounded()) }
        return Color(r: byte(r), g: byte(g), b: byte(b))
    }

    /// The PNG, upscaled by `scale` (nearest neighbour); `nil` makes the longer side about 256 pixels.
    public func png(scale: Int? = nil) throws -> PNGImage {
        try ImageSupport.checkShape(pixels.count, width: width, height: height, channels: 3, in: "ColorImage")
        try normalization.validate(in: "ColorImage")
        let s = scale ?? ImageSupport.autoScale(width: width, height: height)
        try ImageSupport.checkScale(s, in: "ColorImage")
        let (lo, hi) = normalization.bounds(of: pixels)
        return try ImageSupport.raster(width: width, height: height, scale: s, what: "ColorImage") { x, y in
            color(x, y, lo: lo, hi: hi)
        }.png().described(summary)
    }
}
