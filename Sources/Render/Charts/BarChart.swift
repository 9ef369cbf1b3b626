/// A bar chart of one value per category — made for class probabilities. The `highlight`ed bar (say, the
/// predicted class) is drawn in orange, the others in blue; each bar carries its value.
///
///     let chart = BarChart(title: "Prediction", xLabel: "digit", yLabel: "probability",
///                          labels: (0...9).map(String.init), values: probabilities, highlight: 7)
public struct BarChart: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var labels: [String]
    public var values: [Double]
    /// The index of a bar to draw in the accent colour.
    public var highlight: Int?
    /// A fixed y range (e.g. 0...1 for probabilities); `nil` fits the values (bars start at 0).
    public var yRange: ClosedRange<Double>?
    /// Write each bar's value above it.
    public var showValues: Bool

    public init<T: BinaryFloatingPoint>(title: String = "", xLabel: String = "", yLabel: String = "", labels: [String], values: [T],
                highlight: Int? = nil, yRange: ClosedRange<Double>? = nil, showValues: Bool = true) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.labels = labels
        self.values = values.map { Double($0) }
        self.highlight = highlight
        self.yRange = yRange
        self.showValues = showValues
    }

    public func render(width: Int = 1280, height: Int = 800) throws -> PNGImage {
        guard !values.isEmpty else { throw PictureError.emptyData(what: "BarChart") }
        guard labels.count == values.count else {
            throw PictureError.invalidArgument(
                "BarChart: \(labels.count) labels for \(values.count) values; give one label per bar")
        }
        guard values.allSatisfy(\.isFinite) else {
            throw PictureError.invalidArgument("BarChart: every value must be a finite number (found NaN or ∞)")
        }
        if let r = yRange, !(r.lowerBound.isFinite && r.upperBound.isFinite && r.lowerBound < r.upperBound) {
            throw PictureError.invalidArgument("BarChart: the y range \(r) must be finite and not empty")
        }
        if let h = highlight, !values.indices.contains(h) {
            throw PictureError.invalidArgument("BarChart: highlight \(h) is not a bar index (0..<\(values.count))")
        }
        try Canvas.requireFonts()
        let canvas = try Canvas(width: width, height: height, what: "BarChart")
        let style = ChartStyle(width: width, height: height)

        // Category labels: horizontal when they fit under their bar; short ones (numbers) that do not fit are
        // thinned out (every 2nd, 5th, …); long ones (names) are turned upright, reading upwards.
        let slotEstimate = (Double(width) - style.padding * 10) / Double(values.count)
        let labelWidths = try labels.map { Double(try canvas.textWidth($0, size: style.tickSize)) }
        let widestLabel = labelWidths.max() ?? 0
        let rotate = widestLabel > slotEstimate * 0.9 && widestLabel > style.tickSize * 2.2
        var labelEvery = 1
        if !rotate {
            for k in [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] {
                labelEvery = k
                if slotEstimate * Double(k) >= widestLabel + style.tickSize * 0.8 { break }
            }
        }
        let extraBottom = rotate ? (labelWidths.max() ?? 0) - style.tickSize : 0

        let top = ChartFrame.topMargin(title: title, style: style)
        let bottom = ChartFrame.bottomMargin(xLabel: xLabel, style: style) + extraBottom
        let plotHeight = Double(height) - top - bottom
        let maxTicks = max(2, min(8, Int(plotHeight / (style.tickSize * 3.4))))
        var yAxis: Axis
        if let r = yRange {
            yAxis = Axis.fixed(r.lowerBound, r.upperBound, log: false, maxTicks: maxTicks)
        } else {
            // Bars grow from zero, so zero is an edge of the axis unless values have both signs.
            let lo = min(0, values.min()!), hi = max(0, values.max()!)
            let span = hi - lo == 0 ? 1 : hi - lo
            let headroom = span * (showValues ? 0.12 : 0.05)
            yAxis = Axis.fixed(lo < 0 ? lo - headroom : 0, hi > 0 ? hi + headroom : (lo < 0 ? 0 : 1),
                               log: false, maxTicks: maxTicks)
        }
        let widestY = try yAxis.labels.map { Double(try canvas.textWidth($0, size: style.tickSize)) }.max() ?? 0
        let left = ChartFrame.leftMargin(yLabel: yLabel, widestTick: widestY, style: style)
        let plot = Rect(x0: left.rounded(), y0: top.rounded(), x1: (Double(width) - style.padding * 2).rounded(),
                        y1: (Double(height) - bottom).rounded())
        guard plot.width > 20, plot.height > 20 else {
            throw PictureError.tooSmall(what: "BarChart", width: width, height: height)
        }
        let py = { (v: Double) in plot.y1 - yAxis.fraction(v) * plot.height }
        let yTicks = zip(yAxis.ticks, yAxis.labels).map { Tick(position: py($0), label: $1) }
        ChartFrame.grid(canvas, plot, xTicks: [], yTicks: yTicks, style: style)

        let slot = plot.width / Double(values.count)
        let allFractions = values.allSatisfy { (0...1).contains($0) }
        canvas.clip = (Int(plot.x0), Int(plot.y0), Int(plot.x1), Int(plot.y1))
        for (i, v) in values.enumerated() {
            let color = i == highlight ? Palette.color(1) : Palette.color(0)
            let cx = plot.x0 + slot * (Double(i) + 0.5)
            let half = slot * 0.36
            let y0 = py(max(v, 0)), y1 = py(min(v, 0))
            canvas.fill(x0: pixel((cx - half).rounded()), y0: pixel(y0.rounded()), x1: pixel((cx + half).rounded()),
                        y1: pixel(y1.rounded()), color)
            if showValues, slot * 0.3 >= 7 * style.s {   // values too small to read are left out
                let text = allFractions ? NumberFormat.fixed(v, decimals: 2) : NumberFormat.plain(v)
                let size = min(style.annotationSize, slot * 0.3)
                if v >= 0 {
                    try canvas.text(text, x: cx, y: y0 - style.s * 4, size: size, color: Theme.tickText,
                                    hAlign: .center, vAlign: .bottom)
                } else {
                    try canvas.text(text, x: cx, y: y1 + style.s * 4, size: size, color: Theme.tickText,
                                    hAlign: .center, vAlign: .top)
                }
            }
        }
        canvas.clip = nil
        if yAxis.lo < 0, yAxis.hi > 0 {
            canvas.fill(x0: Int(plot.x0), y0: Int(py(0)), x1: Int(plot.x1), y1: Int(py(0)) + style.spineWidth, Theme.zeroLine)
        }
        try ChartFrame.axes(canvas, plot, xTicks: [], yTicks: yTicks, style: style)
        for (i, label) in labels.enumerated() where i % labelEvery == 0 {
            let cx = plot.x0 + slot * (Double(i) + 0.5)
            let y = plot.y1 + style.tickLength + style.tickGap
            if rotate {
                try canvas.text(label, x: cx, y: y, size: style.tickSize, color: Theme.tickText,
                                hAlign: .right, vAlign: .middle, rotated: true)
            } else {
                try canvas.text(label, x: cx, y: y, size: style.tickSize, color: Theme.tickText,
                                hAlign: .center, vAlign: .top)
            }
        }
        var labelPlot = plot
        labelPlot.y1 += extraBottom
        // The title and y label belong to the plot; the x label goes under the (possibly upright) tick labels.
        try ChartFrame.labels(canvas, plot, title: title, xLabel: "", yLabel: yLabel, yLabelX: style.padding, style: style)
        try ChartFrame.labels(canvas, labelPlot, title: "", xLabel: xLabel, yLabel: "", yLabelX: 0, style: style)
        return try canvas.png().described(summary)
    }
}
