/// PyTorch's `nn.LSTM` (`batch_first=True`), gates i, f, g, o:
/// i, f, o = σ(W·x + b + W·h + b), g = tanh(…), c' = f⊙c + i⊙g, h' = o⊙tanh(c').
/// `[batch, time, inputSize]` → every hidden state `[batch, time, hiddenSize]`; the cell state c is the memory
/// that the forget gate f keeps or clears. Parameters `weight_ih_l0` `[4·hidden, input]`, `weight_hh_l0`
/// `[4·hidden, hidden]`, `bias_ih_l0`, `bias_hh_l0` `[4·hidden]`.
///
/// ```swift
/// let lstm = LSTM(28, 64, using: &rng)
/// let hs = lstm(Tensor.zeros([32, 28, 28]))         // [32, 28, 64]
/// ```
public final class LSTM: RecurrentLayer {
    /// Creates the layer with PyTorch's initialization, U(±1/√hidden).
    ///
    /// ```swift
    /// let lstm = LSTM(2, 32, using: &rng)
    /// ```
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                using rng: inout RandomGenerator) {
        super.init(.lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, using: &rng)
    }

    /// The output sequence and the last hidden and cell states, `[layers, batch, hidden]` each (PyTorch's
    /// `output, (h_n, c_n)`), from the given initial states (zeros if nil).
    ///
    /// ```swift
    /// let (hs, hN, cN) = lstm.forward(x)
    /// ```
    public func forward(_ input: Tensor, initialHidden: Tensor? = nil, initialCell: Tensor? = nil)
        -> (output: Tensor, hidden: Tensor, cell: Tensor) {
        let r = stack.run(input, h0: initialHidden, c0: initialCell, reference: false)
        return (r.output, r.hidden, r.cell!)
    }

    /// The same as `forward`, unrolled step by step with ordinary ops (`Tensor.lstmCellStep`).
    ///
    /// ```swift
    /// let (hs, _, _) = lstm.referenceForward(x)
    /// ```
    public func referenceForward(_ input: Tensor, initialHidden: Tensor? = nil, initialCell: Tensor? = nil)
        -> (output: Tensor, hidden: Tensor, cell: Tensor) {
        let r = stack.run(input, h0: initialHidden, c0: initialCell, reference: true)
        return (r.output, r.hidden, r.cell!)
    }
}
