import Foundation

/// How a layer's weights are drawn at creation. `fanIn` is the number of inputs per output unit
/// (in_features, or in_channels·kh·kw for a convolution), `fanOut` the number of outputs per input.
///
/// ```swift
/// let layer = Linear(784, 256, initializer: .kaimingNormal, using: &rng)
/// ```
public enum Initializer: Sendable {
    /// N(0, 2/fanIn) — He et al. 2015, for ReLU networks.
    case kaimingNormal
    /// U(−√(6/fanIn), √(6/fanIn)) — He, uniform variant.
    case kaimingUniform
    /// U(−√(6/(fanIn+fanOut)), +) — Glorot & Bengio 2010, for tanh/sigmoid networks.
    case xavierUniform
    /// N(0, 2/(fanIn+fanOut)) — Glorot, normal variant.
    case xavierNormal
    /// U(−1/√fanIn, 1/√fanIn) — PyTorch's default for `nn.Linear` and `nn.Conv2d` (weights and biases).
    case pytorchDefault
    /// All zeros.
    case zeros

    /// Draws a tensor of `shape` with this scheme.
    ///
    /// ```swift
    /// let w = Initializer.xavierUniform.make([10, 5], fanIn: 5, fanOut: 10, using: &rng)
    /// ```
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int, using rng: inout RandomGenerator) -> Tensor {
        let fi = Float(max(fanIn, 1)), fo = Float(max(fanOut, 1))
        switch self {
        case .kaimingNormal: return Tensor.randn(shape, std: (2 / fi).squareRoot(), using: &rng)
        case .kaimingUniform: let b = (6 / fi).squareRoot(); return Tensor.uniform(shape, low: -b, high: b, using: &rng)
        case .xavierUniform: let b = (6 / (fi + fo)).squareRoot(); return Tensor.uniform(shape, low: -b, high: b, using: &rng)
        case .xavierNormal: return Tensor.randn(shape, std: (2 / (fi + fo)).squareRoot(), using: &rng)
        case .pytorchDefault: let b = 1 / fi.squareRoot(); return Tensor.uniform(shape, low: -b, high: b, using: &rng)
        case .zeros: return Tensor.zeros(shape)
        }
    }
}
