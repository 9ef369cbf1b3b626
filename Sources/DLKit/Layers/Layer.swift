/// A building block of a model: it maps an input tensor to an output tensor and may own trainable
/// `parameters`. Layers are classes (like PyTorch's `nn.Module`), so an optimizer that holds a model's
/// parameters updates the very weights the model uses.
///
/// ```swift
/// let layer = Linear(784, 10, using: &rng)
/// let logits = layer(images.flattened())
/// ```
///
/// To write a layer: conform, implement `callAsFunction` with differentiable tensor ops, and list your
/// `Parameter`s in `parameters` (layers without weights can skip it). Override `isTraining` with a stored
/// property if the layer behaves differently in training (dropout, batch norm), and `sublayers` if it
/// contains other layers.
public protocol Layer: AnyObject {
    /// Applies the layer.
    func callAsFunction(_ input: Tensor) -> Tensor
    /// The trainable (and frozen) parameters of this layer and its sublayers, in a stable order.
    var parameters: [Parameter] { get }
    /// Layers contained in this one (for mode switching and summaries).
    var sublayers: [Layer] { get }
    /// Training mode (dropout active, batch statistics) or evaluation mode.
    var isTraining: Bool { get set }
    /// A short name for summaries (default: the type name).
    var name: String { get }
    /// State that is saved with the weights but not trained (batch norm's running statistics).
    var buffers: [Parameter] { get }
}

extension Layer {
    public var parameters: [Parameter] { sublayers.flatMap(\.parameters) }
    public var sublayers: [Layer] { [] }
    public var buffers: [Parameter] { sublayers.flatMap(\.buffers) }
    public var isTraining: Bool {
        get { sublayers.first?.isTraining ?? true }
        set { for layer in sublayers { layer.isTraining = newValue } }
    }
    public var name: String { String(describing: type(of: self)) }

    /// Switches this layer and all sublayers to training mode (like PyTorch's `model.train()`).
    ///
    /// ```swift
    /// model.train()
    /// ```
    public func train() { isTraining = true }

    /// Switches to evaluation mode: dropout off, batch norm uses running statistics (`model.eval()`).
    ///
    /// ```swift
    /// model.eval(); let logits = withoutGrad { model(testImages) }
    /// ```
    public func eval() { isTraining = false }

    /// Parameters with PyTorch-style state-dict names: "weight" for a single layer, "0.weight", "2.bias",
    /// "3.1.weight" inside (nested) containers — the keys used in safetensors files.
    ///
    /// ```swift
    /// for (name, p) in model.namedParameters { print(name, p.shape) }
    /// ```
    public var namedParameters: [(name: String, parameter: Parameter)] {
        let subs = sublayers
        if subs.isEmpty { return parameters.map { ($0.name, $0) } }
        return subs.enumerated().flatMap { i, layer in
            layer.namedParameters.map { ("\(i).\($0.name)", $0.parameter) }
        }
    }

    /// Buffers with state-dict names, like `namedParameters` ("1.running_mean").
    public var namedBuffers: [(name: String, parameter: Parameter)] {
        let subs = sublayers
        if subs.isEmpty { return buffers.map { ($0.name, $0) } }
        return subs.enumerated().flatMap { i, layer in
            layer.namedBuffers.map { ("\(i).\($0.name)", $0.parameter) }
        }
    }

    /// The number of scalars in all parameters (frozen ones included).
    ///
    /// ```swift
    /// print(model.parameterCount)   // 235146 for 784-256-128-10
    /// ```
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

    /// Stops gradients to every parameter of this layer (transfer learning: keep pretrained features).
    ///
    /// ```swift
    /// backbone.freeze()
    /// ```
    public func freeze() { for p in parameters { p.isFrozen = true } }

    /// Lets gradients reach every parameter again.
    ///
    /// ```swift
    /// model.unfreeze()
    /// ```
    public func unfreeze() { for p in parameters { p.isFrozen = false } }

    /// Clears the gradients of all parameters.
    ///
    /// ```swift
    /// model.zeroGrad()
    /// ```
    public func zeroGrad() { for p in parameters { p.value.zeroGrad() } }
}
