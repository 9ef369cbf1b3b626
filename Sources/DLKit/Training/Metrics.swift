/// The fraction of rows of `logits` (`[N, classes]`) whose largest entry is at the label's position.
///
/// ```swift
/// let acc = accuracy(logits: model(x), labels: y)   // e.g. 0.97
/// ```
public func accuracy(logits: Tensor, labels: [Int]) -> Float {
    guard logits.rank == 2, logits.shape[0] == labels.count else {
        fatalError("accuracy: logits \(describe(logits.shape)) need one row per label (\(labels.count) labels)")
    }
    guard !labels.isEmpty else { return 0 }
    let correct = zip(logits.argmax(axis: 1), labels).filter { $0 == $1 }.count
    return Float(correct) / Float(labels.count)
}

/// The confusion matrix: entry [i][j] counts samples of true class i predicted as class j.
///
/// ```swift
/// let cm = confusionMatrix(predicted: logits.argmax(axis: 1), actual: labels, classes: 10)
/// ```
public func confusionMatrix(predicted: [Int], actual: [Int], classes: Int) -> [[Int]] {
    guard predicted.count == actual.count else {
        fatalError("confusionMatrix: \(predicted.count) predictions but \(actual.count) true labels")
    }
    var m = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    for (p, a) in zip(predicted, actual) {
        guard (0..<classes).contains(p), (0..<classes).contains(a) else {
            fatalError("confusionMatrix: class \(a) → \(p) is outside 0..<\(classes)")
        }
        m[a][p] += 1
    }
    return m
}

/// The numbers `fit` reports after each epoch.
public struct EpochMetrics: Equatable, CustomStringConvertible {
    /// 1-based epoch number.
    public let epoch: Int
    /// Mean training loss over the epoch's batches (weighted by batch size).
    public let loss: Float
    /// Training accuracy over the epoch (measured on each batch as it was trained), if it applies.
    public let accuracy: Float?
    public let validationLoss: Float?
    public let validationAccuracy: Float?
    /// Wall-clock seconds of the epoch (training only).
    public let seconds: Double

    public init(epoch: Int, loss: Float, accuracy: Float?, validationLoss: Float?, validationAccuracy: Float?, seconds: Double) {
        self.epoch = epoch; self.loss = loss; self.accuracy = accuracy
        self.validationLoss = validationLoss; self.validationAccuracy = validationAccuracy; self.seconds = seconds
    }

    public var description: String {
        var parts = ["loss \(fmt(loss))"]
        if let accuracy { parts.append("accuracy \(pct(accuracy))") }
        if let validationLoss { parts.append("val_loss \(fmt(validationLoss))") }
        if let validationAccuracy { parts.append("val_accuracy \(pct(validationAccuracy))") }
        parts.append(String(format1: seconds) + " s")
        return "epoch \(epoch): " + parts.joined(separator: ", ")
    }
}

/// Everything `fit` measured, one entry per epoch, ready to chart.
///
/// ```swift
/// let h = model.fit(x: x, labels: y, epochs: 5, optimizer: opt)
/// print(h.losses)   // [0.31, 0.14, …]
/// ```
public struct TrainingHistory {
    public internal(set) var epochs: [EpochMetrics] = []
    /// The loss of every batch, in order (for a per-step curve).
    public internal(set) var batchLosses: [Float] = []
    public var losses: [Float] { epochs.map(\.loss) }
    public var accuracies: [Float] { epochs.compactMap(\.accuracy) }
    public var validationLosses: [Float] { epochs.compactMap(\.validationLoss) }
    public var validationAccuracies: [Float] { epochs.compactMap(\.validationAccuracy) }
}

/// Loss and accuracy of a model on a data set, from `evaluate`.
public struct Evaluation: Equatable, CustomStringConvertible {
    public let loss: Float
    public let accuracy: Float?
    public var description: String {
        "loss \(fmt(loss))" + (accuracy.map { ", accuracy \(pct($0))" } ?? "")
    }
}

func fmt(_ v: Float) -> String {
    let scaled = (Double(v) * 10_000).rounded() / 10_000
    return String(scaled)
}

func pct(_ v: Float) -> String {
    String((Double(v) * 10_000).rounded() / 100) + " %"
}

extension String {
    init(format1 v: Double) { self = String((v * 100).rounded() / 100) }
}
