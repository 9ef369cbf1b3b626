/// The four tensors of one recurrent layer, in PyTorch's layout and with PyTorch's names: `weight_ih_l0`
/// `[gates·hidden, input]`, `weight_hh_l0` `[gates·hidden, hidden]`, `bias_ih_l0` and `bias_hh_l0`
/// `[gates·hidden]` (cells drop the `_l0`). Gates are stacked in PyTorch's order — LSTM i, f, g, o; GRU r, z, n —
/// so a state dict moves between DLKit and `torch.nn.LSTM` unchanged.
///
/// ```swift
/// let lstm = LSTM(28, 64, using: &rng)
/// print(lstm.weights[0].weightIH.shape)   // [256, 28]
/// ```
public struct RecurrentWeights {
    public let weightIH: Parameter
    public let weightHH: Parameter
    public let biasIH: Parameter?
    public let biasHH: Parameter?

    /// Draws every weight and bias from U(−1/√hidden, 1/√hidden), PyTorch's initialization for recurrent layers.
    init(_ kind: RecurrentKind, inputSize: Int, hiddenSize: Int, bias: Bool, suffix: String,
         using rng: inout RandomGenerator) {
        let rows = kind.gateCount * hiddenSize
        let k = 1 / Float(hiddenSize).squareRoot()
        weightIH = Parameter(Tensor.uniform([rows, inputSize], low: -k, high: k, using: &rng), name: "weight_ih" + suffix)
        weightHH = Parameter(Tensor.uniform([rows, hiddenSize], low: -k, high: k, using: &rng), name: "weight_hh" + suffix)
        if bias {
            biasIH = Parameter(Tensor.uniform([rows], low: -k, high: k, using: &rng), name: "bias_ih" + suffix)
            biasHH = Parameter(Tensor.uniform([rows], low: -k, high: k, using: &rng), name: "bias_hh" + suffix)
        } else {
            biasIH = nil
            biasHH = nil
        }
    }

    /// The tensors in state-dict order: weight_ih, weight_hh, bias_ih, bias_hh.
    public var parameters: [Parameter] { [weightIH, weightHH] + [biasIH, biasHH].compactMap { $0 } }
}

/// What `RNN`, `LSTM` and `GRU` share: the stack of layers and how a sequence runs through it.
struct RecurrentStack {
    let kind: RecurrentKind
    let inputSize: Int, hiddenSize: Int
    let weights: [RecurrentWeights]

    init(_ kind: RecurrentKind, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool,
         using rng: inout RandomGenerator) {
        guard inputSize > 0, hiddenSize > 0, numLayers > 0 else {
            fatalError("\(kind.rawValue): input size, hidden size and number of layers must be positive, got \(inputSize), \(hiddenSize), \(numLayers)")
        }
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        weights = (0..<numLayers).map { l in
            RecurrentWeights(kind, inputSize: l == 0 ? inputSize : hiddenSize, hiddenSize: hiddenSize, bias: bias,
                             suffix: "_l\(l)", using: &rng)
        }
    }

    var name: String {
        "\(kind.rawValue)(\(inputSize)→\(hiddenSize)" + (weights.count > 1 ? ", \(weights.count) layers" : "") + ")"
    }

    /// Runs `input` `[batch, time, inputSize]` through every layer. States are `[layers, batch, hidden]` (PyTorch's
    /// `h_0`/`h_n`, also with `batch_first=True`); missing initial states are zeros. `reference` takes the
    /// step-by-step path built from ordinary ops instead of the fused one.
    func run(_ input: Tensor, h0: Tensor?, c0: Tensor?, reference: Bool) -> (output: Tensor, hidden: Tensor, cell: Tensor?) {
        let name = kind.rawValue, L = weights.count, H = hiddenSize
        guard input.rank == 3, input.shape[2] == inputSize else {
            fatalError("\(name)(\(inputSize)→\(H)): input \(describe(input.shape)) must be [batch, time, \(inputSize)]")
        }
        let B = input.shape[0], T = input.shape[1]
        for (label, state) in [("initial hidden state", h0), ("initial cell state", c0)] {
            if let state, state.shape != [L, B, H] {
                fatalError("\(name): the \(label) \(describe(state.shape)) must be [layers, batch, hidden] = [\(L), \(B), \(H)]")
            }
        }
        var x = input, hs: [Tensor] = [], cs: [Tensor] = []
        for (l, w) in weights.enumerated() {
            func initial(_ s: Tensor?) -> Tensor { s.map { $0.slice(axis: 0, l..<(l + 1)).reshaped([B, H]) } ?? Tensor.zeros([B, H]) }
            let run = reference ? Tensor.recurrentSequenceReference : Tensor.recurrentSequence
            let states = run(kind, x, initial(h0), kind.hasCellState ? initial(c0) : nil, w.weightIH.value,
                             w.weightHH.value, w.biasIH?.value, w.biasHH?.value)
            x = kind.hasCellState ? states.slice(axis: 2, 0..<H) : states
            hs.append(x.slice(axis: 1, (T - 1)..<T).reshaped([B, H]))
            if kind.hasCellState { cs.append(states.slice(axis: 2, H..<(2 * H)).slice(axis: 1, (T - 1)..<T).reshaped([B, H])) }
        }
        return (x, Tensor.stack(hs), kind.hasCellState ? Tensor.stack(cs) : nil)
    }
}
