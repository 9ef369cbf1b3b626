/// One time step as a layer, like PyTorch's `nn.RNNCell`, `nn.LSTMCell` and `nn.GRUCell`: parameters
/// `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh` (no `_l0`), the step computed by the readable
/// `Tensor.rnnCellStep` / `lstmCellStep` / `gruCellStep`. Loop over time yourself to unroll a sequence.
///
/// ```swift
/// let cell = RNNCell(3, 2, using: &rng)
/// var h = Tensor.zeros([1, 2])
/// for t in 0..<4 { h = cell(x[t], hidden: h) }
/// ```
public final class RNNCell: RecurrentCell {
    public let weights: RecurrentWeights

    /// Creates the cell with PyTorch's initialization, U(±1/√hidden).
    ///
    /// ```swift
    /// let cell = RNNCell(3, 2, using: &rng)
    /// ```
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, using rng: inout RandomGenerator) {
        weights = RecurrentWeights(.rnnTanh, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, suffix: "", using: &rng)
    }

    public var name: String { "RNNCell(\(sizes))" }

    /// h' from `x` `[batch, input]` and `hidden` `[batch, hidden]`.
    ///
    /// ```swift
    /// let h1 = cell(x0, hidden: h0)
    /// ```
    public func callAsFunction(_ x: Tensor, hidden: Tensor) -> Tensor {
        Tensor.rnnCellStep(x, hidden: hidden, weightIH: weights.weightIH.value, weightHH: weights.weightHH.value,
                           biasIH: weights.biasIH?.value, biasHH: weights.biasHH?.value)
    }

    /// One step from a zero hidden state (PyTorch's `cell(x)`).
    public func callAsFunction(_ x: Tensor) -> Tensor {
        self(x, hidden: zeroState(for: x))
    }
}

/// One LSTM step as a layer (PyTorch's `nn.LSTMCell`, gates i, f, g, o); see `RNNCell`.
///
/// ```swift
/// let cell = LSTMCell(3, 2, using: &rng)
/// let (h1, c1) = cell(x0, hidden: h0, cell: c0)
/// ```
public final class LSTMCell: RecurrentCell {
    public let weights: RecurrentWeights

    /// Creates the cell with PyTorch's initialization, U(±1/√hidden).
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, using rng: inout RandomGenerator) {
        weights = RecurrentWeights(.lstm, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, suffix: "", using: &rng)
    }

    public var name: String { "LSTMCell(\(sizes))" }

    /// (h', c') from `x` `[batch, input]` and the state `[batch, hidden]` each.
    public func callAsFunction(_ x: Tensor, hidden: Tensor, cell: Tensor) -> (hidden: Tensor, cell: Tensor) {
        Tensor.lstmCellStep(x, hidden: hidden, cell: cell, weightIH: weights.weightIH.value,
                            weightHH: weights.weightHH.value, biasIH: weights.biasIH?.value, biasHH: weights.biasHH?.value)
    }

    /// h' of one step from a zero state.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        self(x, hidden: zeroState(for: x), cell: zeroState(for: x)).hidden
    }
}

/// One GRU step as a layer (PyTorch's `nn.GRUCell`, gates r, z, n); see `RNNCell`.
///
/// ```swift
/// let cell = GRUCell(3, 2, using: &rng)
/// let h1 = cell(x0, hidden: h0)
/// ```
public final class GRUCell: RecurrentCell {
    public let weights: RecurrentWeights

    /// Creates the cell with PyTorch's initialization, U(±1/√hidden).
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, using rng: inout RandomGenerator) {
        weights = RecurrentWeights(.gru, inputSize: inputSize, hiddenSize: hiddenSize, bias: bias, suffix: "", using: &rng)
    }

    public var name: String { "GRUCell(\(sizes))" }

    /// h' from `x` `[batch, input]` and `hidden` `[batch, hidden]`.
    public func callAsFunction(_ x: Tensor, hidden: Tensor) -> Tensor {
        Tensor.gruCellStep(x, hidden: hidden, weightIH: weights.weightIH.value, weightHH: weights.weightHH.value,
                           biasIH: weights.biasIH?.value, biasHH: weights.biasHH?.value)
    }

    /// One step from a zero hidden state.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        self(x, hidden: zeroState(for: x))
    }
}

/// What the three cells share: their `weights` give the parameters, the sizes in the name and the zero state.
public protocol RecurrentCell: Layer {
    var weights: RecurrentWeights { get }
}

extension RecurrentCell {
    public var parameters: [Parameter] { weights.parameters }
    /// "input→hidden", as the cells' names show it.
    var sizes: String { "\(weights.weightIH.shape[1])→\(weights.weightHH.shape[1])" }
    /// A zero state `[batch, hidden]` for the batch of `x`.
    func zeroState(for x: Tensor) -> Tensor { Tensor.zeros([x.shape.first ?? 1, weights.weightHH.shape[1]]) }
}
