/// An opaque sRGB colour, each channel 0…255.
///
///     let orange = Color(hex: 0xFF7F0E)
///     print(orange.r, orange.g, orange.b)   // 255 127 14
public struct Color: Sendable, Hashable {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r; self.g = g; self.b = b
    }

    /// A colour from a 24-bit hex literal, as in CSS: `Color(hex: 0x1F77B4)`.
    public init(hex: UInt32) {
        self.init(r: UInt8((hex >> 16) & 0xFF), g: UInt8((hex >> 8) & 0xFF), b: UInt8(hex & 0xFF))
    }

    /// The colour as libgd's true-colour integer (what the `gdTrueColor` macro computes in C).
    var gd: Int32 { Int32(r) << 16 | Int32(g) << 8 | Int32(b) }

    /// Linear interpolation in sRGB: `t = 0` gives `self`, `t = 1` gives `other`.
    func mixed(with other: Color, _ t: Double) -> Color {
        let t = min(max(t, 0), 1)
        func lerp(_ a: UInt8, _ b: UInt8) -> UInt8 {
            UInt8((Double(a) + (Double(b) - Double(a)) * t).rounded())
        }
        return Color(r: lerp(r, other.r), g: lerp(g, other.g), b: lerp(b, other.b))
    }

    /// Relative luminance (0 dark … 1 light), used to choose black or white text on a coloured cell.
    var luminance: Double {
        (0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)) / 255
    }

    public static let white = Color(hex: 0xFFFFFF)
    public static let black = Color(hex: 0x000000)
}

/// The tab10 palette of matplotlib: the colours series get, in order, when none is given.
///
///     let colours = Palette.tab10
///     print(colours[1])   // orange, the second series' colour
public enum Palette {
    public static let tab10: [Color] = [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
        0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { Color(hex: $0) }

    /// The `i`-th colour, wrapping around after ten.
    public static func color(_ i: Int) -> Color { tab10[((i % 10) + 10) % 10] }
}

/// The light theme shared by every chart: white paper, light grid, dark-grey text.
enum Theme {
    static let background = Color.white
    static let text = Color(hex: 0x262626)
    static let tickText = Color(hex: 0x4D4D4D)
    static let grid = Color(hex: 0xE6E6E6)
    static let spine = Color(hex: 0xB0B0B0)
    static let zeroLine = Color(hex: 0x8C8C8C)
    static let legendFrame = Color(hex: 0xD9D9D9)
    static let correct = Color(hex: 0x2CA02C)
    static let wrong = Color(hex: 0xD62728)
}
