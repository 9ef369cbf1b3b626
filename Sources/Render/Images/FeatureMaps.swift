/// The channels of one activation (a `[C, H, W]` slice of an NCHW tensor), one labelled tile per channel —
/// what each convolution filter responds to. Signed values use the blue/white/red map (zero is white),
/// non-negative ones (after ReLU) viridis.
///
///     let maps = FeatureMaps(values: conv1Output, channels: 8, height: 26, width: 26, title: "conv1")
///     let png = try maps.png()
public struct FeatureMaps: Sendable, Equatable {
    /// Channel-major values: `channels * height * width` of them.
    public var values: [Double]
    public var channels: Int
    public var height: Int
    public var width: Int
    public var title: String
    /// One caption per channel; `nil` writes "channel 0", "channel 1", …
    public var labels: [String]?
    /// `nil` picks: redBlue when any value is negative, else viridis.
    public var colorMap: ColorMap?
    /// One value range for all tiles (compare channels) instead of one per tile (see each one's pattern).
    public var sharedScale: Bool
    /// Tiles per row; `nil` makes the grid roughly 3:2.
    public var columns: Int?

    public init<T: BinaryFloatingPoint>(values: [T], channels: Int, height: Int, width: Int, title: String = "",
                labels: [String]? = nil, colorMap: ColorMap? = nil, sharedScale: Bool = false, columns: Int? = nil) {
        self.values = values.map { Double($0) }
        self.channels = channels
        self.height = height
        self.width = width
        self.title = title
        self.labels = labels
        self.colorMap = colorMap
        self.sharedScale = sharedScale
        self.columns = columns
    }

    /// The colour map used (the given one, or the automatic choice).
    public var effectiveColorMap: ColorMap {
        colorMap ?? (values.contains { $0 < 0 } ? .redBlue : .viridis)
    }

    /// The sheet of tiles; `scale` upscales each pixel (nearest neighbour), `nil` picks about 168 pixels a tile.
    public func png(scale: Int? = nil) throws -> PNGImage {
        guard channels >= 1 else { throw PictureError.invalidArgument("FeatureMaps: channels must be at least 1 (got \(channels))") }
        try ImageSupport.checkShape(values.count, width: width, height: height, channels: channels, in: "FeatureMaps")
        if let labels, labels.count != channels {
            throw PictureError.invalidArgument("FeatureMaps: \(labels.count) labels for \(channels) channels")
        }
        if let columns, columns < 1 { throw PictureError.invalidArgument("FeatureMaps: columns must be at least 1") }
        let map = effectiveColorMap
        let normalization: Normalization = map.isDiverging ? .symmetric : .minMax
        let cols = columns ?? min(channels, Int((Double(channels) * 1.5).squareRoot().rounded(.up)))
        let plane = width * height
        let shared = normalization.bounds(of: values)
        let tiles = (0..<channels).map { c -> TileSheet.Tile in
            let slice = values[(c * plane)..<((c + 1) * plane)]
            let (lo, hi) = sharedScale ? shared : normalization.bounds(of: slice)
            return TileSheet.Tile(colors: slice.map { MappedImage.color($0, map: map, lo: lo, hi: hi) },
                                  caption: labels?[c] ?? "channel \(c)")
        }
        let s = scale ?? TileSheet.autoScale(tileWidth: width, tileHeight: height, columns: cols)
        return try TileSheet(tiles: tiles, tileWidth: width, tileHeight: height, scale: s, columns: cols,
                             title: title, what: "FeatureMaps").render().described(summary)
    }
}
