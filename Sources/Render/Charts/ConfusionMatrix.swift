/// A confusion matrix: how often each true class (row) was predicted as each class (column), counts written
/// in the cells on a white → blue scale. The diagonal holds the correct predictions.
///
///     let cm = try ConfusionMatrix(truth: labels, predicted: predictions, classes: (0...9).map(String.init))
///     let png = try cm.render()
public struct ConfusionMatrix: Sendable, Equatable {
    public var title: String
    public var classes: [String]
    /// Row-major counts: `counts[t * n + p]` examples of true class t were predicted as p.
    public var counts: [Int]

    /// A matrix from counts already tallied (`classes.count`² of them, row = true class).
    public init(title: String = "Confusion matrix", counts: [Int], classes: [String]) throws {
        guard !classes.isEmpty else { throw PictureError.emptyData(what: "ConfusionMatrix (no classes)") }
        guard counts.count == classes.count * classes.count else {
            throw PictureError.badShape(what: "ConfusionMatrix of \(classes.count) classes",
                                        expected: classes.count * classes.count, got: counts.count)
        }
        self.title = title
        self.counts = counts
        self.classes = classes
    }

    /// Tallies true and predicted class indices (each in 0..<classes.count).
    public init(title: String = "Confusion matrix", truth: [Int], predicted: [Int], classes: [String]) throws {
        guard truth.count == predicted.count else {
            throw PictureError.invalidArgument(
                "ConfusionMatrix: \(truth.count) true labels but \(predicted.count) predictions; they must pair up")
        }
        let n = classes.count
        var counts = [Int](repeating: 0, count: n * n)
        for (t, p) in zip(truth, predicted) {
            guard (0..<n).contains(t), (0..<n).contains(p) else {
                throw PictureError.invalidArgument(
                    "ConfusionMatrix: label \((0..<n).contains(t) ? p : t) is not a class index (0..<\(n))")
            }
            counts[t * n + p] += 1
        }
        try self.init(title: title, counts: counts, classes: classes)
    }

    /// The fraction of examples on the diagonal.
    public var accuracy: Double {
        let n = classes.count
        let total = counts.reduce(0, +)
        return total == 0 ? 0 : Double((0..<n).map { counts[$0 * n + $0] }.reduce(0, +)) / Double(total)
    }

    /// The heatmap this matrix is drawn as.
    public var heatmap: Heatmap {
        Heatmap(title: title, xLabel: "predicted", yLabel: "true", values: counts.map(Double.init),
                rows: classes.count, cols: classes.count, colorMap: .blues,
                range: 0...Double(max(1, counts.max() ?? 1)),
                rowLabels: classes, colLabels: classes, annotate: true)
    }

    public func render(width: Int = 1280, height: Int = 1000) throws -> PNGImage {
        try heatmap.render(width: width, height: height).described(summary)
    }
}
