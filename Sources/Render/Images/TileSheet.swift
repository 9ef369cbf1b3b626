/// Lays out equally sized pixel tiles in a grid, each with an optional caption under it and an optional
/// highlight frame, under an optional title. The engine behind FeatureMaps and ImageGrid.
struct TileSheet {
    struct Tile {
        /// width × height colours, row-major.
        var colors: [Color]
        var caption: String = ""
        var captionColor: Color = Theme.text
        var highlighted = false
    }

    var tiles: [Tile]
    var tileWidth: Int
    var tileHeight: Int
    var scale: Int
    var columns: Int
    var title: String
    var what: String

    /// The scale that makes a tile about `target` pixels on its longer side, capped so the sheet stays
    /// at most about 2400 pixels wide.
    static func autoScale(tileWidth: Int, tileHeight: Int, columns: Int, target: Int = 168) -> Int {
        let s = ImageSupport.autoScale(width: tileWidth, height: tileHeight, target: target)
        let widest = max(1, 2400 / max(1, columns * tileWidth))
        return max(1, min(s, widest))
    }

    func render() throws -> PNGImage {
        guard !tiles.isEmpty else { throw PictureError.emptyData(what: what) }
        try ImageSupport.checkScale(scale, in: what)
        let hasCaptions = tiles.contains { !$0.caption.isEmpty }
        if hasCaptions || !title.isEmpty { try Canvas.requireFonts() }
        let s = 2.0   // drawn for a high-DPI screen, like the charts
        let captionSize = 11 * s, titleSize = 14 * s
        let pad = Int(10 * s), gap = Int(8 * s), frame = Int(1 * s), ring = Int(3 * s)
        let tw = tileWidth * scale, th = tileHeight * scale
        let captionBand = hasCaptions ? Int((captionSize * 1.55).rounded()) : 0
        let titleBand = title.isEmpty ? 0 : Int((titleSize * 2).rounded())
        let cols = max(1, min(columns, tiles.count))
        let rows = (tiles.count + cols - 1) / cols
        // All captions share one size: the largest at which the widest fits its column. Columns widen (tiles stay
        // centred) rather than shrink a caption below three quarters of the normal size.
        let widestCaption = Double(try tiles.map { try Canvas.textWidth($0.caption, size: captionSize) }.max() ?? 0)
        let natural = tw + 2 * ring + gap / 2
        let extra = max(0, Int((widestCaption * 0.75 - Double(natural)).rounded(.up)))
        let columnWidth = Double(natural + extra)
        let fittedCaptionSize = widestCaption > columnWidth ? captionSize * columnWidth / widestCaption : captionSize
        let cellW = tw + 2 * ring + gap + extra
        // Only rows with a caption get room for one (the augmentation cloud captions just its middle tile).
        var rowTop = [Int](), y = pad + titleBand
        for r in 0..<rows {
            rowTop.append(y)
            let captioned = tiles[(r * cols)..<min(tiles.count, (r + 1) * cols)].contains { !$0.caption.isEmpty }
            y += th + 2 * ring + (captioned ? captionBand : 0) + gap
        }
        // A title wider than the grid widens the sheet; the grid stays centred under it.
        let gridWidth = 2 * pad + cols * cellW - gap
        let titleWidth = try Canvas.textWidth(title, size: titleSize, bold: true) + 2 * pad
        let width = max(gridWidth, titleWidth)
        let left = (width - gridWidth) / 2
        let height = y - gap + pad
        let canvas = try Canvas(width: width, height: height, what: what)

        if !title.isEmpty {
            try canvas.text(title, x: Double(width) / 2, y: Double(pad) + titleSize * 0.2, size: titleSize,
                            bold: true, hAlign: .center, vAlign: .top)
        }
        for (i, tile) in tiles.enumerated() {
            let x = left + pad + (i % cols) * cellW + extra / 2 + ring, y = rowTop[i / cols] + ring
            if tile.highlighted {
                canvas.frame(x0: x - ring, y0: y - ring, x1: x + tw + ring, y1: y + th + ring, thickness: ring,
                             Palette.color(1))
            } else {
                canvas.frame(x0: x - frame, y0: y - frame, x1: x + tw + frame, y1: y + th + frame,
                             thickness: frame, Color(hex: 0xD0D0D0))
            }
            for py in 0..<tileHeight {
                for px in 0..<tileWidth {
                    canvas.fill(x0: x + px * scale, y0: y + py * scale, x1: x + (px + 1) * scale,
                                y1: y + (py + 1) * scale, tile.colors[py * tileWidth + px])
                }
            }
            if !tile.caption.isEmpty {
                let size = fittedCaptionSize
                try canvas.text(tile.caption, x: Double(x) + Double(tw) / 2, y: Double(y + th + ring) + captionSize * 0.35,
                                size: size, color: tile.captionColor, hAlign: .center, vAlign: .top)
            }
        }
        return try canvas.png()
    }
}
