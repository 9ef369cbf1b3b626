/// Layers applied one after another: `Sequential(a, b, c)(x) == c(b(a(x)))` (PyTorch's `nn.Sequential`,
/// Keras' `Sequential`). Also buildable with a result builder.
///
/// ```swift
/// let model = Sequential(Linear(784, 256, using: &rng), ReLU(), Linear(256, 10, using: &rng))
/// let model2 = Sequential { Flatten(); Linear(784, 10, using: &rng) }
/// ```
public final class Sequential: Layer {
    /// The layers, in order.
    public private(set) var layers: [Layer]
    private var training = true

    /// Creates a model from an array of layers.
    ///
    /// ```swift
    /// let model = Sequential(layers: [Flatten(), Linear(784, 10, using: &rng)])
    /// ```
    public init(layers: [Layer]) {
        self.layers = layers
    }

    /// Creates a model from layers listed as arguments.
    ///
    /// ```swift
    /// let model = Sequential(Linear(2, 4, using: &rng), Tanh(), Linear(4, 1, using: &rng))
    /// ```
    public convenience init(_ layers: Layer...) { self.init(layers: layers) }

    /// Creates a model from layers written one per line.
    ///
    /// ```swift
    /// let model = Sequential { Linear(2, 4, using: &rng); ReLU() }
    /// ```
    public convenience init(@LayerBuilder _ build: () -> [Layer]) { self.init(layers: build()) }

    public var sublayers: [Layer] { layers }

    public var isTraining: Bool {
        get { training }
        set { training = newValue; for l in layers { l.isTraining = newValue } }
    }

    public func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input, i = 0
        while i < layers.count {
            // Conv2D → ReLU (→ MaxPool2D in inference) runs fused (Conv2DLayer.swift): same values and gradients.
            if let (y, used) = Conv2D.fusedForward(layers[i...], input: x) { x = y; i += used; continue }
            x = layers[i](x); i += 1
        }
        return x
    }

    /// The `i`-th layer (`model[0]`).
    public subscript(_ i: Int) -> Layer { layers[i] }

    /// Appends a layer.
    ///
    /// ```swift
    /// model.append(Softmax())
    /// ```
    public func append(_ layer: Layer) {
        layers.append(layer)
    }
}

/// Collects the layers written inside `Sequential { … }`.
@resultBuilder
public enum LayerBuilder {
    public static func buildExpression(_ layer: Layer) -> [Layer] { [layer] }
    public static func buildBlock(_ parts: [Layer]...) -> [Layer] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Layer]?) -> [Layer] { part ?? [] }
    public static func buildEither(first: [Layer]) -> [Layer] { first }
    public static func buildEither(second: [Layer]) -> [Layer] { second }
    public static func buildArray(_ parts: [[Layer]]) -> [Layer] { parts.flatMap { $0 } }
}

extension Sequential: CustomStringConvertible {
    /// The layers, numbered like PyTorch's `print(model)` (nested containers indented).
    ///
    /// ```swift
    /// print(Sequential(Flatten(), Linear(784, 10, using: &rng)))
    /// // Sequential(
    /// //   (0): Flatten
    /// //   (1): Linear(784→10)
    /// // )
    /// ```
    public var description: String { describe(indent: "") }

    private func describe(indent: String) -> String {
        let inner = indent + "  "
        let lines = layers.enumerated().map { i, layer in
            "\(inner)(\(i)): " + ((layer as? Sequential)?.describe(indent: inner) ?? layer.name)
        }
        return (["Sequential("] + lines + [indent + ")"]).joined(separator: "\n")
    }
}
