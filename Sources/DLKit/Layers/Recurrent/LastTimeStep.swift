/// Keeps the last time step of a sequence: `[batch, time, features]` → `[batch, features]` — the "many to one"
/// read-out of a recurrent layer (Keras' `return_sequences=False`).
///
/// ```swift
/// let model = Sequential(LSTM(28, 64, using: &rng), LastTimeStep(), Linear(64, 10, using: &rng))
/// ```
public final class LastTimeStep: Layer {
    public init() {}

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard input.rank == 3, input.shape[1] > 0 else {
            fatalError("LastTimeStep: input \(describe(input.shape)) must be [batch, time, features] with at least one step")
        }
        let t = input.shape[1]
        return input.slice(axis: 1, (t - 1)..<t).reshaped([input.shape[0], input.shape[2]])
    }
}
