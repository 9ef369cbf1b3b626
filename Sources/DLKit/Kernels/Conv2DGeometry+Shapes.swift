extension Conv2DGeometry {
    /// The geometry of `conv2d(input, weight:)` from the two tensors' shapes, or a ``ConvolutionError`` that
    /// names both shapes when they do not fit together.
    ///
    ///     let g = try Conv2DGeometry(input: [64, 1, 28, 28], weight: [32, 1, 3, 3], padding: 1)
    ///     // g.outputShape == [64, 32, 28, 28]
    public init(input: [Int], weight: [Int], bias: [Int]? = nil, stride: Int = 1, padding: Int = 0,
                paddingMode: PaddingMode = .zeros, kernelFlip: KernelFlip = .crossCorrelation) throws {
        let shown = "input \(describe(input)), weight \(describe(weight))"
        guard input.count == 4 else {
            throw ConvolutionError.shapeMismatch(
                "conv2d: input must be [batch, channels, height, width] (4 axes), got \(describe(input))")
        }
        guard weight.count == 4 else {
            throw ConvolutionError.shapeMismatch(
                "conv2d: weight must be [out channels, in channels, kernel height, kernel width] (4 axes), "
                + "got \(describe(weight))")
        }
        guard input[1] == weight[1] else {
            throw ConvolutionError.shapeMismatch(
                "conv2d: input \(describe(input)) has \(input[1]) channels but weight \(describe(weight)) "
                + "expects \(weight[1]) (weight is [out, in, kh, kw])")
        }
        if let bias, bias != [weight[0]] {
            throw ConvolutionError.shapeMismatch(
                "conv2d: bias must have shape [\(weight[0])] (one per output channel of weight "
                + "\(describe(weight))), got \(describe(bias))")
        }
        do {
            try self.init(batch: input[0], inChannels: input[1], height: input[2], width: input[3],
                          outChannels: weight[0], kernelHeight: weight[2], kernelWidth: weight[3],
                          strideY: stride, strideX: stride, padY: padding, padX: padding,
                          paddingMode: paddingMode, kernelFlip: kernelFlip)
        } catch ConvolutionError.kernelLargerThanInput(let message) {
            throw ConvolutionError.kernelLargerThanInput(message + " — \(shown)")
        }
    }
}

extension Pool2DGeometry {
    /// The geometry of a pooling over an NCHW tensor of shape `input`, or a ``ConvolutionError`` naming it.
    ///
    ///     let g = try Pool2DGeometry(input: [64, 32, 28, 28], kernel: 2)   // outputShape [64, 32, 14, 14]
    public init(input: [Int], kernel: Int, stride: Int? = nil, padding: Int = 0, op: String = "pool2d") throws {
        guard input.count == 4 else {
            throw ConvolutionError.shapeMismatch(
                "\(op): input must be [batch, channels, height, width] (4 axes), got \(describe(input))")
        }
        do {
            try self.init(batch: input[0], channels: input[1], height: input[2], width: input[3],
                          kernel: kernel, stride: stride, padding: padding)
        } catch let error as ConvolutionError {
            throw ConvolutionError.invalidSize(
                error.description.replacingOccurrences(of: "pool2d:", with: "\(op):") + " — input \(describe(input))")
        }
    }
}
