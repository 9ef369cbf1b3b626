/// Dropout as a layer: in training, zeroes each activation with probability `p` (scaling survivors by
/// 1/(1−p)); in evaluation, passes the input through. Owns its seeded generator, so runs are reproducible.
///
/// ```swift
/// let drop = Dropout(0.4, seed: 1)
/// drop.eval(); drop(x) == x   // true
/// ```
public final class Dropout: Layer {
    public let probability: Float
    public var isTraining = true
    private var rng: RandomGenerator

    /// Creates a dropout layer whose masks come from a generator seeded with `seed`.
    ///
    /// ```swift
    /// let drop = Dropout(0.5, seed: 42)
    /// ```
    public init(_ probability: Float, seed: UInt64 = 0) {
        guard probability >= 0 && probability < 1 else {
            fatalError("Dropout: probability must be in [0, 1), got \(probability)")
        }
        self.probability = probability
        self.rng = RandomGenerator(seed: seed)
    }

    /// Creates a dropout layer seeded from `rng` (one draw), so one lesson seed fixes every mask.
    ///
    /// ```swift
    /// let drop = Dropout(0.5, using: &rng)
    /// ```
    public convenience init(_ probability: Float, using rng: inout RandomGenerator) {
        self.init(probability, seed: rng.next())
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        isTraining ? input.dropout(probability, using: &rng) : input
    }

    public var name: String { "Dropout(\(probability))" }
}
