/// VGG-16 (Simonyan & Zisserman, configuration D; `torchvision.models.vgg16` without its adaptive pooling): five
/// blocks of 3 × 3 convolutions with padding 1 (64, 64 | 128, 128 | 256 × 3 | 512 × 3 | 512 × 3 filters), each block
/// ending in a 2 × 2 max-pooling, then 25088 → 4096 → 4096 → `numClasses` dense layers. For 224 × 224 images and 1000
/// classes: 138,357,544 parameters. `dropout: 0.5` adds torchvision's dropout before the second and third dense
/// layers (no parameters).
///
/// ```swift
/// let net = vgg16(using: &rng)
/// print(net.summary(inputShape: [3, 224, 224]).totalParameters)   // 138357544
/// ```
public func vgg16(numClasses: Int = 1000, dropout: Float? = nil, using rng: inout RandomGenerator) -> Sequential {
    var layers: [Layer] = []
    var channels = 3
    for block in [[64, 64], [128, 128], [256, 256, 256], [512, 512, 512], [512, 512, 512]] {
        for out in block {
            layers += [Conv2D(in: channels, out: out, kernel: 3, padding: 1, using: &rng), ReLU()]
            channels = out
        }
        layers.append(MaxPool2D(kernel: 2))
    }
    layers += [Flatten(), Linear(512 * 7 * 7, 4096, using: &rng), ReLU()]
    if let dropout { layers.append(Dropout(dropout, using: &rng)) }
    layers += [Linear(4096, 4096, using: &rng), ReLU()]
    if let dropout { layers.append(Dropout(dropout, using: &rng)) }
    layers.append(Linear(4096, numClasses, using: &rng))
    return Sequential(layers: layers)
}
