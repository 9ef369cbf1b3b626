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
