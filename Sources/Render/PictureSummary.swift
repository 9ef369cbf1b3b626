import Foundation

/// What each chart and image says of itself in words: the alt text of the page's `<img>` (and the caption in
/// the terminal). Built from what the picture was made of — kind, title, axis labels, series names and ranges,
/// sizes, captions — so a screen reader hears what a sighted reader sees.
///
///     LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss", series: [Series("train", y: [2.3, 0.4])]).summary
///     // "Line chart “Loss”. x: epoch; y: loss. 1 series: train (2 points, from 2.3 to 0.4)."
enum PictureSummary {
    /// `Line chart “Title”`, or just the kind when there is no title.
    static func kind(_ kind: String, title: String) -> String {
        title.isEmpty ? kind : "\(kind) “\(title)”"
    }

    /// `x: epoch; y: loss (log scale)`, leaving out labels that are empty.
    static func axes(x: String, y: String, logY: Bool = false) -> String {
        var parts: [String] = []
        if !x.isEmpty { parts.append("x: \(x)") }
        if !y.isEmpty || logY { parts.append("y: \(y.isEmpty ? "values" : y)\(logY ? " (log scale)" : "")") }
        return parts.joined(separator: "; ")
    }

    /// Sentences joined: empty ones dropped, each ended with a full stop.
    static func sentences(_ parts: [String]) -> String {
        parts.filter { !$0.isEmpty }.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// A list of at most `limit` items, then how many more: `0, 1, 2 and 7 more`.
    static func list(_ items: [String], limit: Int = 10) -> String {
        guard items.count > limit else { return items.joined(separator: ", ") }
        return items.prefix(limit).joined(separator: ", ") + " and \(items.count - limit) more"
    }

    /// A number as a reader would say it: up to 4 significant digits, no trailing zeros.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        if value == value.rounded() && abs(value) < 1e6 { return String(Int(value)) }
        var text = String(format: "%.4g", value)
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `train (5 points, from 2.3 to 0.3)` — the first and last finite y, what a reader of a curve looks at.
    static func series(_ series: [Series], points: Bool = true) -> String {
        let items = series.map { s -> String in
            let name = s.name.isEmpty ? "unnamed" : s.name
            let ys = s.y.filter(\.isFinite)
            guard points, let first = ys.first, let last = ys.last else { return name }
            return "\(name) (\(s.y.count) point\(s.y.count == 1 ? "" : "s"), from \(number(first)) to \(number(last)))"
        }
        return "\(series.count) series: " + list(items, limit: 8)
    }

    /// `28 × 28 pixels`.
    static func size(width: Int, height: Int) -> String { "\(width) × \(height) pixels" }
}

extension LineChart {
    public var summary: String {
        PictureSummary.sentences([PictureSummary.kind("Line chart", title: title),
                                  PictureSummary.axes(x: xLabel, y: yLabel, logY: logY), PictureSummary.series(series)])
    }
}

extension ScatterPlot {
    public var summary: String {
        let counts = series.map { "\($0.name.isEmpty ? "unnamed" : $0.name) (\($0.x.count) points)" }
        return PictureSummary.sentences([PictureSummary.kind("Scatter plot", title: title),
                                         PictureSummary.axes(x: xLabel, y: yLabel),
                                         "\(series.count) series: " + PictureSummary.list(counts, limit: 8)])
    }
}

extension FunctionPlot {
    public var summary: String {
        let range = "x from \(PictureSummary.number(x.lowerBound)) to \(PictureSummary.number(x.upperBound))"
        return PictureSummary.sentences([PictureSummary.kind("Function plot", title: title),
                                         "Functions: " + PictureSummary.list(functions.map(\.name)) + ", " + range,
                                         PictureSummary.axes(x: xLabel, y: yLabel)])
    }
}

extension BarChart {
    public var summary: String {
        let bars = zip(labels, values).map { "\($0) = \(PictureSummary.number($1))" }
        var parts = [PictureSummary.kind("Bar chart", title: title), PictureSummary.axes(x: xLabel, y: yLabel),
                     "\(values.count) bar\(values.count == 1 ? "" : "s"): " + PictureSummary.list(bars, limit: 12)]
        if let highlight, labels.indices.contains(highlight) { parts.append("Highlighted: \(labels[highlight])") }
        return PictureSummary.sentences(parts)
    }
}

extension Heatmap {
    public var summary: String {
        let finite = values.filter(\.isFinite)
        let range = finite.isEmpty ? "" : "values from \(PictureSummary.number(finite.min()!)) to \(PictureSummary.number(finite.max()!))"
        return PictureSummary.sentences([PictureSummary.kind("Heatmap", title: title),
                                         "\(rows) rows × \(cols) columns" + (range.isEmpty ? "" : ", " + range),
                                         PictureSummary.axes(x: xLabel, y: yLabel)])
    }
}

extension ConfusionMatrix {
    public var summary: String {
        PictureSummary.sentences([PictureSummary.kind("Confusion matrix", title: title == "Confusion matrix" ? "" : title),
                                  "\(classes.count) classes: " + PictureSummary.list(classes),
                                  "Rows: true class; columns: predicted class",
                                  "\(counts.reduce(0, +)) examples, accuracy \(PictureSummary.number((accuracy * 1000).rounded() / 10)) %"])
    }
}

extension GrayImage {
    public var summary: String { "Grayscale image, \(PictureSummary.size(width: width, height: height))." }
}

extension ColorImage {
    public var summary: String { "Colour image, \(PictureSummary.size(width: width, height: height))." }
}

extension MappedImage {
    public var summary: String {
        "Image of values shown in colours (\(colorMap.name == "redBlue" ? "red–blue" : colorMap.name)), \(PictureSummary.size(width: width, height: height))."
    }
}

extension FeatureMaps {
    public var summary: String {
        PictureSummary.sentences([PictureSummary.kind("Feature maps", title: title),
                                  "\(channels) channel\(channels == 1 ? "" : "s") of \(width) × \(height) pixels, "
                                  + "colours: \(effectiveColorMap.name == "redBlue" ? "red–blue" : effectiveColorMap.name)",
                                  labels.map { "Labels: " + PictureSummary.list($0) } ?? ""])
    }
}

extension ImageGrid {
    public var summary: String {
        let kind = channels == 3 ? "colour" : "grayscale"
        var parts = [PictureSummary.kind("Image grid", title: title),
                     "\(count) \(kind) image\(count == 1 ? "" : "s") of \(width) × \(height) pixels"]
        let named = (captions ?? []).filter { !$0.isEmpty }
        if !named.isEmpty { parts.append("Captions: " + PictureSummary.list(captions!.map { $0.isEmpty ? "–" : $0 }, limit: 16)) }
        if !highlighted.isEmpty { parts.append("Highlighted: " + PictureSummary.list(highlighted.sorted().map { captions?[$0].nonEmpty ?? "image \($0 + 1)" })) }
        return PictureSummary.sentences(parts)
    }
}

extension MatrixGrid {
    public var summary: String {
        var parts = [PictureSummary.kind("Matrix", title: title) + ", \(rows) × \(cols)"]
        if rows * cols <= 36 {
            let texts = cellTexts
            parts.append("Rows: " + (0..<rows).map { r in "[" + texts[(r * cols)..<((r + 1) * cols)].joined(separator: ", ") + "]" }
                .joined(separator: ", "))
        }
        if !highlight.isEmpty { parts.append("\(highlight.count) highlighted region\(highlight.count == 1 ? "" : "s")") }
        return PictureSummary.sentences(parts)
    }
}

extension MatrixRow {
    public var summary: String {
        var words: [String] = []
        for (i, item) in items.enumerated() {
            words.append(item.title.isEmpty ? "a \(item.rows) × \(item.cols) matrix" : "\(item.title) (\(item.rows) × \(item.cols))")
            if i < operators.count { words.append(operators[i]) }
        }
        return "Matrices: " + words.joined(separator: " ") + "."
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
