/// Batch normalization over channels (axis 1): `BatchNorm(features)` for `[N, C]` (PyTorch's
/// BatchNorm1d) and `[N, C, H, W]` (BatchNorm2d). Learns γ (`weight`) and β (`bias`); keeps running
/// mean and variance (momentum 0.1) for evaluation mode.
///
/// ```swift
/// let bn = BatchNorm(256)
/// let y = bn(Tensor.zeros([64, 256]) + 1)
/// ```
public final class BatchNorm: Layer {
    public let features: Int
    public let momentum: Float
    public let epsilon: Float
    public let weightParameter: Parameter
    public let biasParameter: Parameter
    /// Running per-channel mean and (unbiased) variance: saved with the weights, not trained.
    public let runningMeanBuffer: Parameter
    public let runningVarianceBuffer: Parameter
    /// Running per-channel mean (updated in training mode).
    public var runningMean: Tensor {
        get { runningMeanBuffer.value }
        set { runningMeanBuffer.value = newValue }
    }
    /// Running per-channel (unbiased) variance.
    public var runningVariance: Tensor {
        get { runningVarianceBuffer.value }
        set { runningVarianceBuffer.value = newValue }
    }
    public var isTraining = true

    /// Creates a batch-norm layer for `features` channels (γ = 1, β = 0).
    ///
    /// ```swift
    /// let bn = BatchNorm(32, momentum: 0.1)
    /// ```
    public init(_ features: Int, momentum: Float = 0.1, epsilon: Float = 1e-5) {
        guard features > 0 else { fatalError("BatchNorm: features must be positive, got \(features)") }
        self.features = features
        self.momentum = momentum
        self.epsilon = epsilon
        weightParameter = Parameter(Tensor.ones([features]), name: "weight")
        biasParameter = Parameter(Tensor.zeros([features]), name: "bias")
        runningMeanBuffer = Parameter(Tensor.zeros([features]), name: "running_mean", isFrozen: true)
        runningVarianceBuffer = Parameter(Tensor.ones([features]), name: "running_var", isFrozen: true)
    }

    public var parameters: [Parameter] { [weightParameter, biasParameter] }
    public var buffers: [Parameter] { [runningMeanBuffer, runningVarianceBuffer] }
    /// "BatchNorm(32)" in summaries.
    public var name: String { "BatchNorm(\(features))" }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard input.rank >= 2, input.shape[1] == features else {
            fatalError("BatchNorm(\(features)): input \(describe(input.shape)) must be [batch, \(features), …]")
        }
        var mean = runningMean, variance = runningVariance
        let y = batchNorm(input, gamma: weightParameter.value, beta: biasParameter.value,
                          runningMean: &mean, runningVariance: &variance,
                          momentum: momentum, epsilon: epsilon, training: isTraining)
        if isTraining { runningMean = mean; runningVariance = variance }
        return y
    }
}
