/// A matrix of values drawn as coloured cells with a colour bar — the X1·X2 surface, weights, confusion
/// matrices (with `annotate: true` the numbers are written in the cells).
///
///     let map = Heatmap(title: "Counts", values: [1, 2, 3, 4, 5, 6], rows: 2, cols: 3, annotate: true)
///     let png = try map.render()
///
/// Row 0 is drawn at the top, like a matrix — unless `yExtent` is given: then the axes are numeric, as for a
/// surface z = f(x, y), and row 0 is the bottom row (small y at the bottom, as in a graph).
public struct Heatmap: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    /// Row-major values, `rows * cols` of them.
    public var values: [Double]
    public var rows: Int
    public var cols: Int
    public var colorMap: ColorMap
    /// The values mapped to the ends of the colour map; `nil` takes min…max (symmetric ±max|v| for a
    /// diverging map, so that zero is white).
    public var range: ClosedRange<Double>?
    /// Labels of the rows (left) and columns (bottom); `nil` numbers them 0, 1, 2, …
    public var rowLabels: [String]?
    public var colLabels: [String]?
    /// Numeric axes: the x interval the columns span and the y interval the rows span.
    public var xExtent: ClosedRange<Double>?
    public var yExtent: ClosedRange<Double>?
    /// Write each value in its cell (black or white, whichever reads better on the colour). Cells too small for
    /// legible numbers stay plain.
    public var annotate: Bool
    public var colorBar: Bool
    /// Keep cells square (true) or stretch them to fill the picture.
    public var squareCells: Bool

    public init<T: BinaryFloatingPoint>(title: String = "", xLabel: String = "", yLabel: String = "", values: [T], rows: Int, cols: Int,
                colorMap: ColorMap = .viridis, range: ClosedRange<Double>? = nil,
                rowLabels: [String]? = nil, colLabels: [String]? = nil,
                xExtent: ClosedRange<Double>? = nil, yExtent: ClosedRange<Double>? = nil,
                annotate: Bool = false, colorBar: Bool = true, squareCells: Bool = true) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.values = values.map { Double($0) }
        self.rows = rows
        self.cols = cols
        self.colorMap = colorMap
        self.range = range
        self.rowLabels = rowLabels
        self.colLabels = colLabels
        self.xExtent = xExtent
        self.yExtent = yExtent
        self.annotate = annotate
        self.colorBar = colorBar
        self.squareCells = squareCells
    }

    /// Samples z = f(x, y) at the centres of a `resolution`×`resolution` grid over `x` × `y`.
    ///
    ///     let surface = Heatmap.surface(title: "x₁·x₂", x: -1...1, y: -1...1) { $0 * $1 }
    ///     let png = try surface.render()
    public static func surface(title: String = "", xLabel: String = "x₁", yLabel: String = "x₂",
                               x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 100,
                               colorMap: ColorMap = .viridis, f: (Double, Double) -> Double) -> Heatmap {
        let n = max(1, resolution)
        var values = [Double]()
        values.reserveCapacity(n * n)
        for r in 0..<n {
            let yv = y.lowerBound + (y.upperBound - y.lowerBound) * (Double(r) + 0.5) / Double(n)
            for c in 0..<n {
                let xv = x.lowerBound + (x.upperBound - x.lowerBound) * (Double(c) + 0.5) / Double(n)
                values.append(f(xv, yv))
            }
        }
        return Heatmap(title: title, xLabel: xLabel, yLabel: yLabel, values: values, rows: n, cols: n,
                       colorMap: colorMap, xExtent: x, yExtent: y)
    }

    /// The range the colours span (what `range == nil` resolves to).
    public func colorRange() -> ClosedRange<Double> {
        if let range { return range }
        let finite = values.filter(\.isFinite)
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if colorMap.isDiverging {
            let m = max(abs(lo), abs(hi))
            lo = -m; hi = m
        }
        if lo == hi { let d = max(1, abs(lo) * 0.5); lo -= d; hi += d }
        return lo...hi
    }

    public func render(width: Int = 1280, height: Int = 800) throws -> PNGImage {
        try validate()
        try Canvas.requireFonts()
        let canvas = try Canvas(width: width, height: height, what: "Heatmap")
        let style = ChartStyle(width: width, height: height)
        let range = colorRange()
        let numericY = yExtent != nil

        // Colour-bar axis and its labels decide the right margin.
        let barAxis = Axis.fixed(range.lowerBound, range.upperBound, log: false, maxTicks: 6)
        let barLabelWidth = try barAxis.labels.map { Double(try canvas.textWidth($0, size: style.tickSize)) }.max() ?? 0
        let barWidth = 16 * style.s, barGap = 18 * style.s
        let right = style.padding * 1.5 + (colorBar ? barGap + barWidth + style.tickLength + style.tickGap + barLabelWidth : 0)

        let top = ChartFrame.topMargin(title: title, style: style)
        let rowTickLabels = try tickLabels(count: rows, labels: rowLabels, extent: yExtent, maxTicks: 8)
        let widestRow = try rowTickLabels.map { Double(try canvas.textWidth($0.label, size: style.tickSize)) }.max() ?? 0
        let left = ChartFrame.leftMargin(yLabel: yLabel, widestTick: widestRow, style: style)

        /// The grid's rectangle and cell size, given extra room under it for upright column labels.
        func layout(extraBottom: Double) throws -> (plot: Rect, cellW: Double, cellH: Double) {
            let bottom = ChartFrame.bottomMargin(xLabel: xLabel, style: style) + extraBottom
            let availW = Double(width) - left - right, availH = Double(height) - top - bottom
            guard availW > 20, availH > 20 else {
                throw PictureError.tooSmall(what: "Heatmap", width: width, height: height)
            }
            var cellW = availW / Double(cols), cellH = availH / Double(rows)
            if squareCells {
                // Square cells, or with both extents, equal units on both axes (a circle stays round).
                var aspect = 1.0
                if let xe = xExtent, let ye = yExtent, ye.upperBound > ye.lowerBound {
                    aspect = ((xe.upperBound - xe.lowerBound) / Double(cols)) / ((ye.upperBound - ye.lowerBound) / Double(rows))
                }
                cellH = min(cellH, cellW / aspect)
                cellW = cellH * aspect
            }
            let gridW = cellW * Double(cols), gridH = cellH * Double(rows)
            let x0 = (left + (availW - gridW) / 2).rounded(), y0 = (top + (availH - gridH) / 2).rounded()
            return (Rect(x0: x0, y0: y0, x1: x0 + gridW.rounded(), y1: y0 + gridH.rounded()), cellW, cellH)
        }
        // Column names that do not fit side by side are written upright (reading upwards), like bar labels;
        // short labels (indices) are thinned out instead.
        var (plot, cellW, cellH) = try layout(extraBottom: 0)
        var uprightColumns = false, extraBottom = 0.0
        if xExtent == nil {
            let widths = try (colLabels ?? (0..<cols).map(String.init)).map { Double(try canvas.textWidth($0, size: style.tickSize)) }
            let widest = widths.max() ?? 0
            if widest + style.tickSize * 0.6 > cellW, widest > style.tickSize * 2.2 {   // short ones are thinned
                uprightColumns = true
                extraBottom = max(0, widest - style.tickSize * 1.1)
                (plot, cellW, cellH) = try layout(extraBottom: extraBottom)
            }
        }
        let xEdge = { (c: Int) in Int((plot.x0 + plot.width * Double(c) / Double(self.cols)).rounded()) }
        let yEdge = { (r: Int) in Int((plot.y0 + plot.height * Double(r) / Double(self.rows)).rounded()) }

        // Cells. Screen row i shows data row i (matrix) or rows-1-i (numeric y axis, row 0 at the bottom).
        let lo = range.lowerBound, span = range.upperBound - range.lowerBound
        let textSize = min(style.annotationSize * 1.1, cellH * 0.42)
        // Numbers in cells too small to read them would only be noise: leave them out.
        let writeNumbers = annotate && textSize >= 7 * style.s
        let annotations = writeNumbers ? Heatmap.cellTexts(values) : []
        for screenRow in 0..<rows {
            let r = numericY ? rows - 1 - screenRow : screenRow
            for c in 0..<cols {
                let v = values[r * cols + c]
                let color = v.isNaN ? Color(hex: 0xBFBFBF) : colorMap.color(at: (v - lo) / span)
                canvas.fill(x0: xEdge(c), y0: yEdge(screenRow), x1: xEdge(c + 1), y1: yEdge(screenRow + 1), color)
                if writeNumbers {
                    let text = annotations[r * cols + c]
                    let w = Double(try canvas.textWidth(text, size: textSize))
                    let size = w > cellW * 0.9 ? textSize * cellW * 0.9 / w : textSize
                    try canvas.text(text, x: Double(xEdge(c) + xEdge(c + 1)) / 2,
                                    y: Double(yEdge(screenRow) + yEdge(screenRow + 1)) / 2, size: size,
                                    color: color.luminance < 0.5 ? .white : Theme.text, hAlign: .center, vAlign: .middle)
                }
            }
        }

        // Ticks: categorical at cell centres, or numeric along the extents.
        let colTicks = try tickLabels(count: cols, labels: colLabels, extent: xExtent,
                                      maxTicks: max(2, min(10, Int(plot.width / (style.tickSize * 4)))))
        var xTicks = colTicks.map { Tick(position: plot.x0 + $0.fraction * plot.width, label: $0.label) }
        while !uprightColumns, !(try ChartFrame.labelsFit(xTicks, style: style)), xTicks.count > 2 {
            xTicks = stride(from: 0, to: xTicks.count, by: 2).map { xTicks[$0] }
        }
        if uprightColumns {
            for t in xTicks {
                try canvas.text(t.label, x: t.position, y: plot.y1 + style.tickLength + style.tickGap + Double(style.spineWidth),
                                size: style.tickSize, color: Theme.tickText, hAlign: .right, vAlign: .middle, rotated: true)
            }
            xTicks = xTicks.map { Tick(position: $0.position, label: "") }
        }
        var yTicks = rowTickLabels.map {
            Tick(position: numericY ? plot.y1 - $0.fraction * plot.height : plot.y0 + $0.fraction * plot.height,
                 label: $0.label)
        }
        while yTicks.count > 2, plot.height / Double(yTicks.count) < style.tickSize * 1.3 {
            yTicks = stride(from: 0, to: yTicks.count, by: 2).map { yTicks[$0] }
        }
        try ChartFrame.axes(canvas, plot, xTicks: xTicks, yTicks: yTicks, style: style)
        let yLabelX = plot.x0 - widestRow - style.tickLength - style.tickGap * 2 - style.labelSize * 1.3
        var labelPlot = plot
        labelPlot.y1 += extraBottom
        // The title and y label belong to the plot; the x label goes under the (possibly upright) tick labels.
        try ChartFrame.labels(canvas, plot, title: title, xLabel: "", yLabel: yLabel, yLabelX: max(style.padding, yLabelX), style: style)
        try ChartFrame.labels(canvas, labelPlot, title: "", xLabel: xLabel, yLabel: "", yLabelX: 0, style: style)
        if colorBar {
            try ColorBar(map: colorMap, axis: barAxis).draw(
                on: canvas, in: Rect(x0: plot.x1 + barGap, y0: plot.y0, x1: plot.x1 + barGap + barWidth, y1: plot.y1),
                style: style)
        }
        return try canvas.png().described(summary)
    }

    func validate() throws {
        guard rows >= 1, cols >= 1 else {
            throw PictureError.invalidArgument("Heatmap: rows and cols must be at least 1 (got \(rows)×\(cols))")
        }
        guard values.count == rows * cols else {
            throw PictureError.badShape(what: "Heatmap \(rows)×\(cols)", expected: rows * cols, got: values.count)
        }
        if let rowLabels, rowLabels.count != rows {
            throw PictureError.invalidArgument("Heatmap: \(rowLabels.count) row labels for \(rows) rows")
        }
        if let colLabels, colLabels.count != cols {
            throw PictureError.invalidArgument("Heatmap: \(colLabels.count) column labels for \(cols) columns")
        }
        for (name, extent) in [("xExtent", xExtent), ("yExtent", yExtent)] {
            if let e = extent, !(e.lowerBound.isFinite && e.upperBound.isFinite && e.lowerBound < e.upperBound) {
                throw PictureError.invalidArgument("Heatmap: \(name) \(e) must be finite and not empty")
            }
        }
        if let range, !(range.lowerBound < range.upperBound) || !range.lowerBound.isFinite || !range.upperBound.isFinite {
            throw PictureError.invalidArgument("Heatmap: the colour range \(range) must be finite and not empty")
        }
    }

    /// Tick labels with their position as a fraction of the axis (0 = first row/column edge).
    private func tickLabels(count: Int, labels: [String]?, extent: ClosedRange<Double>?,
                            maxTicks: Int) throws -> [(fraction: Double, label: String)] {
        if let extent {
            let axis = Axis.fixed(extent.lowerBound, extent.upperBound, log: false, maxTicks: maxTicks)
            return zip(axis.ticks, axis.labels).map { (axis.fraction($0), $1) }
        }
        let names = labels ?? (0..<count).map(String.init)
        return names.enumerated().map { ((Double($0.offset) + 0.5) / Double(count), $0.element) }
    }

    /// The numbers written in cells: the fewest decimals (0…3) that show every value exactly; when none do,
    /// two decimals for small values, one from 10, none from 100.
    static func cellTexts(_ values: [Double]) -> [String] {
        let finite = values.filter(\.isFinite)
        for decimals in 0...3 {
            let scale = Foundationless.pow10(Double(decimals))
            if finite.allSatisfy({ abs($0) < 1e9 && abs(($0 * scale).rounded() - $0 * scale) < 1e-6 }) {
                return values.map { NumberFormat.fixed($0, decimals: decimals) }
            }
        }
        let biggest = finite.map(abs).max() ?? 0
        let decimals = biggest < 10 ? 2 : biggest < 100 ? 1 : 0
        return values.map { NumberFormat.fixed($0, decimals: decimals) }
    }
}
