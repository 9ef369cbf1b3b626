/// ResNet-18 (He et al. 2015; `torchvision.models.resnet18`): a 7 × 7 stride-2 convolution with batch norm and a
/// 3 × 3 stride-2 max-pooling, then four stages of two `ResidualBlock`s (64, 128, 256, 512 channels; each stage
/// after the first halves the size and opens with a projection shortcut), a global average pooling and one dense
/// layer. 18 = 1 + 4 · 2 · 2 + 1 layers with weights (the shortcuts' 1 × 1 convolutions are not counted);
/// 11,689,512 parameters for 1000 classes. The adaptive pooling lets it take any image of at least 32 × 32.
///
/// The stages' blocks are listed one by one, so `summary` shows a row per block.
///
/// ```swift
/// let net = resnet18(numClasses: 10, using: &rng)
/// let logits = net(Tensor.zeros([2, 3, 64, 64]))     // [2, 10]
/// ```
public func resnet18(numClasses: Int = 1000, using rng: inout RandomGenerator) -> Sequential {
    var layers: [Layer] = [
        Conv2D(in: 3, out: 64, kernel: 7, stride: 2, padding: 3, bias: false, initializer: .kaimingNormal, using: &rng),
        BatchNorm(64), ReLU(), MaxPool2D(kernel: 3, stride: 2, padding: 1),
    ]
    var channels = 64
    for (stage, width) in [64, 128, 256, 512].enumerated() {
        for block in 0..<2 {
            let stride = stage > 0 && block == 0 ? 2 : 1
            layers.append(ResidualBlock(in: channels, out: width, stride: stride, using: &rng))
            channels = width
        }
    }
    layers += [AdaptiveAvgPool2D(1), Flatten(), Linear(512, numClasses, using: &rng)]
    return Sequential(layers: layers)
}
