/// Adaptive average pooling as a layer (PyTorch `nn.AdaptiveAvgPool2d`): whatever the input's height and width,
/// the output is `[batch, channels, height, width]` of the chosen size — what lets torchvision's AlexNet and
/// ResNet take any image size. No parameters.
///
/// ```swift
/// let pool = AdaptiveAvgPool2D(6)           // [1, 256, 13, 13] → [1, 256, 6, 6]
/// ```
public final class AdaptiveAvgPool2D: Layer {
    public let outputHeight: Int
    public let outputWidth: Int

    /// A square output `size × size`, or `height × width`.
    ///
    /// ```swift
    /// let gap = AdaptiveAvgPool2D(1)            // global average pooling that keeps the 1 × 1 axes
    /// ```
    public init(_ size: Int, _ width: Int? = nil) {
        guard size > 0, (width ?? 1) > 0 else {
            shapeFailure("AdaptiveAvgPool2D(\(size)\(width.map { ", \($0)" } ?? "")): output sizes must be positive")
        }
        outputHeight = size; outputWidth = width ?? size
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        adaptiveAvgPool2D(input, outputSize: (outputHeight, outputWidth))
    }

    /// "AdaptiveAvgPool2D(6×6)" in summaries.
    public var name: String { "AdaptiveAvgPool2D(\(outputHeight)×\(outputWidth))" }
}
