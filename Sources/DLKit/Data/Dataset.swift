/// A collection of labelled images that a `DataLoader` can batch: MNIST, an image folder, or your own type.
///
///     struct Noise: Dataset {
///         var count: Int { 100 }
///         func image(at i: Int) -> PixelImage { PixelImage(channels: 1, height: 8, width: 8, value: Float(i) / 100) }
///         func label(at i: Int) -> Int { i % 2 }
///     }
public protocol Dataset {
    /// The number of samples.
    var count: Int { get }
    /// Sample `index`'s image, pixels in [0, 1].
    func image(at index: Int) -> PixelImage
    /// Sample `index`'s class, in `0..<classCount`.
    func label(at index: Int) -> Int
    /// Writes sample `index`'s pixels (C·H·W values in [0, 1]) into `buffer`. A default goes through `image(at:)`;
    /// datasets that hold bytes override it to skip the intermediate array (the loader's fast path).
    func writePixels(at index: Int, into buffer: UnsafeMutableBufferPointer<Float>)
}

extension Dataset {
    public func writePixels(at index: Int, into buffer: UnsafeMutableBufferPointer<Float>) {
        let pixels = image(at: index).pixels
        guard pixels.count == buffer.count else {
            fatalError("Dataset: sample \(index) has \(pixels.count) pixels, the batch expects \(buffer.count) — "
                + "all images of a dataset must have the same size (add a resize or crop transform)")
        }
        _ = buffer.initialize(from: pixels)
    }

    /// Sample `index` as an (image, label) pair.
    ///
    ///     let (img, y) = train[0]     // the first MNIST digit, a 5
    public subscript(index: Int) -> (image: PixelImage, label: Int) { (image(at: index), label(at: index)) }
}
