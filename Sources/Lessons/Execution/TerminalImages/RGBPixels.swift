import Render

/// A picture as 8-bit RGB triples, row by row: what the sixel encoder works on.
///
///     let pixels = try RGBPixels(png: PNGImage(pngData: bytes))
///     let small = pixels.resized(width: 640, height: 400)
public struct RGBPixels: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// `width * height * 3` bytes: red, green, blue of each pixel.
    public var bytes: [UInt8]

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height * 3, "RGBPixels: \(bytes.count) bytes for \(width)×\(height)")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// Decodes a PNG (libgd, through Render).
    public init(png: PNGImage) throws {
        self.init(width: png.width, height: png.height, bytes: try png.rgbPixels())
    }

    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let i = (y * width + x) * 3
        return (bytes[i], bytes[i + 1], bytes[i + 2])
    }

    /// The picture at another size. Shrinking averages the source pixels each new pixel covers (a box filter, so
    /// thin chart lines fade rather than vanish); enlarging repeats pixels (a digit keeps its hard pixel edges).
    public func resized(width newWidth: Int, height newHeight: Int) -> RGBPixels {
        guard newWidth != width || newHeight != height else { return self }
        var out = [UInt8](repeating: 0, count: newWidth * newHeight * 3)
        for y in 0..<newHeight {
            let y0 = y * height / newHeight, y1 = max(y0 + 1, (y + 1) * height / newHeight)
            for x in 0..<newWidth {
                let x0 = x * width / newWidth, x1 = max(x0 + 1, (x + 1) * width / newWidth)
                var sum = (0, 0, 0)
                for sy in y0..<y1 {
                    for sx in x0..<x1 {
                        let i = (sy * width + sx) * 3
                        sum.0 += Int(bytes[i]); sum.1 += Int(bytes[i + 1]); sum.2 += Int(bytes[i + 2])
                    }
                }
                let n = (y1 - y0) * (x1 - x0), o = (y * newWidth + x) * 3
                out[o] = UInt8((sum.0 + n / 2) / n)
                out[o + 1] = UInt8((sum.1 + n / 2) / n)
                out[o + 2] = UInt8((sum.2 + n / 2) / n)
            }
        }
        return RGBPixels(width: newWidth, height: newHeight, bytes: out)
    }
}
