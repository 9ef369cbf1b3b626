import CGD

/// A rendered picture: PNG bytes plus their pixel size. Every chart and image function returns one.
///
///     let png = try GrayImage(pixels: [0, 1, 1, 0], width: 2, height: 2).png(scale: 8)
///     print(png.width, png.height)   // 16 16
public struct PNGImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The encoded PNG file.
    public let data: [UInt8]
    /// What the picture shows, in words, for a reader who cannot see it (the page's alt text): every chart and
    /// image of Render says its kind, title, axes and series, or its size and captions. Nil for bytes from elsewhere.
    public var summary: String?

    /// Wraps PNG bytes whose size is already known (no decoding).
    public init(width: Int, height: Int, data: [UInt8], summary: String? = nil) {
        self.width = width
        self.height = height
        self.data = data
        self.summary = summary
    }

    /// The same picture with `summary` as its description.
    ///
    ///     let png = try chart.render().described("loss falls from 2.3 to 0.1 in five epochs")
    public func described(_ summary: String) -> PNGImage {
        var copy = self
        copy.summary = summary
        return copy
    }

    /// Decodes PNG bytes with libgd to learn (and check) the picture's size.
    ///
    ///     let png = try PNGImage(pngData: Array(fileBytes))
    ///     print(png.width)
    public init(pngData: [UInt8]) throws {
        let image = try PNGImage.decode(pngData)
        defer { gdImageDestroy(image) }
        self.width = Int(image.pointee.sx)
        self.height = Int(image.pointee.sy)
        self.data = pngData
    }

    /// The colour at pixel (x, y), 0-based from the top-left, each channel 0…255. Meant for tests.
    ///
    ///     let (r, g, b) = try png.pixel(x: 0, y: 0)
    ///     print(r, g, b)   // 255 255 255 on a white background
    public func pixel(x: Int, y: Int) throws -> (r: Int, g: Int, b: Int) {
        guard x >= 0, y >= 0, x < width, y < height else {
            throw PictureError.pixelOutOfBounds(x: x, y: y, width: width, height: height)
        }
        let image = try PNGImage.decode(data)
        defer { gdImageDestroy(image) }
        let c = gdImageGetTrueColorPixel(image, Int32(x), Int32(y))
        return (Int((c >> 16) & 0xFF), Int((c >> 8) & 0xFF), Int(c & 0xFF))
    }

    /// All pixels as RGB triples, row by row (`width * height * 3` bytes). Meant for tests.
    ///
    ///     let rgb = try png.rgbPixels()
    ///     print(rgb.count == png.width * png.height * 3)   // true
    public func rgbPixels() throws -> [UInt8] {
        let image = try PNGImage.decode(data)
        defer { gdImageDestroy(image) }
        let w = Int(image.pointee.sx), h = Int(image.pointee.sy)
        var out = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                let c = gdImageGetTrueColorPixel(image, Int32(x), Int32(y))
                let i = (y * w + x) * 3
                out[i] = UInt8((c >> 16) & 0xFF)
                out[i + 1] = UInt8((c >> 8) & 0xFF)
                out[i + 2] = UInt8(c & 0xFF)
            }
        }
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> gdImagePtr {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count > signature.count, Array(bytes.prefix(8)) == signature else {
            throw PictureError.notAPNG(byteCount: bytes.count)
        }
        try checkChunks(bytes)
        var copy = bytes
        let image = copy.withUnsafeMutableBytes { raw in
            gdImageCreateFromPngPtr(Int32(raw.count), raw.baseAddress)
        }
        guard let image else { throw PictureError.notAPNG(byteCount: bytes.count) }
        return image
    }

    /// Walks the chunk list (length, type, data, CRC) so damaged files get a precise message before libgd
    /// sees them: a PNG must start with IHDR, end with IEND, and every chunk must fit in the bytes.
    static func checkChunks(_ bytes: [UInt8]) throws {
        var offset = 8
        var first = true
        while offset < bytes.count {
            guard offset + 8 <= bytes.count else {
                throw PictureError.corruptPNG("it ends in the middle of a chunk header (byte \(offset) of \(bytes.count))")
            }
            let length = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
            if first, type != "IHDR" {
                throw PictureError.corruptPNG("the first chunk is \(type), not IHDR")
            }
            first = false
            guard offset + 12 + length <= bytes.count else {
                throw PictureError.corruptPNG("chunk \(type) needs \(length) bytes but the data ends first (truncated?)")
            }
            if type == "IEND" { return }
            offset += 12 + length
        }
        throw PictureError.corruptPNG("there is no IEND chunk (truncated?)")
    }
}
