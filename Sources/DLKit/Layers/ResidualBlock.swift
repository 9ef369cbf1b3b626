/// ResNet's basic block (He et al. 2015; torchvision's `BasicBlock`): two 3 × 3 convolutions, each followed by
/// batch norm, and a **shortcut** that adds the block's input to its output before the last ReLU:
/// `y = ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x))`. The shortcut is the identity when the shape stays; when
/// the block halves the size (`stride: 2`) or changes the channels it is a 1 × 1 convolution with that stride and a
/// batch norm (the "projection shortcut", option B of the paper). The convolutions have no bias: the batch norm
/// after each one has its own β.
///
/// Parameters: `9·in·out + 2·out` (conv1, bn1) `+ 9·out·out + 2·out` (conv2, bn2), plus `in·out + 2·out` with a
/// projection.
///
/// ```swift
/// let block = ResidualBlock(in: 64, out: 128, stride: 2, using: &rng)   // [N, 64, 56, 56] → [N, 128, 28, 28]
/// ```
public final class ResidualBlock: Layer {
    public let inChannels: Int
    public let outChannels: Int
    public let stride: Int
    public let conv1: Conv2D
    public let bn1: BatchNorm
    public let conv2: Conv2D
    public let bn2: BatchNorm
    /// The 1 × 1 convolution and batch norm on the shortcut, or nil for the identity.
    public let projection: Sequential?

    /// Creates the block; the projection shortcut appears when `stride ≠ 1` or `in ≠ out`.
    ///
    /// ```swift
    /// let same = ResidualBlock(in: 64, out: 64, using: &rng)     // identity shortcut
    /// ```
    public init(in inChannels: Int, out outChannels: Int, stride: Int = 1, using rng: inout RandomGenerator) {
        self.inChannels = inChannels; self.outChannels = outChannels; self.stride = stride
        conv1 = Conv2D(in: inChannels, out: outChannels, kernel: 3, stride: stride, padding: 1, bias: false,
                       initializer: .kaimingNormal, using: &rng)
        bn1 = BatchNorm(outChannels)
        conv2 = Conv2D(in: outChannels, out: outChannels, kernel: 3, padding: 1, bias: false,
                       initializer: .kaimingNormal, using: &rng)
        bn2 = BatchNorm(outChannels)
        if stride != 1 || inChannels != outChannels {
            projection = Sequential(Conv2D(in: inChannels, out: outChannels, kernel: 1, stride: stride, bias: false,
                                           initializer: .kaimingNormal, using: &rng),
                                    BatchNorm(outChannels))
        } else {
            projection = nil
        }
    }

    public var sublayers: [Layer] { [conv1, bn1, conv2, bn2] + (projection.map { [$0] } ?? []) }

    /// "ResidualBlock(64→128, stride 2)" in summaries.
    public var name: String {
        "ResidualBlock(\(inChannels)→\(outChannels)" + (stride != 1 ? ", stride \(stride)" : "") + ")"
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard input.rank == 4, input.shape[1] == inChannels else {
            shapeFailure("\(name): input \(describe(input.shape)) must be [batch, \(inChannels), height, width]")
        }
        let main = bn2(conv2(bn1(conv1(input)).relu()))
        let shortcut = projection.map { $0(input) } ?? input
        return (main + shortcut).relu()
    }
}
