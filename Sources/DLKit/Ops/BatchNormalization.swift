/// Batch normalization over the channel axis 1 of `[N, C]`, `[N, C, L]` or `[N, C, H, W]` inputs:
/// y = γ·(x − μ)/√(σ² + ε) + β, with μ, σ² the per-channel batch statistics in training and the running
/// averages in evaluation. Forward and the closed-form backward are in this one place:
/// with x̂ the normalized input and m the number of values per channel,
/// ∂L/∂x = γ/(m·√(σ²+ε)) · (m·g − Σg − x̂·Σ(g·x̂)),  ∂L/∂γ = Σ(g·x̂),  ∂L/∂β = Σg.
///
/// ```swift
/// var mean = Tensor.zeros([4]), variance = Tensor.ones([4])
/// let y = batchNorm(x, gamma: g, beta: b, runningMean: &mean, runningVariance: &variance, training: true)
/// ```
public func batchNorm(_ x: Tensor, gamma: Tensor, beta: Tensor,
                      runningMean: inout Tensor, runningVariance: inout Tensor,
                      momentum: Float = 0.1, epsilon: Float = 1e-5, training: Bool) -> Tensor {
    guard x.rank >= 2 else {
        fatalError("batchNorm: input must be [batch, channels, …], got shape \(describe(x.shape))")
    }
    let n = x.shape[0], c = x.shape[1], inner = x.shape[2...].reduce(1, *)
    guard gamma.shape == [c], beta.shape == [c], runningMean.shape == [c], runningVariance.shape == [c] else {
        fatalError("batchNorm: input \(describe(x.shape)) has \(c) channels but γ is \(describe(gamma.shape)), β \(describe(beta.shape)), running statistics \(describe(runningMean.shape))")
    }
    let m = n * inner
    var mean = [Float](repeating: 0, count: c), variance = [Float](repeating: 0, count: c)
    if training {
        guard m > 1 else {
            fatalError("batchNorm: training needs more than one value per channel to compute a variance; input shape \(describe(x.shape))")
        }
        x.withUnsafeBufferPointer { p in
            for ch in 0..<c {
                var s: Double = 0, s2: Double = 0
                for b in 0..<n {
                    let base = (b * c + ch) * inner
                    for i in 0..<inner { let v = Double(p[base + i]); s += v; s2 += v * v }
                }
                let mu = s / Double(m)
                mean[ch] = Float(mu)
                variance[ch] = Float(Swift.max(s2 / Double(m) - mu * mu, 0))
            }
        }
        // PyTorch convention: the running variance uses the unbiased estimate.
        let unbias = Float(m) / Float(m - 1)
        for ch in 0..<c {
            runningMean.scalars[ch] = (1 - momentum) * runningMean.scalars[ch] + momentum * mean[ch]
            runningVariance.scalars[ch] = (1 - momentum) * runningVariance.scalars[ch] + momentum * variance[ch] * unbias
        }
    } else {
        mean = runningMean.scalars
        variance = runningVariance.scalars
    }
    let invStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
    var normalized = [Float](repeating: 0, count: x.count)
    let value = Tensor(shape: x.shape) { out in
        x.withUnsafeBufferPointer { p in
            for b in 0..<n {
                for ch in 0..<c {
                    let base = (b * c + ch) * inner
                    let mu = mean[ch], s = invStd[ch], gm = gamma.scalars[ch], bt = beta.scalars[ch]
                    for i in 0..<inner {
                        let xh = (p[base + i] - mu) * s
                        normalized[base + i] = xh
                        out[base + i] = gm * xh + bt
                    }
                }
            }
        }
    }
    let isTraining = training
    return Tensor.makeResult(value: value, parents: [x, gamma, beta], op: "batchNorm") { g in
        var dGamma = [Float](repeating: 0, count: c), dBeta = [Float](repeating: 0, count: c)
        for b in 0..<n {
            for ch in 0..<c {
                let base = (b * c + ch) * inner
                for i in 0..<inner { dBeta[ch] += g.scalars[base + i]; dGamma[ch] += g.scalars[base + i] * normalized[base + i] }
            }
        }
        let dx = Tensor(shape: x.shape) { out in
            for b in 0..<n {
                for ch in 0..<c {
                    let base = (b * c + ch) * inner
                    let k = gamma.scalars[ch] * invStd[ch]
                    for i in 0..<inner {
                        if isTraining {
                            out[base + i] = k / Float(m) * (Float(m) * g.scalars[base + i] - dBeta[ch] - normalized[base + i] * dGamma[ch])
                        } else {
                            out[base + i] = k * g.scalars[base + i]   // statistics are constants in evaluation
                        }
                    }
                }
            }
        }
        return [dx, Tensor(shape: [c], scalars: dGamma), Tensor(shape: [c], scalars: dBeta)]
    }
}
