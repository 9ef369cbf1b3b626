/// Values drawn through a colour map, one block per value — e.g. a convolution kernel or a feature map.
/// With the default diverging map and `.symmetric` normalization, negative values are blue, zero is white and
/// positive values are red, with equal magnitudes equally strong.
///
///     let kernel = try MappedImage(values: [-1, 0, 1, -2, 0, 2, -1, 0, 1], width: 3, height: 3).png()
///     let heat = try MappedImage(values: map, width: 28, height: 28, colorMap: .viridis, normalization: .minMax).png()
public struct MappedImage: Sendable, Equatable {
    public var values: [Double]
    public var width: Int
    public var height: Int
    public var colorMap: ColorMap
    public var normalization: Normalization

    public init<T: BinaryFloatingPoint>(values: [T], width: Int, height: Int, colorMap: ColorMap = .redBlue,
                normalization: Normalization = .symmetric) {
        self.values = values.map { Double($0) }
        self.width = width
        self.height = height
        self.colorMap = colorMap
        self.normalization = normalization
    }

    static func color(_ v: Double, map: ColorMap, lo: Double, hi: Double) -> Color {
        v.isNaN ? ImageSupport.nanColor : map.color(at: (v - lo) / (hi - lo))
    }

    /// The PNG, upscaled by `scale` (nearest neighbour); `nil` makes the longer side about 256 pixels.
    public func png(scale: Int? = nil) throws -> PNGImage {
        try ImageSupport.checkShape(values.count, width: width, height: height, in: "MappedImage")
        try normalization.validate(in: "MappedImage")
        let s = scale ?? ImageSupport.autoScale(width: width, height: height)
        try ImageSupport.checkScale(s, in: "MappedImage")
        let (lo, hi) = normalization.bounds(of: values)
        return try ImageSupport.raster(width: width, height: height, scale: s, what: "MappedImage") { x, y in
            MappedImage.color(values[y * width + x], map: colorMap, lo: lo, hi: hi)
        }.png().described(summary)
    }
}
