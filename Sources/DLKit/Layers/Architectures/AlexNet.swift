/// AlexNet as torchvision builds it (`torchvision.models.alexnet`): five convolutions (64, 192, 384, 256, 256
/// filters; 11 × 11 stride 4, then 5 × 5, then three 3 × 3), three overlapping 3 × 3 max-poolings with stride 2, an
/// adaptive average pooling to 6 × 6 and three dense layers (9216 → 4096 → 4096 → `numClasses`) with dropout 0.5.
/// 61,100,840 parameters for 1000 classes.
///
/// Krizhevsky et al.'s 2012 network differs in two ways that leave the layout alone: it had 96, 256, 384, 384, 256
/// filters split over two GPUs (grouped convolutions, which DLKit does not have) and a local response normalization
/// after the first two convolutions (no parameters; left out here, as in torchvision, since batch norm replaced it).
///
/// ```swift
/// let net = alexnet(using: &rng)
/// print(net.summary(inputShape: [3, 224, 224]))     // … [-1, 1000], 61,100,840 parameters
/// ```
public func alexnet(numClasses: Int = 1000, dropout: Float = 0.5, using rng: inout RandomGenerator) -> Sequential {
    Sequential {
        Conv2D(in: 3, out: 64, kernel: 11, stride: 4, padding: 2, using: &rng); ReLU()
        MaxPool2D(kernel: 3, stride: 2)
        Conv2D(in: 64, out: 192, kernel: 5, padding: 2, using: &rng); ReLU()
        MaxPool2D(kernel: 3, stride: 2)
        Conv2D(in: 192, out: 384, kernel: 3, padding: 1, using: &rng); ReLU()
        Conv2D(in: 384, out: 256, kernel: 3, padding: 1, using: &rng); ReLU()
        Conv2D(in: 256, out: 256, kernel: 3, padding: 1, using: &rng); ReLU()
        MaxPool2D(kernel: 3, stride: 2)
        AdaptiveAvgPool2D(6)
        Flatten()
        Dropout(dropout, using: &rng)
        Linear(256 * 6 * 6, 4096, using: &rng); ReLU()
        Dropout(dropout, using: &rng)
        Linear(4096, 4096, using: &rng); ReLU()
        Linear(4096, numClasses, using: &rng)
    }
}
