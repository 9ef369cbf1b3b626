/// Early stopping with patience: watch a validation loss after every epoch and stop once it has not improved
/// (by more than `minDelta`) for `patience` epochs in a row — Keras' `EarlyStopping(monitor="val_loss",
/// patience=…)`. Keep the weights of `bestEpoch` (save them when `improved` is true) and put them back at the end.
///
/// ```swift
/// var stopper = EarlyStopping(patience: 3)
/// for epoch in 1...50 { …; if stopper.shouldStop(validationLoss: loss, epoch: epoch) { break } }
/// ```
public struct EarlyStopping: Equatable {
    public let patience: Int
    public let minDelta: Float
    /// The lowest loss seen so far, and the epoch it came from (0 before the first epoch).
    public private(set) var bestLoss: Float = .infinity
    public private(set) var bestEpoch = 0
    /// Epochs since the last improvement.
    public private(set) var epochsWithoutImprovement = 0
    /// Whether the last recorded epoch improved on the best loss (the moment to keep a copy of the weights).
    public private(set) var improved = false

    /// Creates the rule; `patience` ≥ 1 epochs, `minDelta` ≥ 0.
    ///
    /// ```swift
    /// var stopper = EarlyStopping(patience: 2, minDelta: 1e-3)
    /// ```
    public init(patience: Int, minDelta: Float = 0) {
        guard patience >= 1, minDelta >= 0 else {
            fatalError("EarlyStopping: patience must be at least 1 and minDelta ≥ 0, got \(patience) and \(minDelta)")
        }
        self.patience = patience
        self.minDelta = minDelta
    }

    /// Records the validation loss of `epoch`; `true` when the last `patience` epochs brought no improvement.
    ///
    /// ```swift
    /// if stopper.shouldStop(validationLoss: 0.31, epoch: 4) { print("stop; best epoch", stopper.bestEpoch) }
    /// ```
    public mutating func shouldStop(validationLoss loss: Float, epoch: Int) -> Bool {
        improved = loss < bestLoss - minDelta
        if improved {
            bestLoss = loss
            bestEpoch = epoch
            epochsWithoutImprovement = 0
        } else {
            epochsWithoutImprovement += 1
        }
        return epochsWithoutImprovement >= patience
    }
}
