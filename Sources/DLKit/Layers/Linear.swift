/// A fully connected layer: y = x·Wᵀ + b (PyTorch's `nn.Linear`, Keras' `Dense`).
/// `weight` is `[out, in]` and `bias` is `[out]`, the same layout as PyTorch, so weights load across.
///
/// ```swift
/// var rng = RandomGenerator(seed: 42)
/// let fc = Linear(784, 10, using: &rng); let logits = fc(x)   // [N, 784] → [N, 10]
/// ```
public final class Linear: Layer {
    public let inFeatures: Int
    public let outFeatures: Int
    public let weightParameter: Parameter
    public let biasParameter: Parameter?

    /// Creates a layer with weights drawn by `initializer` (default: PyTorch's, U(±1/√in) for weight and bias).
    ///
    /// ```swift
    /// let hidden = Linear(784, 256, initializer: .kaimingNormal, using: &rng)
    /// ```
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true,
                initializer: Initializer = .pytorchDefault, using rng: inout RandomGenerator) {
        guard inFeatures > 0 && outFeatures > 0 else {
            fatalError("Linear: feature counts must be positive, got \(inFeatures) → \(outFeatures)")
        }
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        weightParameter = Parameter(initializer.make([outFeatures, inFeatures], fanIn: inFeatures, fanOut: outFeatures, using: &rng),
                                    name: "weight")
        if bias {
            let b: Tensor = initializer == .pytorchDefault
                ? Initializer.pytorchDefault.make([outFeatures], fanIn: inFeatures, fanOut: outFeatures, using: &rng)
                : Tensor.zeros([outFeatures])
            biasParameter = Parameter(b, name: "bias")
        } else {
            biasParameter = nil
        }
    }

    /// Creates a layer from given weights `[out, in]` and bias `[out]` (e.g. the numbers on a slide).
    ///
    /// ```swift
    /// let l = Linear(weight: Tensor([[1, 1], [1, -1]]), bias: Tensor([0, 0]))
    /// ```
    public init(weight: Tensor, bias: Tensor?) {
        guard weight.rank == 2 else { fatalError("Linear(weight:bias:): weight must be [out, in], got \(describe(weight.shape))") }
        if let bias, bias.shape != [weight.shape[0]] {
            fatalError("Linear(weight:bias:): bias \(describe(bias.shape)) must be [\(weight.shape[0])] for weight \(describe(weight.shape))")
        }
        inFeatures = weight.shape[1]
        outFeatures = weight.shape[0]
        weightParameter = Parameter(weight, name: "weight")
        biasParameter = bias.map { Parameter($0, name: "bias") }
    }

    /// The weight matrix `[out, in]`.
    public var weight: Tensor {
        get { weightParameter.value }
        set { weightParameter.value = newValue }
    }

    /// The bias `[out]` (nil when created with `bias: false`).
    public var bias: Tensor? {
        get { biasParameter?.value }
        set { if let newValue { biasParameter?.value = newValue } }
    }

    public var parameters: [Parameter] { [weightParameter] + (biasParameter.map { [$0] } ?? []) }

    /// "Linear(784→256)" in summaries, like `Conv2D(1→32, 3×3)`.
    public var name: String { "Linear(\(inFeatures)→\(outFeatures)" + (biasParameter == nil ? ", no bias" : "") + ")" }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        Tensor.linear(input, weight: weightParameter.value, bias: biasParameter?.value)
    }
}
