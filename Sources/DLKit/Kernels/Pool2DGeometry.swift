/// The sizes of one 2-D pooling over an NCHW batch (each channel of each image pooled on its own).
///
/// Output size per axis: ⌊(size + 2·padding − kernel) / stride⌋ + 1, as in PyTorch (floor mode).
///
///     let g = try Pool2DGeometry(batch: 64, channels: 32, height: 28, width: 28, kernel: 2)  // 14×14 out
public struct Pool2DGeometry: Hashable, Sendable {
    public var batch: Int
    public var channels: Int
    public var height: Int
    public var width: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideY: Int
    public var strideX: Int
    public var padY: Int
    public var padX: Int

    /// Checks the sizes; throws a ``ConvolutionError`` naming them when a pooling is impossible.
    /// Padding may be at most half the kernel (as in PyTorch), so every window sees a real pixel.
    ///
    ///     let g = try Pool2DGeometry(batch: 1, channels: 1, height: 4, width: 4,
    ///                                kernelHeight: 2, kernelWidth: 2, strideY: 2, strideX: 2)
    public init(batch: Int, channels: Int, height: Int, width: Int, kernelHeight: Int, kernelWidth: Int,
                strideY: Int, strideX: Int, padY: Int = 0, padX: Int = 0) throws {
        self.batch = batch; self.channels = channels; self.height = height; self.width = width
        self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.strideY = strideY; self.strideX = strideX; self.padY = padY; self.padX = padX
        let sizes = [("batch", batch), ("channels", channels), ("height", height), ("width", width),
                     ("kernel height", kernelHeight), ("kernel width", kernelWidth),
                     ("stride", strideY), ("stride", strideX)]
        for (name, value) in sizes where value < 1 {
            throw ConvolutionError.invalidSize("pool2d: \(name) must be at least 1, got \(value)")
        }
        if padY < 0 || padX < 0 || 2 * padY > kernelHeight || 2 * padX > kernelWidth {
            throw ConvolutionError.invalidSize(
                "pool2d: padding (\(padY), \(padX)) must be between 0 and half the kernel "
                + "\(kernelHeight)×\(kernelWidth)")
        }
        if height + 2 * padY < kernelHeight || width + 2 * padX < kernelWidth {
            throw ConvolutionError.kernelLargerThanInput(
                "pool2d: window \(kernelHeight)×\(kernelWidth) is larger than the padded input "
                + "\(height + 2 * padY)×\(width + 2 * padX) (input \(height)×\(width))")
        }
    }

    /// Square window; the stride defaults to the window size (non-overlapping, as in PyTorch and Keras).
    ///
    ///     let g = try Pool2DGeometry(batch: 2, channels: 3, height: 8, width: 8, kernel: 2)
    public init(batch: Int, channels: Int, height: Int, width: Int, kernel: Int, stride: Int? = nil,
                padding: Int = 0) throws {
        try self.init(batch: batch, channels: channels, height: height, width: width,
                      kernelHeight: kernel, kernelWidth: kernel, strideY: stride ?? kernel,
                      strideX: stride ?? kernel, padY: padding, padX: padding)
    }

    public var outHeight: Int { (height + 2 * padY - kernelHeight) / strideY + 1 }
    public var outWidth: Int { (width + 2 * padX - kernelWidth) / strideX + 1 }
    public var planes: Int { batch * channels }
    public var inputCount: Int { planes * height * width }
    public var outputCount: Int { planes * outHeight * outWidth }
    public var inputShape: [Int] { [batch, channels, height, width] }
    public var outputShape: [Int] { [batch, channels, outHeight, outWidth] }
}
