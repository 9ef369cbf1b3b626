/// PyTorch's `nn.GRU` (`batch_first=True`), gates r, z, n:
/// r = σ(W_ir·x + b_ir + W_hr·h + b_hr), z = σ(W_iz·x + b_iz + W_hz·h + b_hz),
/// n = tanh(W_in·x + b_in + r⊙(W_hn·h + b_hn)), h' = (1 − z)⊙n + z⊙h.
/// `[batch, time, inputSize]` → `[batch, time, hiddenSize]`; parameters `weight_ih_l0` `[3·hidden, input]`, … .
///
/// ```swift
/// let gru = GRU(28, 64, using: &rng)
/// let hs = gru(Tensor.zeros([32, 28, 28]))          // [32, 28, 64]
/// ```
public final class GRU: HiddenStateRecurrentLayer {
    /// Creates the layer with PyTorch's initialization, U(±1/√hidden).
    ///
    /// ```swift
    /// let gru = GRU(2, 32, using: &rng)
    /// ```
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                using rng: inout RandomGenerator) {
        super.init(.gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, using: &rng)
    }
}
