/// A colour map: turns a number in 0…1 into a colour by interpolating between evenly spaced stops.
///
///     let c = ColorMap.viridis.color(at: 1.0)
///     print(c == ColorMap.viridis.top)   // true: yellow #FDE725
public struct ColorMap: Sendable, Hashable {
    /// A short name, shown nowhere but handy in messages and tests.
    public let name: String
    /// The colours at 0, 1/(n-1), …, 1.
    public let stops: [Color]

    /// A map through evenly spaced stops from 0 to 1. One stop makes a constant map; none, black → white.
    public init(name: String, stops: [Color]) {
        self.name = name
        switch stops.count {
        case 0: self.stops = [.black, .white]
        case 1: self.stops = [stops[0], stops[0]]
        default: self.stops = stops
        }
    }

    /// The colour at `t`, clamped to 0…1; NaN gives the bottom colour.
    public func color(at t: Double) -> Color {
        guard t.isFinite else { return t == .infinity ? top : bottom }
        let t = min(max(t, 0), 1)
        let position = t * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        return stops[i].mixed(with: stops[i + 1], position - Double(i))
    }

    /// The colour for the smallest value.
    public var bottom: Color { stops[0] }
    /// The colour for the largest value.
    public var top: Color { stops[stops.count - 1] }

    /// Matplotlib's default sequential map: dark purple → blue → green → yellow (perceptually uniform).
    public static let viridis = ColorMap(name: "viridis", stops: [
        0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E,
        0x1F9E89, 0x35B779, 0x6DCD59, 0xB4DE2C, 0xFDE725,
    ].map { Color(hex: $0) })

    /// Diverging blue → white → red (ColorBrewer RdBu reversed): negative values blue, zero white, positive red.
    public static let redBlue = ColorMap(name: "redBlue", stops: [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7,
        0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ].map { Color(hex: $0) })

    /// White → dark blue (ColorBrewer Blues), the seaborn look for confusion matrices and counts.
    public static let blues = ColorMap(name: "blues", stops: [
        0xF7FBFF, 0xDEEBF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C, 0x08306B,
    ].map { Color(hex: $0) })

    /// Black → white, for grayscale images.
    public static let grays = ColorMap(name: "grays", stops: [.black, .white])

    /// Whether this map is meant for signed values (its middle is the neutral colour).
    public var isDiverging: Bool { self == .redBlue }
}
