/// A picture reduced to at most `maxColors` colours (sixel terminals draw from a palette, commonly 256 entries),
/// by Heckbert's median cut:
///
/// 1. Count the distinct colours (a chart has a few thousand: its ink, and the anti-aliased edges between).
/// 2. Put them all in one box. Repeatedly take the box whose colours spread the most along one channel
///    (red, green or blue) and cut it in two at the median pixel along that channel.
/// 3. Stop at `maxColors` boxes (or when no box holds more than one colour); each box's colour is the
///    pixel-weighted mean of its colours, and every pixel takes its box's palette index.
///
/// A picture with at most `maxColors` distinct colours keeps them exactly.
///
///     let indexed = IndexedPixels(quantizing: pixels, maxColors: 256)
///     indexed.palette.count   // ≤ 256
///     indexed.indices.count   // pixels.width * pixels.height
public struct IndexedPixels: Equatable, Sendable {
    public var width: Int
    public var height: Int
    /// Palette entries as (red, green, blue).
    public var palette: [[UInt8]]
    /// One palette index per pixel, row by row.
    public var indices: [Int]

    public init(width: Int, height: Int, palette: [[UInt8]], indices: [Int]) {
        self.width = width
        self.height = height
        self.palette = palette
        self.indices = indices
    }

    public init(quantizing pixels: RGBPixels, maxColors: Int = 256) {
        width = pixels.width
        height = pixels.height
        guard !pixels.bytes.isEmpty else { palette = []; indices = []; return }
        // 1. Distinct colours and how many pixels have each.
        var counts: [UInt32: Int] = [:]
        for i in stride(from: 0, to: pixels.bytes.count, by: 3) {
            counts[Self.key(pixels.bytes[i], pixels.bytes[i + 1], pixels.bytes[i + 2]), default: 0] += 1
        }
        let colors = counts.keys.sorted().map { ColorCount(key: $0, pixels: counts[$0]!) }
        // 2. Cut the widest box until there are enough.
        var boxes = [colors[...]]
        var spreads = [Self.widestChannel(boxes[0])]
        while boxes.count < max(1, maxColors) {
            guard let pick = spreads.indices.max(by: { spreads[$0].spread < spreads[$1].spread }),
                  spreads[pick].spread > 0 else { break }
            let (low, high) = Self.cutAtMedian(boxes[pick], channel: spreads[pick].channel)
            boxes[pick] = low
            spreads[pick] = Self.widestChannel(low)
            boxes.append(high)
            spreads.append(Self.widestChannel(high))
        }
        // 3. One palette entry per box; each colour maps to its box.
        var paletteIndex: [UInt32: Int] = [:]
        palette = boxes.enumerated().map { index, box in
            let total = box.reduce(0) { $0 + $1.pixels }
            for color in box { paletteIndex[color.key] = index }
            return (0..<3).map { channel in
                UInt8((box.reduce(0) { $0 + Int($1.channel(channel)) * $1.pixels } + total / 2) / total)
            }
        }
        indices = stride(from: 0, to: pixels.bytes.count, by: 3).map {
            paletteIndex[Self.key(pixels.bytes[$0], pixels.bytes[$0 + 1], pixels.bytes[$0 + 2])]!
        }
    }

    /// The picture with each pixel replaced by its palette colour.
    public var rgb: RGBPixels {
        RGBPixels(width: width, height: height, bytes: indices.flatMap { palette[$0] })
    }

    private struct ColorCount {
        var key: UInt32
        var pixels: Int
        func channel(_ c: Int) -> UInt8 { UInt8((key >> UInt32(16 - 8 * c)) & 0xFF) }
    }

    private static func key(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt32 {
        UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)
    }

    /// The channel along which a box's colours range the most, and that range.
    private static func widestChannel(_ box: ArraySlice<ColorCount>) -> (channel: Int, spread: Int) {
        (0..<3).map { c -> (channel: Int, spread: Int) in
            let values = box.map { Int($0.channel(c)) }
            return (c, (values.max() ?? 0) - (values.min() ?? 0))
        }.max { $0.spread < $1.spread }!
    }

    /// Splits a box (at least two colours) where half of its pixels lie on either side along `channel`.
    private static func cutAtMedian(_ box: ArraySlice<ColorCount>, channel: Int)
        -> (ArraySlice<ColorCount>, ArraySlice<ColorCount>) {
        let sorted = box.sorted { ($0.channel(channel), $0.key) < ($1.channel(channel), $1.key) }
        let half = sorted.reduce(0) { $0 + $1.pixels } / 2
        var seen = 0, cut = 1
        for (i, color) in sorted.enumerated() {
            seen += color.pixels
            if seen >= half { cut = i + 1; break }
        }
        cut = min(max(cut, 1), sorted.count - 1)
        return (ArraySlice(sorted[..<cut]), ArraySlice(sorted[cut...]))
    }
}
