/// Flattens every axis after the batch axis: `[N, C, H, W]` → `[N, C·H·W]` (Keras' `Flatten`).
///
/// ```swift
/// let f = Flatten(); f(Tensor.zeros([2, 1, 28, 28])).shape   // [2, 784]
/// ```
public final class Flatten: Layer {
    public init() {}
    public func callAsFunction(_ input: Tensor) -> Tensor { input.flattened(startAxis: 1) }
}
