/// GoogLeNet's Inception module (Szegedy et al. 2014, torchvision's `Inception`): four branches on the same input,
/// joined along the channels — a 1 × 1 convolution; a 1 × 1 reduction then a 3 × 3; a 1 × 1 reduction then a 5 × 5;
/// a 3 × 3 max-pooling (stride 1) then a 1 × 1 projection. Every convolution is followed by a ReLU and keeps the
/// height and width, so the output has `ch1x1 + ch3x3 + ch5x5 + poolProj` channels. The 1 × 1 reductions are what
/// keep the parameters low: a 5 × 5 over 192 channels costs 25 · 192 per filter, after a reduction to 16 only 25 · 16.
///
/// ```swift
/// let block3a = inceptionModule(192, ch1x1: 64, ch3x3reduce: 96, ch3x3: 128, ch5x5reduce: 16, ch5x5: 32,
///                               poolProj: 32, using: &rng)    // [N, 192, 28, 28] → [N, 256, 28, 28]
/// ```
public func inceptionModule(_ inChannels: Int, ch1x1: Int, ch3x3reduce: Int, ch3x3: Int, ch5x5reduce: Int, ch5x5: Int,
                            poolProj: Int, name: String? = nil, using rng: inout RandomGenerator) -> Concatenate {
    func conv(_ i: Int, _ o: Int, _ k: Int, _ rng: inout RandomGenerator) -> [Layer] {
        [Conv2D(in: i, out: o, kernel: k, padding: k / 2, using: &rng), ReLU()]
    }
    let branches: [Layer] = [
        Sequential(layers: conv(inChannels, ch1x1, 1, &rng)),
        Sequential(layers: conv(inChannels, ch3x3reduce, 1, &rng) + conv(ch3x3reduce, ch3x3, 3, &rng)),
        Sequential(layers: conv(inChannels, ch5x5reduce, 1, &rng) + conv(ch5x5reduce, ch5x5, 5, &rng)),
        Sequential(layers: [MaxPool2D(kernel: 3, stride: 1, padding: 1)] + conv(inChannels, poolProj, 1, &rng)),
    ]
    let out = ch1x1 + ch3x3 + ch5x5 + poolProj
    return Concatenate(branches: branches, name: name ?? "Inception(\(inChannels)→\(out))")
}

/// GoogLeNet as in the paper's Table 1 (without the two auxiliary classifiers used only in training, and without its
/// local response normalizations, which have no parameters): a stem of 7 × 7 / 2, max-pool, 1 × 1 and 3 × 3
/// convolutions, nine Inception modules (3a–3b, 4a–4e, 5a–5b) with max-poolings between the groups, global average
/// pooling, dropout 0.4 and one dense layer 1024 → `numClasses`.
///
/// ```swift
/// let net = googlenet(using: &rng)
/// print(net.summary(inputShape: [3, 224, 224]))
/// ```
public func googlenet(numClasses: Int = 1000, using rng: inout RandomGenerator) -> Sequential {
    // (name, in, 1×1, 3×3 reduce, 3×3, 5×5 reduce, 5×5, pool proj) from Table 1 of the paper.
    let table: [(String, Int, Int, Int, Int, Int, Int, Int)] = [
        ("3a", 192, 64, 96, 128, 16, 32, 32), ("3b", 256, 128, 128, 192, 32, 96, 64),
        ("4a", 480, 192, 96, 208, 16, 48, 64), ("4b", 512, 160, 112, 224, 24, 64, 64),
        ("4c", 512, 128, 128, 256, 24, 64, 64), ("4d", 512, 112, 144, 288, 32, 64, 64),
        ("4e", 528, 256, 160, 320, 32, 128, 128), ("5a", 832, 256, 160, 320, 32, 128, 128),
        ("5b", 832, 384, 192, 384, 48, 128, 128),
    ]
    var layers: [Layer] = [
        Conv2D(in: 3, out: 64, kernel: 7, stride: 2, padding: 3, using: &rng), ReLU(),
        MaxPool2D(kernel: 3, stride: 2, padding: 1),
        Conv2D(in: 64, out: 64, kernel: 1, using: &rng), ReLU(),
        Conv2D(in: 64, out: 192, kernel: 3, padding: 1, using: &rng), ReLU(),
        MaxPool2D(kernel: 3, stride: 2, padding: 1),
    ]
    for (n, i, a, b, c, d, e, f) in table {
        layers.append(inceptionModule(i, ch1x1: a, ch3x3reduce: b, ch3x3: c, ch5x5reduce: d, ch5x5: e, poolProj: f,
                                      name: "Inception(\(n))", using: &rng))
        if n == "3b" || n == "4e" { layers.append(MaxPool2D(kernel: 3, stride: 2, padding: 1)) }
    }
    layers += [AdaptiveAvgPool2D(1), Flatten(), Dropout(0.4, using: &rng), Linear(1024, numClasses, using: &rng)]
    return Sequential(layers: layers)
}
