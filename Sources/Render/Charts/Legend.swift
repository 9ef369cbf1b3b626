/// A legend box inside the plot: a swatch and the name of each series. Like matplotlib's "best", it goes to
/// the candidate place (four corners, then the middles of the sides, then the centre) that covers the least ink.
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
        let x0s = [plot.x1 - inset - boxW, plot.x0 + inset, plot.midX - boxW / 2]
        let y0s = [plot.y0 + inset, plot.y1 - inset - boxH, plot.midY - boxH / 2]
        // Upper right, upper left, lower left, lower right, right, left, bottom, top, centre.
        let order = [(0, 0), (1, 0), (1, 1), (0, 1), (0, 2), (1, 2), (2, 1), (2, 0), (2, 2)]
        let candidates = order.map { Rect(x0: x0s[$0.0], y0: y0s[$0.1], x1: x0s[$0.0] + boxW, y1: y0s[$0.1] + boxH) }
        var best = candidates[0]
        var fewest = Int.max
        for box in candidates {
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

    /// Points along a polyline no more than `step` pixels apart (NaN points break the line).
    static func sampled(_ points: [(x: Double, y: Double)], every step: Double) -> [(x: Double, y: Double)] {
        var out: [(x: Double, y: Double)] = []
        var previous: (x: Double, y: Double)? = nil
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
            if let a = previous {
                let dx = p.x - a.x, dy = p.y - a.y
                let n = max(1, min(4096, pixel(((dx * dx + dy * dy).squareRoot() / step).rounded(.up))))
                for k in 1...n { out.append((a.x + dx * Double(k) / Double(n), a.y + dy * Double(k) / Double(n))) }
            } else {
                out.append(p)
            }
            previous = p
        }
        return out
    }
}
