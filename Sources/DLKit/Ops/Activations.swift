import Foundation

/// Activation functions: forward and derivative side by side.
extension Tensor {
    /// max(0, x). Derivative: 1 where x > 0, else 0.
    ///
    /// ```swift
    /// let h = Tensor([-1, 2]).relu()   // [0, 2]
    /// ```
    public func relu() -> Tensor {
        let value = map { $0 > 0 ? $0 : 0 }
        return Tensor.makeResult(value: value, parents: [self], op: "relu") { g in
            [Tensor.broadcastMap(g, value, "relu backward") { gv, y in y > 0 ? gv : 0 }]
        }
    }

    /// x for x > 0, `slope`·x otherwise. Derivative: 1 or `slope`.
    ///
    /// ```swift
    /// let h = Tensor([-1, 2]).leakyRelu(slope: 0.1)   // [-0.1, 2]
    /// ```
    public func leakyRelu(slope: Float = 0.01) -> Tensor {
        Tensor.makeResult(value: map { $0 > 0 ? $0 : slope * $0 }, parents: [self], op: "leakyRelu") { g in
            [Tensor.broadcastMap(g, self, "leakyRelu backward") { gv, x in x > 0 ? gv : slope * gv }]
        }
    }

    /// x for x > 0, α(eˣ − 1) otherwise. Derivative: 1 or α·eˣ.
    ///
    /// ```swift
    /// let h = Tensor([-1, 2]).elu()   // [-0.6321, 2]
    /// ```
    public func elu(alpha: Float = 1) -> Tensor {
        Tensor.makeResult(value: map { $0 > 0 ? $0 : alpha * (Foundation.exp($0) - 1) }, parents: [self], op: "elu") { g in
            [Tensor.broadcastMap(g, self, "elu backward") { gv, x in x > 0 ? gv : gv * alpha * Foundation.exp(x) }]
        }
    }

    /// σ(x) = 1 / (1 + e⁻ˣ). Derivative: σ(x)(1 − σ(x)).
    ///
    /// ```swift
    /// let p = Tensor([0]).sigmoid()   // [0.5]
    /// ```
    public func sigmoid() -> Tensor {
        let value = map { x in x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x)) }
        return Tensor.makeResult(value: value, parents: [self], op: "sigmoid") { g in
            [Tensor.broadcastMap(g, value, "sigmoid backward") { gv, s in gv * s * (1 - s) }]
        }
    }

    /// Hyperbolic tangent. Derivative: 1 − tanh²(x).
    ///
    /// ```swift
    /// let t = Tensor([0, 100]).tanh()   // [0, 1]
    /// ```
    public func tanh() -> Tensor {
        let value = map { Foundation.tanh($0) }
        return Tensor.makeResult(value: value, parents: [self], op: "tanh") { g in
            [Tensor.broadcastMap(g, value, "tanh backward") { gv, t in gv * (1 - t * t) }]
        }
    }

    /// Softmax along `axis` (default: last): eˣⁱ / Σⱼ eˣʲ, computed stably by subtracting the maximum.
    ///
    /// ```swift
    /// let p = Tensor([[1, 1]]).softmax()   // [[0.5, 0.5]]
    /// ```
    public func softmax(axis: Int = -1) -> Tensor {
        let ax = normalizedAxis(axis, "softmax")
        let shifted = self - withoutGrad { self.max(axis: ax, keepDims: true) }
        let e = shifted.exp()
        return e / e.sum(axis: ax, keepDims: true)
    }

    /// log(softmax(x)) along `axis`, computed stably as x − max − log Σ e^(x − max).
    ///
    /// ```swift
    /// let lp = logits.logSoftmax()
    /// ```
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let ax = normalizedAxis(axis, "logSoftmax")
        let shifted = self - withoutGrad { self.max(axis: ax, keepDims: true) }
        return shifted - shifted.exp().sum(axis: ax, keepDims: true).log()
    }
}
