/// What `RNN`, `GRU` and `LSTM` share: the stack of `RecurrentWeights`, the sizes, the parameters in PyTorch's
/// order, the summary name and `callAsFunction` (every hidden state). Each subclass only says which cell it runs
/// (`RecurrentKind`) and what its `forward` returns (LSTM adds the cell state).
///
/// ```swift
/// let layers: [RecurrentLayer] = [RNN(28, 64, using: &rng), GRU(28, 64, using: &rng)]
/// for l in layers { print(l.name, l.parameterCount) }
/// ```
public class RecurrentLayer: Layer {
    let stack: RecurrentStack
    public var inputSize: Int { stack.inputSize }
    public var hiddenSize: Int { stack.hiddenSize }
    /// One `RecurrentWeights` per stacked layer.
    public var weights: [RecurrentWeights] { stack.weights }

    /// Creates the stack with PyTorch's initialization, U(±1/√hidden).
    init(_ kind: RecurrentKind, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool,
         using rng: inout RandomGenerator) {
        stack = RecurrentStack(kind, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                               bias: bias, using: &rng)
    }

    public var parameters: [Parameter] { stack.weights.flatMap(\.parameters) }
    /// "RNN(28→64)", "GRU(28→64)", "LSTM(28→64)" in summaries.
    public var name: String { stack.name }

    /// Every hidden state, `[batch, time, hiddenSize]`.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        stack.run(input, h0: nil, c0: nil, reference: false).output
    }
}

/// `RNN` and `GRU`: layers whose only state is the hidden state, so `forward` returns the output and `h_n`.
/// (`LSTM` carries a cell state too and has its own `forward`.)
///
/// ```swift
/// let (hs, hN) = GRU(28, 64, using: &rng).forward(x)
/// ```
public class HiddenStateRecurrentLayer: RecurrentLayer {
    /// The output sequence and the last hidden state `[layers, batch, hidden]` (PyTorch's `output, h_n`), from
    /// `initialHidden` `[layers, batch, hidden]` (zeros if nil).
    ///
    /// ```swift
    /// let (hs, hN) = rnn.forward(x)
    /// ```
    public func forward(_ input: Tensor, initialHidden: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        let r = stack.run(input, h0: initialHidden, c0: nil, reference: false)
        return (r.output, r.hidden)
    }

    /// The same as `forward`, unrolled step by step with ordinary ops (`Tensor.rnnCellStep`, `Tensor.gruCellStep`):
    /// slower, readable.
    ///
    /// ```swift
    /// let (hs, _) = rnn.referenceForward(x)
    /// ```
    public func referenceForward(_ input: Tensor, initialHidden: Tensor? = nil) -> (output: Tensor, hidden: Tensor) {
        let r = stack.run(input, h0: initialHidden, c0: nil, reference: true)
        return (r.output, r.hidden)
    }
}
