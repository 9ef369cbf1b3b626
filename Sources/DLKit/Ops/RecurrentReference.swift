/// The recurrent cells written with DLKit's ordinary differentiable ops, one time step at a time — the
/// readable reference that the fused `recurrentSequence` is tested against (and the one a lesson shows).
/// Autograd differentiates these on its own: backpropagation through time is nothing but `backward()`
/// through the unrolled graph.
extension Tensor {
    /// One step of PyTorch's Elman RNN: hₜ = tanh(W_ih·xₜ + b_ih + W_hh·hₜ₋₁ + b_hh), for `x` `[batch, features]`
    /// and `h` `[batch, hidden]`.
    ///
    /// ```swift
    /// let h1 = Tensor.rnnCellStep(x0, hidden: h0, weightIH: wih, weightHH: whh, biasIH: bih, biasHH: bhh)
    /// ```
    public static func rnnCellStep(_ x: Tensor, hidden h: Tensor, weightIH: Tensor, weightHH: Tensor,
                                   biasIH: Tensor?, biasHH: Tensor?) -> Tensor {
        (gateInputs(x, weightIH, biasIH) + gateInputs(h, weightHH, biasHH)).tanh()
    }

    /// One LSTM step (PyTorch's gate order i, f, g, o):
    /// i, f, o = σ(…), g = tanh(…), c' = f⊙c + i⊙g, h' = o⊙tanh(c').
    ///
    /// ```swift
    /// let (h1, c1) = Tensor.lstmCellStep(x0, hidden: h0, cell: c0, weightIH: wih, weightHH: whh, biasIH: bih, biasHH: bhh)
    /// ```
    public static func lstmCellStep(_ x: Tensor, hidden h: Tensor, cell c: Tensor, weightIH: Tensor, weightHH: Tensor,
                                    biasIH: Tensor?, biasHH: Tensor?) -> (hidden: Tensor, cell: Tensor) {
        let H = h.shape[1]
        let gates = gateInputs(x, weightIH, biasIH) + gateInputs(h, weightHH, biasHH)   // [batch, 4H]
        let i = gates.slice(axis: 1, 0..<H).sigmoid()
        let f = gates.slice(axis: 1, H..<(2 * H)).sigmoid()
        let g = gates.slice(axis: 1, (2 * H)..<(3 * H)).tanh()
        let o = gates.slice(axis: 1, (3 * H)..<(4 * H)).sigmoid()
        let cNext = f * c + i * g
        return (o * cNext.tanh(), cNext)
    }

    /// One GRU step (PyTorch's gate order r, z, n): r, z = σ(…), n = tanh(W_in·x + b_in + r⊙(W_hn·h + b_hn)),
    /// h' = (1 − z)⊙n + z⊙h.
    ///
    /// ```swift
    /// let h1 = Tensor.gruCellStep(x0, hidden: h0, weightIH: wih, weightHH: whh, biasIH: bih, biasHH: bhh)
    /// ```
    public static func gruCellStep(_ x: Tensor, hidden h: Tensor, weightIH: Tensor, weightHH: Tensor,
                                   biasIH: Tensor?, biasHH: Tensor?) -> Tensor {
        let H = h.shape[1]
        let xg = gateInputs(x, weightIH, biasIH), hg = gateInputs(h, weightHH, biasHH)   // [batch, 3H] each
        func part(_ t: Tensor, _ k: Int) -> Tensor { t.slice(axis: 1, (k * H)..<((k + 1) * H)) }
        let r = (part(xg, 0) + part(hg, 0)).sigmoid()
        let z = (part(xg, 1) + part(hg, 1)).sigmoid()
        let n = (part(xg, 2) + r * part(hg, 2)).tanh()
        return (1 - z) * n + z * h
    }

    /// The same result as `recurrentSequence` (every step's state, `[batch, time, hidden]`, for the LSTM h then c),
    /// computed by unrolling the cell step over time with ordinary ops.
    ///
    /// ```swift
    /// let hs = Tensor.recurrentSequenceReference(.gru, input: x, initialHidden: h0, weightIH: wih, weightHH: whh,
    ///                                            biasIH: bih, biasHH: bhh)
    /// ```
    public static func recurrentSequenceReference(_ kind: RecurrentKind, input: Tensor, initialHidden: Tensor,
                                                  initialCell: Tensor? = nil, weightIH: Tensor, weightHH: Tensor,
                                                  biasIH: Tensor?, biasHH: Tensor?) -> Tensor {
        let s = RecurrentShapes.check(kind, input: input, initialHidden: initialHidden, initialCell: initialCell,
                                      weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
        var h = initialHidden, c = initialCell ?? Tensor.zeros([s.batch, s.hidden])
        var states: [Tensor] = []
        for t in 0..<s.time {
            let x = input.slice(axis: 1, t..<(t + 1)).reshaped([s.batch, s.features])   // xₜ, [batch, features]
            switch kind {
            case .rnnTanh:
                h = rnnCellStep(x, hidden: h, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
                states.append(h)
            case .lstm:
                (h, c) = lstmCellStep(x, hidden: h, cell: c, weightIH: weightIH, weightHH: weightHH,
                                      biasIH: biasIH, biasHH: biasHH)
                states.append(Tensor.concat([h, c], axis: 1))
            case .gru:
                h = gruCellStep(x, hidden: h, weightIH: weightIH, weightHH: weightHH, biasIH: biasIH, biasHH: biasHH)
                states.append(h)
            }
        }
        return Tensor.stack(states, axis: 1)
    }

    /// W·v + b for a batch of row vectors `v` `[batch, in]` and `W` `[out, in]`: the product the slides write W x + b.
    private static func gateInputs(_ v: Tensor, _ weight: Tensor, _ bias: Tensor?) -> Tensor {
        let product = v.matmul(weight, transposeOther: true)
        return bias.map { product + $0 } ?? product
    }
}
