/// A grid of equally sized images with captions — digits with their true and predicted labels, a batch
/// from a data loader, the augmented versions of one digit.
///
///     let grid = ImageGrid(images: batch, count: 16, height: 28, width: 28, captions: labels.map(String.init))
///     let png = try grid.png()
public struct ImageGrid: Sendable, Equatable {
    /// `count` images one after the other, each `channels * height * width` values (NCHW order).
    public var images: [Double]
    public var count: Int
    /// 1 (grayscale) or 3 (RGB).
    public var channels: Int
    public var height: Int
    public var width: Int
    public var captions: [String]?
    /// A colour per caption (e.g. green for right, red for wrong); `nil` is dark grey.
    public var captionColors: [Color]?
    /// Indices of images to frame in orange.
    public var highlighted: Set<Int>
    public var title: String
    /// Images per row; `nil` is up to 10.
    public var columns: Int?
    /// Shared by all images, so brightness means the same in each.
    public var normalization: Normalization
    /// Dark ink on white paper (grayscale only).
    public var inverted: Bool

    public init<T: BinaryFloatingPoint>(images: [T], count: Int, channels: Int = 1, height: Int, width: Int, captions: [String]? = nil,
                captionColors: [Color]? = nil, highlighted: Set<Int> = [], title: String = "", columns: Int? = nil,
                normalization: Normalization = .auto, inverted: Bool = false) {
        self.images = images.map { Double($0) }
        self.count = count
        self.channels = channels
        self.height = height
        self.width = width
        self.captions = captions
        self.captionColors = captionColors
        self.highlighted = highlighted
        self.title = title
        self.columns = columns
        self.normalization = normalization
        self.inverted = inverted
    }

    /// Digits with their labels and the model's predictions: "7" in green when right, "7 → 1" in red
    /// (true → predicted) when wrong.
    ///
    ///     let grid = try ImageGrid.predictions(images: x, count: 20, height: 28, width: 28, truth: y, predicted: p)
    ///     let png = try grid.png()
    public static func predictions<T: BinaryFloatingPoint>(images: [T], count: Int, channels: Int = 1, height: Int, width: Int,
                                   truth: [Int], predicted: [Int], classNames: [String]? = nil,
                                   title: String = "", columns: Int? = nil) throws -> ImageGrid {
        guard truth.count == count, predicted.count == count else {
            throw PictureError.invalidArgument(
                "ImageGrid.predictions: \(count) images, \(truth.count) labels and \(predicted.count) predictions; give one of each per image")
        }
        func name(_ k: Int) -> String { classNames.flatMap { $0.indices.contains(k) ? $0[k] : nil } ?? String(k) }
        let captions = zip(truth, predicted).map { t, p in t == p ? name(t) : "\(name(t)) → \(name(p))" }
        let colors = zip(truth, predicted).map { $0 == $1 ? Theme.correct : Theme.wrong }
        return ImageGrid(images: images, count: count, channels: channels, height: height, width: width,
                         captions: captions, captionColors: colors, title: title, columns: columns)
    }

    /// One image in the middle (framed, captioned "original") surrounded by its variants — a picture of what
    /// data augmentation does.
    ///
    ///     let cloud = try ImageGrid.cloud(original: digit, variants: augmented, count: 24, height: 28, width: 28)
    ///     let png = try cloud.png()
    public static func cloud<T: BinaryFloatingPoint>(original: [T], variants: [T], count: Int, channels: Int = 1, height: Int,
                             width: Int, title: String = "") throws -> ImageGrid {
        let size = channels * height * width
        try ImageSupport.checkShape(original.count, width: width, height: height, channels: channels,
                                    in: "ImageGrid.cloud original")
        guard variants.count == count * size else {
            throw PictureError.badShape(what: "ImageGrid.cloud: \(count) variants of \(channels)×\(height)×\(width)",
                                        expected: count * size, got: variants.count)
        }
        let total = count + 1
        let cols = Int(Double(total).squareRoot().rounded(.up))
        // With 8 or 24 variants the original is the exact centre of a 3×3 or 5×5 grid.
        let middle = count / 2
        var all = [Double]()
        all.reserveCapacity(total * size)
        all += variants[0..<(middle * size)].map { Double($0) }
        all += original.map { Double($0) }
        all += variants[(middle * size)...].map { Double($0) }
        var captions = [String](repeating: "", count: total)
        captions[middle] = "original"
        return ImageGrid(images: all, count: total, channels: channels, height: height, width: width,
                         captions: captions, highlighted: [middle], title: title, columns: cols)
    }

    /// The sheet; `scale` upscales each pixel (nearest neighbour), `nil` picks about 168 pixels a tile.
    public func png(scale: Int? = nil) throws -> PNGImage {
        guard count >= 1 else { throw PictureError.emptyData(what: "ImageGrid") }
        guard channels == 1 || channels == 3 else {
            throw PictureError.invalidArgument("ImageGrid: channels must be 1 (gray) or 3 (RGB), got \(channels)")
        }
        try ImageSupport.checkShape(images.count, width: width, height: height, channels: channels * count,
                                    in: "ImageGrid of \(count) images")
        if let captions, captions.count != count {
            throw PictureError.invalidArgument("ImageGrid: \(captions.count) captions for \(count) images")
        }
        if let captionColors, captionColors.count != count {
            throw PictureError.invalidArgument("ImageGrid: \(captionColors.count) caption colours for \(count) images")
        }
        if let bad = highlighted.first(where: { !(0..<count).contains($0) }) {
            throw PictureError.invalidArgument("ImageGrid: highlighted index \(bad) is not an image (0..<\(count))")
        }
        if let columns, columns < 1 { throw PictureError.invalidArgument("ImageGrid: columns must be at least 1") }
        try normalization.validate(in: "ImageGrid")
        let (lo, hi) = normalization.bounds(of: images)
        let size = channels * height * width
        let tiles = (0..<count).map { i -> TileSheet.Tile in
            let slice = Array(images[(i * size)..<((i + 1) * size)])
            var colors = [Color]()
            colors.reserveCapacity(width * height)
            if channels == 3 {
                let image = ColorImage(pixels: slice, width: width, height: height)
                for y in 0..<height { for x in 0..<width { colors.append(image.color(x, y, lo: lo, hi: hi)) } }
            } else {
                for v in slice {
                    let c = ImageSupport.gray(v, lo: lo, hi: hi)
                    colors.append(inverted && c != ImageSupport.nanColor ? Color(r: 255 - c.r, g: 255 - c.g, b: 255 - c.b) : c)
                }
            }
            return TileSheet.Tile(colors: colors, caption: captions?[i] ?? "",
                                  captionColor: captionColors?[i] ?? Theme.text, highlighted: highlighted.contains(i))
        }
        let cols = columns ?? min(count, 10)
        let s = scale ?? TileSheet.autoScale(tileWidth: width, tileHeight: height, columns: cols)
        return try TileSheet(tiles: tiles, tileWidth: width, tileHeight: height, scale: s, columns: cols,
                             title: title, what: "ImageGrid").render().described(summary)
    }
}
