/// PyTorch's `nn.RNN` (tanh, `batch_first=True`): hₜ = tanh(W_ih·xₜ + b_ih + W_hh·hₜ₋₁ + b_hh), the same weights at
/// every step. Takes `[batch, time, inputSize]`, returns every hidden state `[batch, time, hiddenSize]`; gradients
/// flow back through time. Parameters `weight_ih_l0` `[hidden, input]`, `weight_hh_l0` `[hidden, hidden]`,
/// `bias_ih_l0`, `bias_hh_l0` (then `_l1`, … with `numLayers`), so safetensors files load in PyTorch.
///
/// ```swift
/// let rnn = RNN(28, 64, using: &rng)
/// let hs = rnn(Tensor.zeros([32, 28, 28]))          // [32, 28, 64]
/// ```
public final class RNN: HiddenStateRecurrentLayer {
    /// Creates the layer with PyTorch's initialization, U(±1/√hidden).
    ///
    /// ```swift
    /// let rnn = RNN(1, 16, numLayers: 2, using: &rng)
    /// ```
    public init(_ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true,
                using rng: inout RandomGenerator) {
        super.init(.rnnTanh, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias, using: &rng)
    }
}
