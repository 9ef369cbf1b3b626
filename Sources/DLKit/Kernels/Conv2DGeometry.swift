/// How a convolution reads pixels that fall outside the image.
///
///     let y = try conv2d(x, weight: w, padding: 1, paddingMode: .replicate)
///     // border pixels are repeated instead of padded with zeros
public enum PaddingMode: String, Sendable, Hashable, CaseIterable {
    /// Outside pixels read as 0 (PyTorch `padding_mode="zeros"`, Keras `padding="same"`).
    case zeros
    /// Outside pixels read as the nearest border pixel (PyTorch `padding_mode="replicate"`).
    case replicate
}

/// Whether the kernel slides as is (what every framework calls "convolution") or flipped first.
///
///     let xcorr = try conv2d(x, weight: w)                       // .crossCorrelation
///     let conv  = try conv2d(x, weight: w, kernelFlip: .convolution) // the textbook operator
public enum KernelFlip: String, Sendable, Hashable, CaseIterable {
    /// y[i, j] = Σ w[a, b] · x[i + a, j + b] — what `nn.Conv2d` and `keras.layers.Conv2D` compute.
    case crossCorrelation
    /// y[i, j] = Σ w[a, b] · x[i − a, j − b] — the kernel rotated by 180° before sliding.
    case convolution
}

/// The sizes of one 2-D convolution over an NCHW batch; every kernel in this folder takes one.
///
/// Output size per axis: ⌊(size + 2·padding − kernel) / stride⌋ + 1.
///
///     let g = try Conv2DGeometry(batch: 64, inChannels: 1, height: 28, width: 28,
///                                outChannels: 32, kernel: 3, stride: 1, padding: 1)   // g.outHeight == 28
public struct Conv2DGeometry: Hashable, Sendable {
    public var batch: Int
    public var inChannels: Int
    public var height: Int
    public var width: Int
    public var outChannels: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideY: Int
    public var strideX: Int
    public var padY: Int
    public var padX: Int
    public var paddingMode: PaddingMode
    public var kernelFlip: KernelFlip

    /// Checks every size and throws a ``ConvolutionError`` a student can read when one is impossible.
    ///
    ///     let g = try Conv2DGeometry(batch: 1, inChannels: 3, height: 32, width: 32,
    ///                                outChannels: 10, kernelHeight: 5, kernelWidth: 5)
    public init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
                kernelHeight: Int, kernelWidth: Int, strideY: Int = 1, strideX: Int = 1,
                padY: Int = 0, padX: Int = 0, paddingMode: PaddingMode = .zeros,
                kernelFlip: KernelFlip = .crossCorrelation) throws {
        self.batch = batch; self.inChannels = inChannels; self.height = height; self.width = width
        self.outChannels = outChannels; self.kernelHeight = kernelHeight; self.kernelWidth = kernelWidth
        self.strideY = strideY; self.strideX = strideX; self.padY = padY; self.padX = padX
        self.paddingMode = paddingMode; self.kernelFlip = kernelFlip
        try validate()
    }

    /// Square kernel, equal stride and padding on both axes.
    ///
    ///     let g = try Conv2DGeometry(batch: 2, inChannels: 3, height: 8, width: 8,
    ///                                outChannels: 4, kernel: 3, stride: 2, padding: 1)
    public init(batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
                kernel: Int, stride: Int = 1, padding: Int = 0, paddingMode: PaddingMode = .zeros,
                kernelFlip: KernelFlip = .crossCorrelation) throws {
        try self.init(batch: batch, inChannels: inChannels, height: height, width: width,
                      outChannels: outChannels, kernelHeight: kernel, kernelWidth: kernel,
                      strideY: stride, strideX: stride, padY: padding, padX: padding,
                      paddingMode: paddingMode, kernelFlip: kernelFlip)
    }

    public var outHeight: Int { (height + 2 * padY - kernelHeight) / strideY + 1 }
    public var outWidth: Int { (width + 2 * padX - kernelWidth) / strideX + 1 }
    /// Rows of the im2col matrix: one per (input channel, kernel row, kernel column).
    public var patchSize: Int { inChannels * kernelHeight * kernelWidth }
    public var inputCount: Int { batch * inChannels * height * width }
    public var outputCount: Int { batch * outChannels * outHeight * outWidth }
    public var weightCount: Int { outChannels * patchSize }
    public var inputShape: [Int] { [batch, inChannels, height, width] }
    public var outputShape: [Int] { [batch, outChannels, outHeight, outWidth] }
    public var weightShape: [Int] { [outChannels, inChannels, kernelHeight, kernelWidth] }
    /// Multiply-adds of one forward pass, times two: the FLOP count used in benchmarks.
    public var forwardFLOPs: Double {
        2 * Double(outputCount) * Double(patchSize)
    }

    func validate() throws {
        let sizes = [("batch", batch), ("input channels", inChannels), ("height", height), ("width", width),
                     ("output channels", outChannels), ("kernel height", kernelHeight),
                     ("kernel width", kernelWidth), ("stride", strideY), ("stride", strideX)]
        for (name, value) in sizes where value < 1 {
            throw ConvolutionError.invalidSize("conv2d: \(name) must be at least 1, got \(value)")
        }
        if padY < 0 || padX < 0 {
            throw ConvolutionError.invalidSize("conv2d: padding must not be negative, got (\(padY), \(padX))")
        }
        if height + 2 * padY < kernelHeight || width + 2 * padX < kernelWidth {
            throw ConvolutionError.kernelLargerThanInput(
                "conv2d: kernel \(kernelHeight)×\(kernelWidth) is larger than the padded input "
                + "\(height + 2 * padY)×\(width + 2 * padX) (input \(height)×\(width), padding (\(padY), \(padX)))")
        }
    }

    /// Index of the input pixel read for padded coordinate `coordinate` along an axis of `size`,
    /// or nil when it lies in zero padding.
    @inline(__always)
    func source(_ coordinate: Int, size: Int) -> Int? {
        if coordinate >= 0 && coordinate < size { return coordinate }
        switch paddingMode {
        case .zeros: return nil
        case .replicate: return coordinate < 0 ? 0 : size - 1
        }
    }
}

/// A convolution or pooling call that cannot be computed, with a message that names the sizes involved.
public enum ConvolutionError: Error, CustomStringConvertible, Equatable {
    case invalidSize(String)
    case kernelLargerThanInput(String)
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .invalidSize(let m), .kernelLargerThanInput(let m), .shapeMismatch(let m): return m
        }
    }
}
