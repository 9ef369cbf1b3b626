/// A 2-D convolution layer: `outChannels` learned `inChannels × kernel × kernel` filters slid over an NCHW
/// batch, plus one bias per filter — PyTorch's `nn.Conv2d`, Keras's `Conv2D`.
///
/// Parameters: `weight [out, in, kernel, kernel]` and `bias [out]`, so `out·(in·kernel² + 1)` numbers
/// (ten 5×5 filters over an RGB image: 10·(3·25 + 1) = 760). Initialized like PyTorch: U(−1/√fanIn, 1/√fanIn)
/// with fanIn = in·kernel².
///
/// ```swift
/// var rng = RandomGenerator(seed: 42)
/// let conv = Conv2D(in: 1, out: 32, kernel: 3, padding: 1, rng: &rng)   // [64, 1, 28, 28] → [64, 32, 28, 28]
/// ```
public final class Conv2D: Layer {
    /// The filters `[out, in, kernel, kernel]`, as the parameter an optimizer updates.
    public let weightParameter: Parameter
    /// One bias per filter `[out]`; `nil` when created with `bias: false` (e.g. before a batch norm).
    public let biasParameter: Parameter?
    public let inChannels: Int
    public let outChannels: Int
    public let kernel: Int
    public let stride: Int
    public let padding: Int
    public let paddingMode: PaddingMode
    public let kernelFlip: KernelFlip

    /// Creates the layer with freshly drawn weights.
    ///
    /// ```swift
    /// let conv = Conv2D(in: 3, out: 10, kernel: 5, rng: &rng)   // 760 parameters
    /// ```
    public init(in inChannels: Int, out outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                paddingMode: PaddingMode = .zeros, kernelFlip: KernelFlip = .crossCorrelation, bias: Bool = true,
                initializer: Initializer = .pytorchDefault, rng: inout RandomGenerator) {
        guard inChannels > 0, outChannels > 0, kernel > 0, stride > 0, padding >= 0 else {
            shapeFailure("Conv2D(in: \(inChannels), out: \(outChannels), kernel: \(kernel), stride: \(stride), "
                         + "padding: \(padding)): channels, kernel and stride must be positive and padding not negative")
        }
        self.inChannels = inChannels; self.outChannels = outChannels; self.kernel = kernel
        self.stride = stride; self.padding = padding; self.paddingMode = paddingMode; self.kernelFlip = kernelFlip
        let fanIn = inChannels * kernel * kernel, fanOut = outChannels * kernel * kernel
        weightParameter = Parameter(initializer.make([outChannels, inChannels, kernel, kernel], fanIn: fanIn, fanOut: fanOut,
                                            using: &rng), name: "weight")
        // PyTorch draws the bias from the same U(−1/√fanIn, 1/√fanIn) bound.
        let biasInit: Initializer = initializer == .zeros ? .zeros : .pytorchDefault
        biasParameter = bias ? Parameter(biasInit.make([outChannels], fanIn: fanIn, fanOut: fanOut, using: &rng),
                                         name: "bias") : nil
    }

    /// Creates a layer from given filters `[out, in, kh, kw]` and bias `[out]` (a Sobel filter, a slide's numbers).
    ///
    /// ```swift
    /// let edges = Conv2D(weight: Tensor([[[[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]]]), bias: nil, padding: 1)
    /// ```
    public init(weight: Tensor, bias: Tensor?, stride: Int = 1, padding: Int = 0, paddingMode: PaddingMode = .zeros,
                kernelFlip: KernelFlip = .crossCorrelation) {
        guard weight.rank == 4, weight.shape[2] == weight.shape[3] else {
            shapeFailure("Conv2D(weight:bias:): weight must be [out, in, k, k] with a square kernel, got \(describe(weight.shape))")
        }
        if let bias, bias.shape != [weight.shape[0]] {
            shapeFailure("Conv2D(weight:bias:): bias \(describe(bias.shape)) must be [\(weight.shape[0])] for weight \(describe(weight.shape))")
        }
        guard stride > 0, padding >= 0 else {
            shapeFailure("Conv2D(weight:bias:): stride must be positive and padding not negative, got stride \(stride), padding \(padding)")
        }
        outChannels = weight.shape[0]; inChannels = weight.shape[1]; kernel = weight.shape[2]
        self.stride = stride; self.padding = padding; self.paddingMode = paddingMode; self.kernelFlip = kernelFlip
        weightParameter = Parameter(weight, name: "weight")
        biasParameter = bias.map { Parameter($0, name: "bias") }
    }

    /// The filters `[out, in, kernel, kernel]`.
    public var weight: Tensor {
        get { weightParameter.value }
        set { weightParameter.value = newValue }
    }

    /// The bias `[out]` (nil when created with `bias: false`).
    public var bias: Tensor? {
        get { biasParameter?.value }
        set { if let newValue { biasParameter?.value = newValue } }
    }

    /// The same layer, with the generator passed as `using:` like `Linear`.
    ///
    /// ```swift
    /// let conv = Conv2D(in: 1, out: 32, kernel: 3, padding: 1, using: &rng)
    /// ```
    public convenience init(in inChannels: Int, out outChannels: Int, kernel: Int, stride: Int = 1, padding: Int = 0,
                            paddingMode: PaddingMode = .zeros, bias: Bool = true,
                            initializer: Initializer = .pytorchDefault, using rng: inout RandomGenerator) {
        self.init(in: inChannels, out: outChannels, kernel: kernel, stride: stride, padding: padding,
                  paddingMode: paddingMode, bias: bias, initializer: initializer, rng: &rng)
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        conv2d(input, weight: weightParameter.value, bias: biasParameter?.value, stride: stride, padding: padding,
               paddingMode: paddingMode, kernelFlip: kernelFlip)
    }

    public var parameters: [Parameter] { [weightParameter] + (biasParameter.map { [$0] } ?? []) }

    public var name: String { "Conv2D(\(inChannels)→\(outChannels), \(kernel)×\(kernel)"
        + (stride != 1 ? ", stride \(stride)" : "") + (padding != 0 ? ", padding \(padding)" : "") + ")" }

    /// The output shape for an input shape, without computing anything (for summaries of big models).
    ///
    /// ```swift
    /// try conv.outputShape(for: [1, 3, 224, 224])   // [1, 64, 224, 224] for 3×3, padding 1
    /// ```
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        try Conv2DGeometry(input: inputShape, weight: weight.shape, stride: stride, padding: padding,
                           paddingMode: paddingMode, kernelFlip: kernelFlip).outputShape
    }
}

extension Conv2D {
    /// `Conv2D → ReLU`, optionally followed by `MaxPool2D`, as fewer passes over memory. `Sequential` calls this
    /// before running its layers one by one (nil: run them one by one). The ReLU is applied as the convolution
    /// writes each output block; when gradients are recorded, as one "conv2d+relu" op whose backward masks the
    /// incoming gradient; in inference, the pooling also records no winners (nothing will flow back). Values and
    /// gradients are those of the separate layers, bit for bit (held equal in FusedInferenceTests).
    ///
    ///     if let (y, used) = Conv2D.fusedForward(layers[i...], input: x) { x = y; i += used }
    static func fusedForward(_ layers: ArraySlice<Layer>, input: Tensor) -> (Tensor, Int)? {
        let start = layers.startIndex
        guard layers.count >= 2, let conv = layers[start] as? Conv2D, layers[start + 1] is ReLU,
              input.rank == 4 else { return nil }
        let recording = GradMode.isEnabled
            && (input.requiresGrad || conv.parameters.contains { $0.value.requiresGrad })
        if recording {
            return (conv2d(input, weight: conv.weight, bias: conv.bias, stride: conv.stride, padding: conv.padding,
                           paddingMode: conv.paddingMode, kernelFlip: conv.kernelFlip, relu: true), 2)
        }
        guard let g = try? Conv2DGeometry(input: input.shape, weight: conv.weight.shape, bias: conv.bias?.shape,
                                          stride: conv.stride, padding: conv.padding, paddingMode: conv.paddingMode,
                                          kernelFlip: conv.kernelFlip) else { return nil }
        MemoryPolicy.applyOnce()
        if layers.count >= 3, let pool = layers[start + 2] as? MaxPool2D, !WinogradConv2D.applies(to: g),
           let pg = try? Pool2DGeometry(batch: 1, channels: g.outChannels, height: g.outHeight, width: g.outWidth,
                                        kernel: pool.kernel, stride: pool.stride, padding: pool.padding) {
            return (conv2dReLUMaxPoolInference(input, weight: conv.weight, bias: conv.bias, geometry: g, pool: pg), 3)
        }
        let y = conv2dInference(input, weight: conv.weight, bias: conv.bias, geometry: g, relu: true)
        if layers.count >= 3, let pool = layers[start + 2] as? MaxPool2D {
            return (maxPool2DInference(y, kernel: pool.kernel, stride: pool.stride, padding: pool.padding), 3)
        }
        return (y, 2)
    }
}
