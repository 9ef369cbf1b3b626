/// Max pooling as a layer (PyTorch `nn.MaxPool2d`, Keras `MaxPooling2D`). No parameters.
///
/// ```swift
/// let pool = MaxPool2D(kernel: 2)      // [64, 32, 28, 28] → [64, 32, 14, 14]
/// ```
public final class MaxPool2D: Layer {
    public let kernel: Int
    public let stride: Int
    public let padding: Int

    /// The stride defaults to the kernel size (non-overlapping windows).
    ///
    /// ```swift
    /// let pool = MaxPool2D(kernel: 3, stride: 2, padding: 1)
    /// ```
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        maxPool2D(input, kernel: kernel, stride: stride, padding: padding)
    }

    public var name: String { "MaxPool2D(\(kernel)×\(kernel)" + (stride != kernel ? ", stride \(stride)" : "") + ")" }

    /// The output shape for an input shape.
    ///
    /// ```swift
    /// try MaxPool2D(kernel: 2).outputShape(for: [1, 64, 224, 224])   // [1, 64, 112, 112]
    /// ```
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        try Pool2DGeometry(input: inputShape, kernel: kernel, stride: stride, padding: padding, op: "MaxPool2D").outputShape
    }
}

/// Average pooling as a layer (PyTorch `nn.AvgPool2d`, Keras `AveragePooling2D`). No parameters.
///
/// ```swift
/// let pool = AvgPool2D(kernel: 2)      // [1, 6, 28, 28] → [1, 6, 14, 14] (LeNet-5's subsampling)
/// ```
public final class AvgPool2D: Layer {
    public let kernel: Int
    public let stride: Int
    public let padding: Int

    /// The stride defaults to the kernel size (non-overlapping windows).
    ///
    /// ```swift
    /// let pool = AvgPool2D(kernel: 3, stride: 1, padding: 1)
    /// ```
    public init(kernel: Int, stride: Int? = nil, padding: Int = 0) {
        self.kernel = kernel; self.stride = stride ?? kernel; self.padding = padding
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        avgPool2D(input, kernel: kernel, stride: stride, padding: padding)
    }

    public var name: String { "AvgPool2D(\(kernel)×\(kernel)" + (stride != kernel ? ", stride \(stride)" : "") + ")" }

    /// The output shape for an input shape.
    ///
    /// ```swift
    /// try AvgPool2D(kernel: 2).outputShape(for: [1, 6, 28, 28])   // [1, 6, 14, 14]
    /// ```
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        try Pool2DGeometry(input: inputShape, kernel: kernel, stride: stride, padding: padding, op: "AvgPool2D").outputShape
    }
}

/// Global average pooling as a layer: `[batch, channels, h, w] → [batch, channels]` (Keras
/// `GlobalAveragePooling2D`). No parameters.
///
/// ```swift
/// let head = GlobalAvgPool2D()         // [64, 512, 7, 7] → [64, 512]
/// ```
public final class GlobalAvgPool2D: Layer {
    /// ```swift
    /// let gap = GlobalAvgPool2D()
    /// ```
    public init() {}

    public func callAsFunction(_ input: Tensor) -> Tensor { globalAvgPool2D(input) }

    /// The output shape for an input shape.
    ///
    /// ```swift
    /// try GlobalAvgPool2D().outputShape(for: [64, 512, 7, 7])   // [64, 512]
    /// ```
    public func outputShape(for inputShape: [Int]) throws -> [Int] {
        guard inputShape.count == 4 else {
            throw ConvolutionError.shapeMismatch(
                "GlobalAvgPool2D: input must be [batch, channels, height, width] (4 axes), got \(describe(inputShape))")
        }
        return [inputShape[0], inputShape[1]]
    }
}
