/// Sizes of text, lines and gaps for a chart, all proportional to one factor `s` so a chart looks the same
/// at any resolution. At the default 1280×800 pixels, s = 2: the picture is meant to be shown at 640×400 CSS
/// pixels on a high-DPI screen.
struct ChartStyle {
    let s: Double

    init(width: Int, height: Int) {
        s = max(0.75, min(Double(width) / 640, Double(height) / 400))
    }

    var titleSize: Double { 16 * s }
    var labelSize: Double { 13.5 * s }
    var tickSize: Double { 12 * s }
    var legendSize: Double { 12.5 * s }
    var annotationSize: Double { 12 * s }
    var padding: Double { 12 * s }
    var tickLength: Double { 5 * s }
    var tickGap: Double { 5 * s }
    var lineWidth: Double { 2.25 * s }
    var gridWidth: Int { max(1, Int((1 * s).rounded())) }
    var spineWidth: Int { max(1, Int((1 * s).rounded())) }
    var markerRadius: Double { 4 * s }
}

/// A rectangle in pixel coordinates (y grows downwards).
struct Rect {
    var x0: Double, y0: Double, x1: Double, y1: Double
    var width: Double { x1 - x0 }
    var height: Double { y1 - y0 }
    var midX: Double { (x0 + x1) / 2 }
    var midY: Double { (y0 + y1) / 2 }
    func contains(_ x: Double, _ y: Double) -> Bool { x >= x0 && x <= x1 && y >= y0 && y <= y1 }
}

/// A tick: its pixel position along the axis and its label.
struct Tick {
    var position: Double
    var label: String
}
