/// Updates parameters from their gradients. Holds the parameters it updates (shared with the model,
/// since `Parameter` is a class), like PyTorch's `torch.optim` classes.
///
/// ```swift
/// let opt = Adam(model.parameters, learningRate: 1e-3)
/// opt.zeroGrad(); loss.backward(); opt.step()
/// ```
public protocol Optimizer: AnyObject {
    /// The parameters this optimizer updates (frozen ones are skipped at each step).
    var parameters: [Parameter] { get }
    /// The step size; may be changed between steps (learning-rate schedules).
    var learningRate: Float { get set }
    /// Applies one update using the current gradients (parameters without a gradient are left alone).
    func step()
}

extension Optimizer {
    /// Clears the gradients of all parameters (call before each `backward()`, gradients accumulate).
    ///
    /// ```swift
    /// opt.zeroGrad()
    /// ```
    public func zeroGrad() { for p in parameters { p.value.zeroGrad() } }
}
