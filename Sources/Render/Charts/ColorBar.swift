/// The vertical scale next to a heatmap: the colour map from bottom (low) to top (high), with ticks.
struct ColorBar {
    var map: ColorMap
    var axis: Axis

    func draw(on canvas: Canvas, in bar: Rect, style: ChartStyle) throws {
        let x0 = Int(bar.x0), x1 = Int(bar.x1), y0 = Int(bar.y0), y1 = Int(bar.y1)
        for y in y0..<y1 {
            // The top pixel row is the top colour exactly, the bottom row the bottom colour.
            let t = y1 - y0 > 1 ? Double(y1 - 1 - y) / Double(y1 - y0 - 1) : 1
            canvas.fill(x0: x0, y0: y, x1: x1, y1: y + 1, map.color(at: t))
        }
        let w = style.spineWidth
        canvas.frame(x0: x0 - w, y0: y0 - w, x1: x1 + w, y1: y1 + w, thickness: w, Theme.spine)
        let len = Int(style.tickLength.rounded())
        for (v, label) in zip(axis.ticks, axis.labels) {
            let y = bar.y1 - axis.fraction(v) * bar.height
            canvas.fill(x0: x1 + w, y0: Int(y) - w / 2, x1: x1 + w + len, y1: Int(y) - w / 2 + w, Theme.spine)
            try canvas.text(label, x: Double(x1 + w + len) + style.tickGap, y: y, size: style.tickSize,
                            color: Theme.tickText, hAlign: .left, vAlign: .middle)
        }
    }
}
