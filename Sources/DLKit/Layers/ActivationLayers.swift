/// Activation layers, for use inside `Sequential`. Each wraps the tensor method of the same name.
///
/// ```swift
/// let model = Sequential(Linear(2, 8, using: &rng), ReLU(), Linear(8, 1, using: &rng), Sigmoid())
/// ```
public final class ReLU: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
}

/// x for x > 0, `slope`·x otherwise.
///
/// ```swift
/// let act = LeakyReLU(slope: 0.1)
/// ```
public final class LeakyReLU: Layer {
    public let slope: Float
    public init(slope: Float = 0.01) { self.slope = slope }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.leakyRelu(slope: slope) }
}

/// x for x > 0, α(eˣ − 1) otherwise.
///
/// ```swift
/// let act = ELU(alpha: 1)
/// ```
public final class ELU: Layer {
    public let alpha: Float
    public init(alpha: Float = 1) { self.alpha = alpha }
    public func callAsFunction(_ input: Tensor) -> Tensor { input.elu(alpha: alpha) }
}

/// The logistic function 1/(1 + e⁻ˣ).
///
/// ```swift
/// let act = Sigmoid()
/// ```
public final class Sigmoid: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// Hyperbolic tangent.
///
/// ```swift
/// let act = Tanh()
/// ```
public final class Tanh: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
}

/// Softmax along the last axis (probabilities that sum to 1 per row).
///
/// ```swift
/// let probs = Softmax()(logits)
/// ```
public final class Softmax: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.softmax(axis: -1) }
}

/// Log-softmax along the last axis.
///
/// ```swift
/// let logProbs = LogSoftmax()(logits)
/// ```
public final class LogSoftmax: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.logSoftmax(axis: -1) }
}

/// Any activation written as a closure of differentiable tensor ops; autograd derives its gradient.
///
/// ```swift
/// let square = Activation("square") { z in z * z }      // named: the name shows in `summary`
/// let g: (Tensor) -> Tensor = { $0.relu() }; let act = Activation(g)   // or unnamed, from a variable
/// ```
public final class Activation: Layer {
    private let function: (Tensor) -> Tensor
    /// The name shown in `summary` ("Activation" unless given).
    public let name: String

    /// A named activation.
    ///
    /// ```swift
    /// let square = Activation("square") { z in z * z }
    /// ```
    public init(_ name: String, _ function: @escaping (Tensor) -> Tensor) {
        self.name = name
        self.function = function
    }

    /// An unnamed activation, from a trailing closure or a function value.
    ///
    /// ```swift
    /// let cube = Activation { z in z * z * z }
    /// let act = Activation(g)   // g: (Tensor) -> Tensor
    /// ```
    public convenience init(_ function: @escaping (Tensor) -> Tensor) {
        self.init("Activation", function)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor { function(input) }
}
