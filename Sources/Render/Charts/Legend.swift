/// A legend box in a corner of the plot: a swatch and the name of each series. The corner is the one that
/// covers the fewest data points (upper right first, as matplotlib's "best").
struct Legend {
    struct Entry {
        var name: String
        var color: Color
        var line: Bool
        var marker: Bool
    }

    var entries: [Entry]

    func draw(on canvas: Canvas, in plot: Rect, avoiding points: [(x: Double, y: Double)],
              style: ChartStyle) throws {
        guard !entries.isEmpty else { return }
        let size = style.legendSize
        let rowHeight = size * 1.55
        let swatch = size * 2.2
        let inner = size * 0.75
        let textWidth = try entries.map { Double(try canvas.textWidth($0.name, size: size)) }.max() ?? 0
        let boxW = inner * 2 + swatch + size * 0.6 + textWidth
        let boxH = inner * 1.4 + rowHeight * Double(entries.count)
        let inset = style.padding * 0.8
        let corners = [
            Rect(x0: plot.x1 - inset - boxW, y0: plot.y0 + inset, x1: plot.x1 - inset, y1: plot.y0 + inset + boxH),
            Rect(x0: plot.x0 + inset, y0: plot.y0 + inset, x1: plot.x0 + inset + boxW, y1: plot.y0 + inset + boxH),
            Rect(x0: plot.x0 + inset, y0: plot.y1 - inset - boxH, x1: plot.x0 + inset + boxW, y1: plot.y1 - inset),
            Rect(x0: plot.x1 - inset - boxW, y0: plot.y1 - inset - boxH, x1: plot.x1 - inset, y1: plot.y1 - inset),
        ]
        var best = corners[0]
        var fewest = Int.max
        for box in corners {
            let covered = points.reduce(0) { $0 + (box.contains($1.x, $1.y) ? 1 : 0) }
            if covered < fewest { fewest = covered; best = box }
        }
        // A white box, slightly see-through, with a light frame.
        let x0 = Int(best.x0), y0 = Int(best.y0), x1 = Int(best.x1), y1 = Int(best.y1)
        for y in y0..<y1 { for x in x0..<x1 { canvas.blend(x, y, .white, 0.88) } }
        canvas.frame(x0: x0, y0: y0, x1: x1, y1: y1, thickness: style.spineWidth, Theme.legendFrame)
        for (i, e) in entries.enumerated() {
            let cy = best.y0 + inner * 0.7 + rowHeight * (Double(i) + 0.5)
            let sx = best.x0 + inner
            if e.line {
                canvas.line(sx, cy, sx + swatch, cy, lineWidth: style.lineWidth, e.color)
            }
            if e.marker {
                canvas.disk(cx: sx + swatch / 2, cy: cy, radius: style.markerRadius * 1.1, e.color)
            }
            try canvas.text(e.name, x: sx + swatch + size * 0.6, y: cy, size: size, hAlign: .left, vAlign: .middle)
        }
    }
}
