/// Stochastic gradient descent, optionally with momentum and L2 weight decay (PyTorch's `optim.SGD`):
/// g ← ∇ + λ·w;  v ← μ·v + g;  w ← w − η·v  (with μ = 0: w ← w − η·g).
///
/// ```swift
/// let opt = SGD(model.parameters, learningRate: 0.1, momentum: 0.9)
/// ```
public final class SGD: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private var velocity: [[Float]]

    /// Creates the optimizer for `parameters`.
    ///
    /// ```swift
    /// let opt = SGD(model.parameters, learningRate: 0.01, weightDecay: 1e-4)
    /// ```
    public init(_ parameters: [Parameter], learningRate: Float = 0.01, momentum: Float = 0, weightDecay: Float = 0) {
        guard learningRate >= 0, momentum >= 0, momentum < 1, weightDecay >= 0 else {
            fatalError("SGD: need learningRate ≥ 0, 0 ≤ momentum < 1, weightDecay ≥ 0; got \(learningRate), \(momentum), \(weightDecay)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.velocity = parameters.map { _ in [] }
    }

    public func step() {
        let lr = learningRate, mu = momentum, wd = weightDecay
        for (k, p) in parameters.enumerated() where !p.isFrozen {
            guard let grad = p.grad else { continue }
            if mu != 0 && velocity[k].isEmpty { velocity[k] = [Float](repeating: 0, count: grad.count) }
            grad.withUnsafeBufferPointer { g in
                p.update { w in
                    if mu == 0 {
                        for i in 0..<w.count { w[i] -= lr * (g[i] + wd * w[i]) }
                    } else {
                        velocity[k].withUnsafeMutableBufferPointer { v in
                            for i in 0..<w.count {
                                v[i] = mu * v[i] + g[i] + wd * w[i]
                                w[i] -= lr * v[i]
                            }
                        }
                    }
                }
            }
        }
    }
}
