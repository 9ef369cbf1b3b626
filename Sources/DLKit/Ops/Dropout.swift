extension Tensor {
    /// Inverted dropout: zeroes each element with probability `p` and scales the survivors by 1/(1−p),
    /// so the expected value is unchanged and evaluation needs no rescaling. The mask comes from `rng`.
    ///
    /// ```swift
    /// var rng = RandomGenerator(seed: 0)
    /// let h = x.dropout(0.4, using: &rng)
    /// ```
    public func dropout(_ p: Float, using rng: inout RandomGenerator) -> Tensor {
        guard p >= 0 && p < 1 else { fatalError("dropout: probability must be in [0, 1), got \(p)") }
        if p == 0 { return self }
        let scale = 1 / (1 - p)
        var mask = [Float](repeating: 0, count: count)
        for i in 0..<count where rng.nextFloat() >= p { mask[i] = scale }
        let m = Tensor(unchecked: shape, mask)
        return Tensor.makeResult(value: Tensor.broadcastMap(self, m, "dropout") { $0 * $1 }, parents: [self], op: "dropout") { g in
            [Tensor.broadcastMap(g, m, "dropout backward") { $0 * $1 }]
        }
    }
}
