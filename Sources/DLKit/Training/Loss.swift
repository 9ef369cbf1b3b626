/// What a batch is compared with: class indices (classification) or a tensor of target values (regression,
/// binary targets).
public enum Targets {
    case labels([Int])
    case values(Tensor)

    /// The targets of the rows `range` (for batching).
    func rows(_ indices: [Int]) -> Targets {
        switch self {
        case .labels(let l): return .labels(indices.map { l[$0] })
        case .values(let t): return .values(t.rows(indices))
        }
    }

    var count: Int {
        switch self {
        case .labels(let l): return l.count
        case .values(let t): return t.shape.first ?? 0
        }
    }
}

/// The training objective used by `fit` and `evaluate`.
///
/// ```swift
/// model.fit(x: images, labels: labels, epochs: 5, optimizer: opt, loss: .crossEntropy)
/// ```
public enum Loss {
    /// Softmax cross-entropy of logits against integer labels (`crossEntropy(logits:labels:)`).
    case crossEntropy
    /// Mean squared error against target values (`mseLoss`).
    case mse
    /// Binary cross-entropy of probabilities (after a sigmoid) against 0/1 targets.
    case binaryCrossEntropy
    /// Binary cross-entropy of logits (before the sigmoid) against 0/1 targets, computed stably.
    case binaryCrossEntropyWithLogits
    /// Any differentiable function of the model's output and the targets.
    case custom((_ output: Tensor, _ targets: Targets) -> Tensor)

    /// The loss of `output` against `targets`, as a 0-d tensor.
    ///
    /// ```swift
    /// let l = Loss.mse.callAsFunction(prediction, .values(y))
    /// ```
    public func callAsFunction(_ output: Tensor, _ targets: Targets) -> Tensor {
        switch (self, targets) {
        case (.crossEntropy, .labels(let labels)): return DLKit.crossEntropy(logits: output, labels: labels)
        case (.crossEntropy, .values(let t)):
            if t.rank == 1 { return DLKit.crossEntropy(logits: output, labels: classIndices(t, for: "crossEntropy")) }
            guard t.shape == output.shape else {
                fatalError("crossEntropy: one-hot or soft targets \(describe(t.shape)) must have the shape of the model's "
                           + "output \(describe(output.shape))")
            }
            // One-hot or soft targets: −Σ t·log softmax, averaged over rows.
            return -(t * output.logSoftmax(axis: -1)).sum() / Float(Swift.max(output.shape[0], 1))
        case (.mse, _): return mseLoss(output, matching(targets, output, "mse"))
        case (.binaryCrossEntropy, _): return DLKit.binaryCrossEntropy(output, matching(targets, output, "binaryCrossEntropy"))
        case (.binaryCrossEntropyWithLogits, _):
            return DLKit.binaryCrossEntropy(logits: output, targets: matching(targets, output, "binaryCrossEntropyWithLogits"))
        case (.custom(let f), _): return f(output, targets)
        }
    }

    /// The targets as a tensor shaped like `output` (`[N]` targets for an `[N, 1]` output), or a stop that
    /// names both shapes when they hold different numbers of values.
    private func matching(_ targets: Targets, _ output: Tensor, _ loss: String) -> Tensor {
        let t: Tensor
        switch targets { case .labels(let l): t = Tensor(ints: l); case .values(let v): t = v }
        guard t.count == output.count else {
            fatalError("\(loss) loss: the model's output \(describe(output.shape)) and the targets \(describe(t.shape)) "
                       + "hold \(output.count) and \(t.count) values — one target per output is needed")
        }
        return t.shape == output.shape ? t : t.reshaped(output.shape)
    }

    /// How many predictions in `output` are right, or nil when accuracy does not apply (regression).
    func correctCount(_ output: Tensor, _ targets: Targets) -> Int? {
        switch (self, targets) {
        case (.crossEntropy, .labels(let labels)), (.custom, .labels(let labels)):
            guard output.rank == 2, output.shape[0] == labels.count else { return nil }
            return zip(output.argmax(axis: 1), labels).filter { $0 == $1 }.count
        case (.binaryCrossEntropy, _), (.binaryCrossEntropyWithLogits, _):
            let threshold: Float = { if case .binaryCrossEntropy = self { return 0.5 } else { return 0 } }()
            let truth: [Float]
            switch targets { case .labels(let l): truth = l.map(Float.init); case .values(let t): truth = t.scalars }
            guard truth.count == output.count else { return nil }
            return zip(output.scalars, truth).filter { ($0 > threshold ? 1 : 0) == ($1 > 0.5 ? 1 : 0) }.count
        default:
            return nil
        }
    }
}
