import Foundation

/// Cross-entropy between logits (unnormalized scores, `[N, classes]`) and integer class labels,
/// averaged over the batch: mean of −log softmax(logits)[label]. Softmax and log are fused, so it is
/// stable for large logits, and the gradient is (softmax − one-hot)/N.
///
/// ```swift
/// let loss = crossEntropy(logits: model(x), labels: [3, 1, 4])
/// ```
public func crossEntropy(logits: Tensor, labels: [Int]) -> Tensor {
    guard logits.rank == 2 else {
        fatalError("crossEntropy: logits must be [batch, classes], got shape \(describe(logits.shape))")
    }
    let (n, c) = (logits.shape[0], logits.shape[1])
    guard labels.count == n else {
        fatalError("crossEntropy: \(n) rows of logits \(describe(logits.shape)) but \(labels.count) labels "
                   + "\(describe([labels.count])) — one label per row; are the logits and labels from the same batch?")
    }
    for (i, y) in labels.enumerated() where y < 0 || y >= c {
        fatalError("crossEntropy: label \(y) at position \(i) is outside 0..<\(c) (logits have \(c) classes)")
    }
    var probabilities = [Float](repeating: 0, count: n * c)
    var total: Double = 0
    logits.withUnsafeBufferPointer { z in
        probabilities.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                let row = i * c
                var m = z[row]
                for j in 1..<c where z[row + j] > m { m = z[row + j] }
                var s: Float = 0
                for j in 0..<c { let e = Foundation.exp(z[row + j] - m); p[row + j] = e; s += e }
                let inv = 1 / s
                for j in 0..<c { p[row + j] *= inv }
                total += Double(Foundation.log(s) + m - z[row + labels[i]])
            }
        }
    }
    let value = Tensor(Float(total / Double(max(n, 1))))
    return Tensor.makeResult(value: value, parents: [logits], op: "crossEntropy") { g in
        let scale = g.scalars[0] / Float(n)
        var grad = probabilities
        for i in 0..<n { grad[i * c + labels[i]] -= 1 }
        for k in 0..<grad.count { grad[k] *= scale }
        return [Tensor(shape: [n, c], scalars: grad)]
    }
}

/// Cross-entropy with labels given as a tensor of class indices (stored as floats).
///
/// ```swift
/// let loss = crossEntropy(logits: model(x), labels: Tensor([3, 1, 4]))
/// ```
public func crossEntropy(logits: Tensor, labels: Tensor) -> Tensor {
    guard labels.rank == 1 else {
        fatalError("crossEntropy: labels \(describe(labels.shape)) must be one class index per row, shape [batch]"
                   + (labels.rank == 2 ? "; for one-hot labels pass labels.argmax(axis: 1)" : ""))
    }
    return crossEntropy(logits: logits, labels: classIndices(labels, for: "crossEntropy"))
}

/// Class indices stored as floats, checked to be whole numbers (`Int(Float.nan)` would trap unexplained).
func classIndices(_ labels: Tensor, for caller: String) -> [Int] {
    labels.scalars.enumerated().map { i, v in
        guard v.isFinite, v == v.rounded() else {
            fatalError("\(caller): label \(v) at position \(i) is not a class index (a whole number)")
        }
        return Int(v)
    }
}

/// Mean squared error: mean of (prediction − target)². Shapes must match.
///
/// ```swift
/// let loss = mseLoss(model(x), y)
/// ```
public func mseLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
    guard prediction.shape == target.shape else {
        let hint = prediction.count == target.count ? "; reshape one, e.g. target.reshaped(\(describe(prediction.shape)))" : ""
        fatalError("mseLoss: prediction \(describe(prediction.shape)) and target \(describe(target.shape)) must have the same shape\(hint)")
    }
    return named((prediction - target).square().mean(), "mseLoss")
}

/// The same value under one graph node called `op`, so that `print(loss)` says which loss it is
/// ("grad history (mseLoss)" rather than the last arithmetic step); the gradient passes through unchanged.
private func named(_ loss: Tensor, _ op: String) -> Tensor {
    guard loss.node != nil else { return loss }
    return Tensor.makeResult(value: loss.detached(), parents: [loss], op: op) { g in [g] }
}

/// Binary cross-entropy of probabilities p ∈ (0, 1) against 0/1 targets: mean of
/// −[y·log p + (1 − y)·log(1 − p)]. Probabilities are clamped to [1e-7, 1 − 1e-7] so log stays finite.
///
/// ```swift
/// let loss = binaryCrossEntropy(model(x).sigmoid(), y)
/// ```
public func binaryCrossEntropy(_ probabilities: Tensor, _ targets: Tensor) -> Tensor {
    guard probabilities.shape == targets.shape else {
        fatalError("binaryCrossEntropy: probabilities \(describe(probabilities.shape)) and targets \(describe(targets.shape)) must have the same shape")
    }
    let p = probabilities.clamped(1e-7, 1 - 1e-7)
    return named(-(targets * p.log() + (1 - targets) * (1 - p).log()).mean(), "binaryCrossEntropy")
}

/// Binary cross-entropy computed from logits z (before the sigmoid), stably:
/// mean of max(z, 0) − z·y + log(1 + e^(−|z|)). Gradient: (σ(z) − y)/N.
///
/// ```swift
/// let loss = binaryCrossEntropy(logits: model(x), targets: y)
/// ```
public func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
    guard logits.shape == targets.shape else {
        fatalError("binaryCrossEntropy: logits \(describe(logits.shape)) and targets \(describe(targets.shape)) must have the same shape")
    }
    let n = Float(max(logits.count, 1))
    var total: Double = 0
    for (z, y) in zip(logits.scalars, targets.scalars) {
        total += Double(max(z, 0) - z * y + Foundation.log(1 + Foundation.exp(-abs(z))))
    }
    return Tensor.makeResult(value: Tensor(Float(total) / n), parents: [logits], op: "bce(logits)") { g in
        let s = withoutGrad { logits.detached().sigmoid() }
        return [(s - targets) * (g.scalars[0] / n)]
    }
}
