/// A small matrix drawn as a grid of cells with the numbers written in them — a 4×4 input, a 3×3 kernel,
/// the 2×2 result of a convolution. Regions can be framed (the window the kernel is over right now).
///
///     let input = MatrixGrid(values: [1, 2, 0, 1, 0, 1, 3, 1, 2, 2, 0, 0, 1, 0, 1, 2], rows: 4, cols: 4,
///                            title: "input", highlight: [.init(row: 0, col: 0, rows: 3, cols: 3)])
///     let png = try input.png()
public struct MatrixGrid: Sendable, Equatable {
    /// A rectangle of cells to frame (and tint) in a colour — the window a kernel or a pooling step covers.
    ///
    ///     let window = MatrixGrid.Region(row: 0, col: 1, rows: 3, cols: 3)               // orange by default
    ///     let cell = MatrixGrid.Region(row: 1, col: 1, color: Palette.color(2))          // one green cell
    public struct Region: Sendable, Equatable {
        public var row: Int
        public var col: Int
        public var rows: Int
        public var cols: Int
        public var color: Color

        public init(row: Int, col: Int, rows: Int = 1, cols: Int = 1, color: Color = Palette.color(1)) {
            self.row = row
            self.col = col
            self.rows = rows
            self.cols = cols
            self.color = color
        }
    }

    /// Row-major values, `rows * cols` of them.
    public var values: [Double]
    public var rows: Int
    public var cols: Int
    /// Written above the grid.
    public var title: String
    public var highlight: [Region]
    /// Tint cells by value with this colour map (lightened so the numbers stay readable); `nil` leaves them white.
    public var shading: ColorMap?
    /// Digits after the point; `nil`: per value, as few as show it exactly (at most 3), else 2.
    public var decimals: Int?
    /// The side of a cell in pixels (72 = 36 CSS pixels on a high-DPI screen).
    public var cellSize: Int

    public init<T: BinaryFloatingPoint>(values: [T], rows: Int, cols: Int, title: String = "", highlight: [Region] = [],
                shading: ColorMap? = nil, decimals: Int? = nil, cellSize: Int = 72) {
        self.values = values.map { Double($0) }
        self.rows = rows
        self.cols = cols
        self.title = title
        self.highlight = highlight
        self.shading = shading
        self.decimals = decimals
        self.cellSize = cellSize
    }

    /// The texts written in the cells.
    public var cellTexts: [String] {
        if let decimals { return values.map { NumberFormat.fixed($0, decimals: decimals) } }
        return values.map { Heatmap.cellTexts([$0])[0] }
    }

    public func png() throws -> PNGImage {
        try validate()
        if !title.isEmpty || !values.isEmpty { try Canvas.requireFonts() }
        let size = self.size
        let canvas = try Canvas(width: size.width + 2 * MatrixGrid.margin, height: size.height + 2 * MatrixGrid.margin,
                                what: "MatrixGrid")
        try draw(on: canvas, x: MatrixGrid.margin, y: MatrixGrid.margin)
        return try canvas.png().described(summary)
    }

    // MARK: Layout shared with MatrixRow

    static let margin = 20
    var titleBand: Int { title.isEmpty ? 0 : Int(Double(cellSize) * 0.75) }
    var size: (width: Int, height: Int) { (cols * cellSize + 2, titleBand + rows * cellSize + 2) }

    func validate() throws {
        guard rows >= 1, cols >= 1 else {
            throw PictureError.invalidArgument("MatrixGrid: rows and cols must be at least 1 (got \(rows)×\(cols))")
        }
        guard values.count == rows * cols else {
            throw PictureError.badShape(what: "MatrixGrid \(rows)×\(cols)", expected: rows * cols, got: values.count)
        }
        guard (8...512).contains(cellSize) else {
            throw PictureError.invalidArgument("MatrixGrid: cellSize must be in 8…512 pixels (got \(cellSize))")
        }
        for r in highlight where r.row < 0 || r.col < 0 || r.rows < 1 || r.cols < 1
            || r.row + r.rows > rows || r.col + r.cols > cols {
            throw PictureError.invalidArgument(
                "MatrixGrid: highlight rows \(r.row)..<\(r.row + r.rows), cols \(r.col)..<\(r.col + r.cols) is outside the \(rows)×\(cols) matrix")
        }
    }

    /// Draws title and grid with the top-left corner at (x, y).
    func draw(on canvas: Canvas, x: Int, y: Int) throws {
        let c = cellSize
        let textSize = Double(c) * 0.36
        if !title.isEmpty {
            try canvas.text(title, x: Double(x + size.width / 2), y: Double(y + titleBand) - Double(c) * 0.22,
                            size: Double(c) * 0.3, color: Theme.tickText, hAlign: .center, vAlign: .baseline)
        }
        let gx = x + 1, gy = y + titleBand + 1
        let (lo, hi) = (shading?.isDiverging ?? false ? Normalization.symmetric : .minMax).bounds(of: values)
        let texts = cellTexts
        // One text size for every cell: the largest at which the widest number fits.
        let widest = Double(try texts.map { try canvas.textWidth($0, size: textSize) }.max() ?? 0)
        let fit = widest > Double(c) * 0.86 ? textSize * Double(c) * 0.86 / widest : textSize
        for r in 0..<rows {
            for k in 0..<cols {
                let v = values[r * cols + k]
                var fill = Color.white
                if let map = shading, !v.isNaN {
                    // Light tints only: the numbers must stay readable. A diverging map uses its middle 40 %,
                    // a light-to-dark one its lighter half, a dark-to-light one (viridis) is mixed with white.
                    let t = (v - lo) / (hi - lo)
                    if map.isDiverging {
                        fill = map.color(at: 0.5 + (t - 0.5) * 0.4)
                    } else if map.bottom.luminance > 0.8 {
                        fill = map.color(at: t * 0.55)   // a light-to-dark map (blues): its lighter half
                    } else {
                        fill = map.color(at: t).mixed(with: .white, 0.55)
                    }
                }
                if let region = highlight.last(where: { $0.contains(r, k) }) { fill = fill.mixed(with: region.color, 0.22) }
                canvas.fill(x0: gx + k * c, y0: gy + r * c, x1: gx + (k + 1) * c, y1: gy + (r + 1) * c, fill)
                try canvas.text(texts[r * cols + k], x: Double(gx + k * c) + Double(c) / 2,
                                y: Double(gy + r * c) + Double(c) / 2, size: fit, hAlign: .center, vAlign: .middle)
            }
        }
        // Thin lines between cells, a darker frame around the matrix, thick frames around highlighted regions.
        for k in 1..<max(2, cols) where k < cols {
            canvas.fill(x0: gx + k * c - 1, y0: gy, x1: gx + k * c + 1, y1: gy + rows * c, Color(hex: 0xC8C8C8))
        }
        for r in 1..<max(2, rows) where r < rows {
            canvas.fill(x0: gx, y0: gy + r * c - 1, x1: gx + cols * c, y1: gy + r * c + 1, Color(hex: 0xC8C8C8))
        }
        canvas.frame(x0: gx - 1, y0: gy - 1, x1: gx + cols * c + 1, y1: gy + rows * c + 1, thickness: 2, Color(hex: 0x595959))
        for region in highlight {
            canvas.frame(x0: gx + region.col * c - 2, y0: gy + region.row * c - 2,
                         x1: gx + (region.col + region.cols) * c + 2, y1: gy + (region.row + region.rows) * c + 2,
                         thickness: 5, region.color)
        }
    }
}

extension MatrixGrid.Region {
    func contains(_ r: Int, _ c: Int) -> Bool { r >= row && r < row + rows && c >= col && c < col + cols }
}
