/// One mini-batch: images as a tensor [B, C, H, W] and their labels.
///
///     for batch in loader {
///         let logits = model(batch.images)              // [64, 10]
///         let loss = crossEntropy(logits, batch.labels)
///     }
public struct Batch {
    /// The images, [batch, channels, height, width], values in [0, 1] unless a transform changed them.
    public var images: Tensor
    /// The class of each image.
    public var labels: [Int]
    /// The position of each sample in the dataset (to look an image up again, e.g. a misclassified one).
    public var indices: [Int]

    public init(images: Tensor, labels: [Int], indices: [Int]) {
        self.images = images
        self.labels = labels
        self.indices = indices
    }

    /// The number of samples.
    public var count: Int { labels.count }

    /// The labels as a Float tensor of shape [B] (class indices as numbers).
    ///
    ///     let y = batch.labelTensor    // [5, 0, 4, …]
    public var labelTensor: Tensor { Tensor(shape: [labels.count], scalars: labels.map(Float.init)) }

    /// The labels one-hot encoded, shape [B, classes].
    ///
    ///     let target = batch.oneHotLabels(classes: 10)   // [64, 10]
    public func oneHotLabels(classes: Int) -> Tensor {
        Tensor(shape: [labels.count, classes]) { out in
            for i in 0..<out.count { out[i] = 0 }
            for (row, label) in labels.enumerated() where label >= 0 && label < classes { out[row * classes + label] = 1 }
        }
    }
}
