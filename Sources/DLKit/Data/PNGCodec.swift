import CGD
import Foundation

/// PNG decoding and encoding of byte images with libgd.
///
///     let png = try PNGCodec.encode(bytes: digit, channels: 1, height: 28, width: 28)
///     let (bytes, shape) = try PNGCodec.decode(png, channels: 1, name: "digit.png")
public enum PNGCodec {
    /// Decodes PNG data to bytes in C × H × W order. `channels` 1 gives grey levels (ITU-R 601 luma,
    /// L = (299 R + 587 G + 114 B) / 1000, as PIL's `convert("L")`), 3 gives R, G, B planes.
    ///
    ///     let (bytes, shape) = try PNGCodec.decode(Data(contentsOf: url), channels: 1, name: url.path)
    public static func decode(_ data: Data, channels: Int = 1, name: String) throws -> (bytes: [UInt8], shape: [Int]) {
        guard channels == 1 || channels == 3 else {
            throw DataError.invalidArgument("PNGCodec: channels must be 1 (grey) or 3 (RGB), got \(channels)")
        }
        guard data.count >= 8, data.prefix(8).elementsEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) else {
            throw DataError.undecodableImage(file: name)
        }
        var copy = data
        let image = copy.withUnsafeMutableBytes { raw in gdImageCreateFromPngPtr(Int32(raw.count), raw.baseAddress) }
        guard let image else { throw DataError.undecodableImage(file: name) }
        defer { gdImageDestroy(image) }
        let width = Int(image.pointee.sx), height = Int(image.pointee.sy)
        var out = [UInt8](repeating: 0, count: channels * height * width)
        let plane = height * width
        for y in 0..<height {
            for x in 0..<width {
                let c = UInt32(bitPattern: gdImageGetTrueColorPixel(image, Int32(x), Int32(y)))
                let r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff
                let i = y * width + x
                if channels == 1 {
                    out[i] = UInt8((r * 299 + g * 587 + b * 114) / 1000)
                } else {
                    out[i] = UInt8(r); out[plane + i] = UInt8(g); out[2 * plane + i] = UInt8(b)
                }
            }
        }
        return (out, [channels, height, width])
    }

    /// Encodes bytes in C × H × W order (1 channel: grey, 3: RGB) as PNG. Deterministic: the same bytes give the
    /// same file.
    ///
    ///     let png = try PNGCodec.encode(bytes: train.bytes(at: 0), channels: 1, height: 28, width: 28)
    public static func encode<C: Collection>(bytes: C, channels: Int, height: Int, width: Int) throws -> Data
    where C.Element == UInt8 {
        guard channels == 1 || channels == 3, height > 0, width > 0, bytes.count == channels * height * width else {
            throw DataError.invalidArgument("PNGCodec.encode: \(bytes.count) bytes are not a \(channels)×\(height)×\(width) "
                + "grey (1) or RGB (3) image")
        }
        let values = Array(bytes)
        let plane = height * width
        let image: gdImagePtr?
        if channels == 1 {
            // A 256-entry grey palette: palette index = grey level, so the PNG is 8-bit and small.
            image = gdImageCreate(Int32(width), Int32(height))
            if let image { for v in 0..<256 { _ = gdImageColorAllocate(image, Int32(v), Int32(v), Int32(v)) } }
        } else {
            image = gdImageCreateTrueColor(Int32(width), Int32(height))
        }
        guard let image else { throw DataError.invalidArgument("PNGCodec.encode: libgd could not allocate \(width)×\(height)") }
        defer { gdImageDestroy(image) }
        for y in 0..<height {
            for x in 0..<width {
                let i = y * width + x
                let color = channels == 1
                    ? Int32(values[i])
                    : Int32(values[i]) << 16 | Int32(values[plane + i]) << 8 | Int32(values[2 * plane + i])
                gdImageSetPixel(image, Int32(x), Int32(y), color)
            }
        }
        var size: Int32 = 0
        guard let pointer = gdImagePngPtr(image, &size) else {
            throw DataError.invalidArgument("PNGCodec.encode: libgd could not write the PNG")
        }
        defer { gdFree(pointer) }
        return Data(bytes: pointer, count: Int(size))
    }
}
