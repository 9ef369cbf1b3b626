/// How pixel values become brightness (or a colour-map position): which value is black and which is white.
///
///     let png = try GrayImage(pixels: digit, width: 28, height: 28, normalization: .range(0, 255)).png()
///     let same = try GrayImage(pixels: digit, width: 28, height: 28).png()   // .auto finds 0…255 too
public enum Normalization: Sendable, Equatable {
    /// 0…1 when every value lies in it, else 0…255 when every value lies in that, else min…max.
    case auto
    /// The smallest value is black, the largest white.
    case minMax
    /// `lo` is black, `hi` white; values outside are clamped.
    case range(Double, Double)
    /// −m…m with m the largest |value|, so zero sits in the middle (for diverging colour maps).
    case symmetric

    /// The value range this normalization maps to 0…1, for these values.
    public func bounds<C: Collection>(of values: C) -> (lo: Double, hi: Double) where C.Element == Double {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite { lo = min(lo, v); hi = max(hi, v) }
        if lo > hi { return (0, 1) }   // nothing finite
        switch self {
        case .range(let a, let b):
            return (a, b)
        case .symmetric:
            let m = max(abs(lo), abs(hi))
            return m == 0 ? (-1, 1) : (-m, m)
        case .minMax:
            return lo == hi ? Normalization.around(lo) : (lo, hi)
        case .auto:
            if lo >= 0, hi <= 1 { return (0, 1) }
            if lo >= 0, hi <= 255 { return (0, 255) }
            return lo == hi ? Normalization.around(lo) : (lo, hi)
        }
    }

    /// A range around a constant value, so it maps to the middle: ±0.5, or ± half the value when ±0.5 would be
    /// lost in rounding (1e30 ± 0.5 == 1e30).
    static func around(_ v: Double) -> (lo: Double, hi: Double) {
        let d = Swift.max(0.5, abs(v) * 0.5)
        return (v - d, v + d)
    }

    func validate(in what: String) throws {
        if case .range(let a, let b) = self, !(a < b) || !a.isFinite || !b.isFinite {
            throw PictureError.invalidArgument("\(what): normalization range \(a)…\(b) must be finite with lo < hi")
        }
    }
}

/// Common checks and helpers for the image types.
enum ImageSupport {
    /// The default upscaling: the longer side becomes about 256 pixels (128 CSS pixels on a high-DPI screen),
    /// so a 28×28 digit is drawn 9× and a 4×4 matrix 64×.
    static func autoScale(width: Int, height: Int, target: Int = 256) -> Int {
        max(1, min(64, target / max(1, max(width, height))))
    }

    static func checkScale(_ scale: Int, in what: String) throws {
        guard (1...64).contains(scale) else {
            throw PictureError.invalidArgument("\(what): scale must be in 1…64 (got \(scale))")
        }
    }

    static func checkShape(_ count: Int, width: Int, height: Int, channels: Int = 1, in what: String) throws {
        guard width >= 1, height >= 1 else { throw PictureError.invalidSize(what: what, width: width, height: height) }
        guard count == width * height * channels else {
            throw PictureError.badShape(what: "\(what) \(channels > 1 ? "\(channels)×" : "")\(height)×\(width)",
                                        expected: width * height * channels, got: count)
        }
    }

    /// The colour NaN pixels get: a magenta no real image contains, so the problem is visible.
    static let nanColor = Color(hex: 0xFF00FF)

    /// A canvas of `width`×`height` logical pixels, each drawn as a `scale`×`scale` block (nearest neighbour).
    static func raster(width: Int, height: Int, scale: Int, what: String,
                       color: (_ x: Int, _ y: Int) -> Color) throws -> Canvas {
        let canvas = try Canvas(width: width * scale, height: height * scale, what: what)
        for y in 0..<height {
            for x in 0..<width {
                canvas.fill(x0: x * scale, y0: y * scale, x1: (x + 1) * scale, y1: (y + 1) * scale, color(x, y))
            }
        }
        return canvas
    }

    /// The gray level of `v` between lo (black) and hi (white).
    static func gray(_ v: Double, lo: Double, hi: Double) -> Color {
        guard !v.isNaN else { return nanColor }
        let g = UInt8((unit(v, lo: lo, hi: hi) * 255).rounded())
        return Color(r: g, g: g, b: g)
    }

    /// Where `v` lies between lo (0) and hi (1), clamped; ±∞ go to the ends, and anything undefined to 0.
    static func unit(_ v: Double, lo: Double, hi: Double) -> Double {
        let t = (v - lo) / (hi - lo)
        if t.isNaN { return v == .infinity ? 1 : 0 }
        return Swift.min(Swift.max(t, 0), 1)
    }
}
