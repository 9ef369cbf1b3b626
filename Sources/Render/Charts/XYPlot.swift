/// The engine behind LineChart, ScatterPlot and FunctionPlot: numeric x and y axes, series drawn as lines
/// and/or markers, a grid, a legend.
struct XYPlot {
    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    var logX = false
    var logY = false
    var xRange: ClosedRange<Double>? = nil
    var yRange: ClosedRange<Double>? = nil
    /// Darker lines through x = 0 and y = 0 (function plots).
    var zeroLines = false
    var markerRadiusFactor = 1.0
    var markerOpacity = 1.0
    var what = "chart"

    func render(width: Int, height: Int) throws -> PNGImage {
        guard !series.isEmpty else { throw PictureError.emptyData(what: what) }
        for s in series { try s.validate(in: what) }
        if series.allSatisfy({ $0.x.isEmpty }) {
            throw PictureError.emptyData(what: "\(what) (the series have no points)")
        }
        let xs = series.flatMap(\.x), ys = series.flatMap(\.y)
        guard xs.indices.contains(where: { xs[$0].isFinite && ys[$0].isFinite }) else {
            throw PictureError.emptyData(what: "\(what) (every point is NaN or infinite)")
        }
        if logY, !ys.contains(where: { $0 > 0 && $0.isFinite }) {
            throw PictureError.invalidArgument("\(what): a log-scale y axis needs positive values, and none is")
        }
        if logX, !xs.contains(where: { $0 > 0 && $0.isFinite }) {
            throw PictureError.invalidArgument("\(what): a log-scale x axis needs positive values, and none is")
        }
        for (name, range, log) in [("x", xRange, logX), ("y", yRange, logY)] {
            guard let range else { continue }
            guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound else {
                throw PictureError.invalidArgument("\(what): the \(name) range \(range) must be finite and not empty")
            }
            if log, range.lowerBound <= 0 {
                throw PictureError.invalidArgument(
                    "\(what): a log-scale \(name) axis cannot start at \(range.lowerBound); its range must be positive")
            }
        }
        try Canvas.requireFonts()
        let canvas = try Canvas(width: width, height: height, what: what)
        let style = ChartStyle(width: width, height: height)

        // Vertical layout first: it fixes the plot height, which fixes how many y ticks fit.
        let top = ChartFrame.topMargin(title: title, style: style)
        let bottom = ChartFrame.bottomMargin(xLabel: xLabel, style: style)
        let plotHeight = Double(height) - top - bottom
        let maxYTicks = max(2, min(9, Int(plotHeight / (style.tickSize * 3.4))))
        let include = zeroLines ? [0.0] : []
        let yAxis = yRange.map { Axis.fixed($0.lowerBound, $0.upperBound, log: logY, maxTicks: maxYTicks) }
            ?? Axis.fitting(ys, log: logY, maxTicks: maxYTicks, include: include)
        let widestY = try yAxis.labels.map { Double(try canvas.textWidth($0, size: style.tickSize)) }.max() ?? 0
        let left = ChartFrame.leftMargin(yLabel: yLabel, widestTick: widestY, style: style)
        let right = style.padding * 2.5
        var plot = Rect(x0: left.rounded(), y0: top.rounded(), x1: (Double(width) - right).rounded(),
                        y1: (Double(height) - bottom).rounded())
        guard plot.width > 20, plot.height > 20 else {
            throw PictureError.tooSmall(what: what, width: width, height: height)
        }

        // As many x ticks as fit without their labels touching.
        var xAxis = Axis(lo: 0, hi: 1, log: logX)
        var xTicks: [Tick] = []
        for maxTicks in stride(from: min(10, max(2, Int(plot.width / (style.tickSize * 4)))), through: 2, by: -1) {
            xAxis = xRange.map { Axis.fixed($0.lowerBound, $0.upperBound, log: logX, maxTicks: maxTicks) }
                ?? Axis.fitting(xs, log: logX, maxTicks: maxTicks, include: include,
                                integerTicks: xs.allSatisfy { !$0.isFinite || $0 == $0.rounded() })
            xTicks = zip(xAxis.ticks, xAxis.labels).map { Tick(position: plot.x0 + xAxis.fraction($0) * plot.width, label: $1) }
            if try ChartFrame.labelsFit(xTicks, style: style) { break }
        }
        // A last x label wider than the right margin would be clipped: pull the plot in.
        if let last = xTicks.last {
            let overflow = last.position + Double(try canvas.textWidth(last.label, size: style.tickSize)) / 2
                - (Double(width) - style.padding)
            if overflow > 0 {
                let old = plot
                plot.x1 -= overflow.rounded(.up)
                xTicks = xTicks.map { Tick(position: plot.x0 + ($0.position - old.x0) / old.width * plot.width,
                                           label: $0.label) }
            }
        }
        let yTicks = zip(yAxis.ticks, yAxis.labels).map { Tick(position: plot.y1 - yAxis.fraction($0) * plot.height, label: $1) }
        let px = { (v: Double) in plot.x0 + xAxis.fraction(v) * plot.width }
        let py = { (v: Double) in plot.y1 - yAxis.fraction(v) * plot.height }

        ChartFrame.grid(canvas, plot, xTicks: xTicks, yTicks: yTicks, style: style)
        canvas.clip = (Int(plot.x0), Int(plot.y0), Int(plot.x1), Int(plot.y1))
        if zeroLines {
            if xAxis.lo < 0, xAxis.hi > 0 { canvas.line(px(0), plot.y0, px(0), plot.y1, lineWidth: style.s, Theme.zeroLine) }
            if yAxis.lo < 0, yAxis.hi > 0 { canvas.line(plot.x0, py(0), plot.x1, py(0), lineWidth: style.s, Theme.zeroLine) }
        }
        var allPoints: [(x: Double, y: Double)] = []
        var entries: [Legend.Entry] = []
        for (i, s) in series.enumerated() {
            let color = s.color ?? Palette.color(i)
            let points = zip(s.x, s.y).map { (x, y) -> (x: Double, y: Double) in
                let ok = x.isFinite && y.isFinite && (!logX || x > 0) && (!logY || y > 0)
                return ok ? (px(x), py(y)) : (.nan, .nan)
            }
            if s.style == .markers {
                allPoints += points.filter { $0.x.isFinite }
            } else {
                // Sample the drawn line every few pixels, so the legend avoids ink, not just data points.
                allPoints += Legend.sampled(points, every: 3 * style.s)
            }
            if s.style != .markers {
                canvas.polyline(points, lineWidth: style.lineWidth, color)
            }
            // A lone point (one value, or one between gaps) would be a speck as a line: give it a marker.
            let lonePoints = points.indices.filter { i in
                points[i].x.isFinite && (i == 0 || !points[i - 1].x.isFinite)
                    && (i == points.count - 1 || !points[i + 1].x.isFinite)
            }
            if s.style == .line {
                for i in lonePoints {
                    canvas.disk(cx: points[i].x, cy: points[i].y, radius: style.markerRadius, color)
                }
            }
            if s.style != .line {
                let r = style.markerRadius * markerRadiusFactor
                for p in points where p.x.isFinite {
                    // A thin white ring keeps overlapping markers apart.
                    canvas.disk(cx: p.x, cy: p.y, radius: r + style.s * 0.8, .white, opacity: markerOpacity)
                    canvas.disk(cx: p.x, cy: p.y, radius: r, color, opacity: markerOpacity)
                }
            }
            if !s.name.isEmpty {
                entries.append(.init(name: s.name, color: color, line: s.style != .markers, marker: s.style != .line))
            }
        }
        if entries.count >= 2 {   // one curve needs no legend: its name belongs in the title
            try Legend(entries: entries).draw(on: canvas, in: plot, avoiding: allPoints, style: style)
        }
        canvas.clip = nil
        try ChartFrame.axes(canvas, plot, xTicks: xTicks, yTicks: yTicks,
                            xMinor: xAxis.minorTicks.map(px), yMinor: yAxis.minorTicks.map(py), style: style)
        try ChartFrame.labels(canvas, plot, title: title, xLabel: xLabel, yLabel: yLabel,
                              yLabelX: style.padding, style: style)
        return try canvas.png()
    }
}
