/// Draws the parts every chart with axes shares: grid, frame, ticks and their labels, axis labels, title.
enum ChartFrame {
    /// Background grid lines at the ticks (drawn before the data).
    static func grid(_ canvas: Canvas, _ plot: Rect, xTicks: [Tick], yTicks: [Tick], style: ChartStyle) {
        let g = style.gridWidth
        for t in xTicks {
            let x = Int(t.position.rounded(.down))
            canvas.fill(x0: x - g / 2, y0: Int(plot.y0), x1: x - g / 2 + g, y1: Int(plot.y1), Theme.grid)
        }
        for t in yTicks {
            let y = Int(t.position.rounded(.down))
            canvas.fill(x0: Int(plot.x0), y0: y - g / 2, x1: Int(plot.x1), y1: y - g / 2 + g, Theme.grid)
        }
    }

    /// The frame, tick marks and tick labels (drawn after the data, so they stay on top).
    static func axes(_ canvas: Canvas, _ plot: Rect, xTicks: [Tick], yTicks: [Tick],
                     xMinor: [Double] = [], yMinor: [Double] = [], style: ChartStyle) throws {
        let w = style.spineWidth
        canvas.frame(x0: Int(plot.x0) - w, y0: Int(plot.y0) - w, x1: Int(plot.x1) + w, y1: Int(plot.y1) + w,
                     thickness: w, Theme.spine)
        let len = Int(style.tickLength.rounded())
        for t in xTicks {
            let x = Int(t.position.rounded(.down))
            canvas.fill(x0: x - w / 2, y0: Int(plot.y1), x1: x - w / 2 + w, y1: Int(plot.y1) + w + len, Theme.spine)
            try canvas.text(t.label, x: t.position, y: plot.y1 + Double(w + len) + style.tickGap,
                            size: style.tickSize, color: Theme.tickText, hAlign: .center, vAlign: .top)
        }
        for y in xMinor {
            let x = Int(y.rounded(.down))
            canvas.fill(x0: x, y0: Int(plot.y1), x1: x + w, y1: Int(plot.y1) + w + len / 2, Theme.spine)
        }
        for t in yTicks {
            let y = Int(t.position.rounded(.down))
            canvas.fill(x0: Int(plot.x0) - w - len, y0: y - w / 2, x1: Int(plot.x0), y1: y - w / 2 + w, Theme.spine)
            try canvas.text(t.label, x: plot.x0 - Double(w + len) - style.tickGap, y: t.position,
                            size: style.tickSize, color: Theme.tickText, hAlign: .right, vAlign: .middle)
        }
        for v in yMinor {
            let y = Int(v.rounded(.down))
            canvas.fill(x0: Int(plot.x0) - w - len / 2, y0: y, x1: Int(plot.x0), y1: y + w, Theme.spine)
        }
    }

    /// Title centred above the plot, x label under the tick labels, y label rotated at the far left.
    static func labels(_ canvas: Canvas, _ plot: Rect, title: String, xLabel: String, yLabel: String,
                       yLabelX: Double, style: ChartStyle) throws {
        if !title.isEmpty {
            try canvas.text(title, x: plot.midX, y: plot.y0 - style.padding * 1.1, size: style.titleSize,
                            bold: true, hAlign: .center, vAlign: .baseline)
        }
        if !xLabel.isEmpty {
            let y = plot.y1 + style.tickLength + style.tickGap * 2 + style.tickSize * 1.0 + style.labelSize * 0.45
            try canvas.text(xLabel, x: plot.midX, y: y, size: style.labelSize, hAlign: .center, vAlign: .top)
        }
        if !yLabel.isEmpty {
            try canvas.text(yLabel, x: yLabelX, y: plot.midY, size: style.labelSize,
                            hAlign: .center, vAlign: .top, rotated: true)
        }
    }

    /// Space above the plot for the title.
    static func topMargin(title: String, style: ChartStyle) -> Double {
        style.padding + (title.isEmpty ? style.tickSize * 0.6 : style.titleSize * 1.9)
    }

    /// Space below the plot for tick labels and the x label.
    static func bottomMargin(xLabel: String, style: ChartStyle) -> Double {
        style.padding + style.tickLength + style.tickGap + style.tickSize * 1.1
            + (xLabel.isEmpty ? 0 : style.tickGap + style.labelSize * 1.2)
    }

    /// Space left of the plot for the y label and the widest y tick label.
    static func leftMargin(yLabel: String, widestTick: Double, style: ChartStyle) -> Double {
        style.padding + (yLabel.isEmpty ? 0 : style.labelSize * 1.5) + widestTick + style.tickLength
            + style.tickGap + Double(style.spineWidth)
    }

    /// Whether labels centred at `positions` leave at least one em between neighbours.
    static func labelsFit(_ ticks: [Tick], style: ChartStyle) throws -> Bool {
        guard ticks.count > 1 else { return true }
        let widths = try ticks.map { Double(try Canvas.textWidth($0.label, size: style.tickSize)) }
        for i in 1..<ticks.count {
            let gap = ticks[i].position - ticks[i - 1].position
            if gap < (widths[i] + widths[i - 1]) / 2 + style.tickSize { return false }
        }
        return true
    }
}
