import Foundation
import Dispatch

/// Adam (Kingma & Ba 2015), as in PyTorch's `optim.Adam`, with optional L2 weight decay added to the
/// gradient:  g ← ∇ + λ·w;  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
/// w ← w − η · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε).
///
/// ```swift
/// let opt = Adam(model.parameters, learningRate: 1e-3)
/// ```
public final class Adam: Optimizer {
    public let parameters: [Parameter]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    /// The number of steps taken so far (t in the bias corrections).
    public private(set) var stepCount = 0
    private var m: [[Float]], v: [[Float]]

    /// Creates the optimizer for `parameters`.
    ///
    /// ```swift
    /// let opt = Adam(model.parameters, learningRate: 1e-3, weightDecay: 1e-4)
    /// ```
    public init(_ parameters: [Parameter], learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        guard learningRate >= 0, (0..<1).contains(beta1), (0..<1).contains(beta2), epsilon > 0, weightDecay >= 0 else {
            fatalError("Adam: need learningRate ≥ 0, β₁ and β₂ in [0, 1), ε > 0, weightDecay ≥ 0; got \(learningRate), \(beta1), \(beta2), \(epsilon), \(weightDecay)")
        }
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.weightDecay = weightDecay
        m = parameters.map { [Float](repeating: 0, count: $0.value.count) }
        v = parameters.map { [Float](repeating: 0, count: $0.value.count) }
    }

    public func step() {
        stepCount += 1
        let t = Float(stepCount)
        let b1 = beta1, b2 = beta2, eps = epsilon, wd = weightDecay
        // Fold the bias corrections into the step size and ε (same result, fewer operations per element):
        // η·m̂/(√v̂+ε) = (η/(1−β₁ᵗ))·m / (√v/√(1−β₂ᵗ) + ε) = (η·√(1−β₂ᵗ)/(1−β₁ᵗ))·m / (√v + ε·√(1−β₂ᵗ)).
        let c2 = (1 - Foundation.pow(b2, t)).squareRoot()
        let stepSize = learningRate * c2 / (1 - Foundation.pow(b1, t))
        let epsHat = eps * c2
        for (k, p) in parameters.enumerated() where !p.isFrozen {
            guard let grad = p.grad else { continue }
            guard m[k].count == grad.count else {
                fatalError("Adam: parameter \(p.name) changed size from \(m[k].count) to \(grad.count) elements after the optimizer was created")
            }
            grad.withUnsafeBufferPointer { g in
                p.update { w in
                    m[k].withUnsafeMutableBufferPointer { mk in
                        v[k].withUnsafeMutableBufferPointer { vk in
                            let (pw, pg, pm, pv) = (w.baseAddress!, g.baseAddress!, mk.baseAddress!, vk.baseAddress!)
                            // Element-wise, so splitting across cores changes no result; it pays for big tensors.
                            let chunks = w.count >= 16_384 ? Adam.workers : 1
                            let run = { (c: Int) in
                                let lo = (w.count * c / chunks) & ~7, hi = c == chunks - 1 ? w.count : (w.count * (c + 1) / chunks) & ~7
                                Adam.update(w: pw + lo, g: pg + lo, m: pm + lo, v: pv + lo, count: hi - lo,
                                            beta1: b1, beta2: b2, stepSize: stepSize, epsHat: epsHat, weightDecay: wd)
                            }
                            WorkerPool.shared.run(chunks, run)
                        }
                    }
                }
            }
        }
    }

    private static let workers = ParallelConfig.workers

    /// The readable Adam step for one tensor, straight from the paper (step t ≥ 1): what ``update(w:g:m:v:count:beta1:beta2:stepSize:epsHat:weightDecay:)``
    /// computes with the bias corrections folded into the step size and ε. Tests hold the two equal.
    ///
    ///     Adam.referenceStep(w: &w, g: g, m: &m, v: &v, t: 1, learningRate: 1e-3)
    public static func referenceStep(w: inout [Float], g: [Float], m: inout [Float], v: inout [Float], t: Int,
                                     learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                                     epsilon: Float = 1e-8, weightDecay: Float = 0) {
        for i in 0..<w.count {
            let gi = g[i] + weightDecay * w[i]
            m[i] = beta1 * m[i] + (1 - beta1) * gi
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
            let mHat = m[i] / (1 - Foundation.pow(beta1, Float(t)))
            let vHat = v[i] / (1 - Foundation.pow(beta2, Float(t)))
            w[i] -= learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }

    /// The fast step used by ``step()`` on raw buffers (one chunk of a tensor), for tests against
    /// ``referenceStep(w:g:m:v:t:learningRate:beta1:beta2:epsilon:weightDecay:)``.
    ///
    ///     Adam.fastStep(w: &w, g: g, m: &m, v: &v, t: 1, learningRate: 1e-3)
    public static func fastStep(w: inout [Float], g: [Float], m: inout [Float], v: inout [Float], t: Int,
                                learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        let c2 = (1 - Foundation.pow(beta2, Float(t))).squareRoot()
        let stepSize = learningRate * c2 / (1 - Foundation.pow(beta1, Float(t)))
        update(w: &w, g: g, m: &m, v: &v, count: w.count, beta1: beta1, beta2: beta2, stepSize: stepSize,
               epsHat: epsilon * c2, weightDecay: weightDecay)
    }

    /// The per-element update, 8 lanes at a time (explicit SIMD with `vectorSquareRoot`: a scalar
    /// `squareRoot()` keeps LLVM from vectorizing the loop because of its libm fallback), then the tail.
    private static func update(w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>,
                               m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>, count: Int,
                               beta1 b1: Float, beta2 b2: Float, stepSize: Float, epsHat: Float, weightDecay wd: Float) {
        typealias V = SIMD8<Float>
        let lanes = V.scalarCount
        var i = 0
        let rw = UnsafeMutableRawPointer(w), rm = UnsafeMutableRawPointer(m), rv = UnsafeMutableRawPointer(v)
        let rg = UnsafeRawPointer(g)
        let tiny = V(repeating: 1e-30)
        while i + lanes <= count {
            let off = i * MemoryLayout<Float>.stride
            var wi = rw.loadUnaligned(fromByteOffset: off, as: V.self)
            var gi = rg.loadUnaligned(fromByteOffset: off, as: V.self)
            if wd != 0 { gi += wd * wi }
            var mi = b1 * rm.loadUnaligned(fromByteOffset: off, as: V.self) + (1 - b1) * gi
            var vi = b2 * rv.loadUnaligned(fromByteOffset: off, as: V.self) + (1 - b2) * gi * gi
            // Flush to zero: a weight whose gradient stays 0 (a dead unit, a never-lit pixel) has m shrink by β₁
            // each step into subnormal floats, which make every multiply ~100× slower. Below 1e-30 m and v
            // change the update by less than 1e-22, so zero is exact for all practical purposes.
            mi.replace(with: 0, where: (mi .< tiny) .& (mi .> -tiny))
            vi.replace(with: 0, where: vi .< tiny)
            wi -= stepSize * mi / (vectorSquareRoot(vi) + epsHat)
            rm.storeBytes(of: mi, toByteOffset: off, as: V.self)
            rv.storeBytes(of: vi, toByteOffset: off, as: V.self)
            rw.storeBytes(of: wi, toByteOffset: off, as: V.self)
            i += lanes
        }
        while i < count {
            let gi = wd == 0 ? g[i] : g[i] + wd * w[i]
            var mi = b1 * m[i] + (1 - b1) * gi
            var vi = b2 * v[i] + (1 - b2) * gi * gi
            if Swift.abs(mi) < 1e-30 { mi = 0 }
            if vi < 1e-30 { vi = 0 }
            m[i] = mi; v[i] = vi
            w[i] -= stepSize * mi / (vi.squareRoot() + epsHat)
            i += 1
        }
    }
}
