/// PyTorch's `nn.GRU` (`batch_first=True`), gates r, z, n:
/// r = σ(W_ir·x + b_ir + W_hr·h + b_hr), z = σ(W_iz·x + b_iz + W_hz·h + b_hz),
/// n = tanh(W_in·x + b_in + r⊙(W_hn·h + b_hn)), h' = (1 − z)⊙n + z⊙h.
/// `[batch, time, inputSize]` → `[batch, time, hiddenSize]`; parameters `weight_ih_l0` `[3·hidden, input]`, … .
///
/// ```swift
/// let gru = GRU(28, 64, using: &rng)
/// let hs = gru(Tensor.zeros([32, 28, 28]))          // [32, 28, 64]
/// ```
public final class GRU: RecurrentLayer {
    /// Creates the layer with PyTorch's initialization, U(±1/√hidden).
    ///
    /// ```swift
    /// let gru = GRU(2, 32, using: &rng)
    /// ```
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                using rng: inout RandomGenerator) {
        super.init(.gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, using: &rng)
    }

    /// The output sequence and the last hidden state `[layers, batch, hidden]` (PyTorch's `output, h_n`).
    ///
    /// ```swift
    /// let (hs, hN) = gru.forward(x)
    /// ```
    public func forward(_ input: Tensor, initialHidden: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        let r = stack.run(input, h0: initialHidden, c0: nil, reference: false)
        return (r.output, r.hidden)
    }

    /// The same as `forward`, unrolled step by step with ordinary ops (`Tensor.gruCellStep`).
    ///
    /// ```swift
    /// let (hs, _) = gru.referenceForward(x)
    /// ```
    public func referenceForward(_ input: Tensor, initialHidden: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        let r = stack.run(input, h0: initialHidden, c0: nil, reference: true)
        return (r.output, r.hidden)
    }
}
