/// Reverse-mode automatic differentiation, micrograd style: every differentiable op computes its
/// value and hands `makeResult` a closure that maps the gradient of the result to the gradients of
/// its inputs. `backward()` walks the recorded graph from the output in reverse topological order.
///
/// ## Defining a differentiable op (the pattern every op in DLKit follows)
///
/// ```swift
/// extension Tensor {
///     /// y = x³, dy/dx = 3x²
///     public func cubed() -> Tensor {
///         let value = Tensor(shape: shape, scalars: scalars.map { $0 * $0 * $0 })   // forward
///         return Tensor.makeResult(value: value, parents: [self], op: "cubed") { g in
///             [g * 3 * self * self]                                               // backward
///         }
///     }
/// }
/// ```
///
/// - The backward closure receives `g`, the gradient of the loss with respect to the result (same shape
///   as `value`), and returns one gradient per parent, in order, each with that parent's shape
///   (return `nil` for an input that needs no gradient, e.g. integer labels).
/// - Inside the closure, gradients are plain tensors: computing them with DLKit ops is fine (recording is
///   off while `backward()` runs), and so is writing raw loops over `withUnsafeBufferPointer`.
/// - When no parent requires a gradient, or inside `withoutGrad`, `makeResult` returns `value` untouched and the
///   closure is dropped, so inference pays nothing.
extension Tensor {
    /// Wraps the forward `value` of an op so that `backward()` can differentiate through it.
    ///
    /// ```swift
    /// let y = Tensor.makeResult(value: v, parents: [x]) { g in [g * 2] }   // y = 2x
    /// ```
    public static func makeResult(value: Tensor, parents: [Tensor], op: String = "op",
                                  backward: @escaping (_ gradOutput: Tensor) -> [Tensor?]) -> Tensor {
        guard GradMode.isEnabled, parents.contains(where: { $0.node != nil }) else {
            var plain = value
            plain.node = nil
            return plain
        }
        var result = value
        result.node = AutogradNode(op: op, shape: value.shape, parents: parents.map(\.node), backward: backward)
        return result
    }

    /// Whether gradients flow to this tensor. Setting it to `true` makes the tensor a leaf of the graph
    /// (a parameter) whose `grad` fills in on `backward()`; `false` detaches it (a frozen weight).
    ///
    /// ```swift
    /// var w = Tensor([1, 2]); w.requiresGrad = true
    /// ```
    public var requiresGrad: Bool {
        get { node != nil }
        set {
            if newValue {
                if node == nil { node = AutogradNode(leafOfShape: shape) }
            } else {
                node = nil
            }
        }
    }

    /// The gradient accumulated by `backward()` (for leaves and for tensors that called `retainGrad()`);
    /// `nil` before any backward pass or after `zeroGrad()`.
    ///
    /// ```swift
    /// loss.backward(); print(w.grad!)
    /// ```
    public var grad: Tensor? { node?.grad }

    /// Clears the accumulated gradient (gradients add up across `backward()` calls, as in PyTorch).
    ///
    /// ```swift
    /// w.zeroGrad()
    /// ```
    public func zeroGrad() { node?.grad = nil }

    /// Asks an intermediate result to keep its gradient after `backward()` (micrograd-style inspection).
    ///
    /// ```swift
    /// let h = x * w; h.retainGrad(); h.sum().backward(); print(h.grad!)
    /// ```
    public func retainGrad() { node?.retainsGrad = true }

    /// The same values, cut off from the graph (gradients do not flow through it).
    ///
    /// ```swift
    /// let target = prediction.detached()
    /// ```
    public func detached() -> Tensor {
        var t = self
        t.node = nil
        return t
    }

    /// Whether this tensor is the result of a recorded op (as opposed to a leaf or a plain value).
    public var hasGradientHistory: Bool { node.map { !$0.isLeaf } ?? false }

    /// Computes the gradient of this tensor with respect to every leaf that requires one, adding it to
    /// their `grad`. The tensor must hold one element (a loss) unless `gradient` is given.
    /// The graph is freed afterwards unless `retainGraph` is `true`.
    ///
    /// ```swift
    /// let loss = ((w * x).sum() - 1).square(); loss.backward()
    /// ```
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) {
        guard let root = node else {
            fatalError("backward: this tensor does not require a gradient — no input had requiresGrad = true (or it was computed inside withoutGrad)")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                fatalError("backward: gradient of shape \(describe(gradient.shape)) does not match the tensor's shape \(describe(shape))")
            }
            seed = gradient
        } else {
            guard count == 1 else {
                fatalError("backward: called on a tensor of shape \(describe(shape)) (\(count) elements); pass `gradient:` or reduce it to one number first (e.g. .sum() or .mean())")
            }
            seed = Tensor(unchecked: shape, [1])
        }
        // Reverse topological order by an iterative depth-first search (deep graphs must not overflow the stack).
        var order: [AutogradNode] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(AutogradNode, Bool)] = [(root, false)]
        while let (n, expanded) = stack.popLast() {
            if expanded { order.append(n); continue }
            if !visited.insert(ObjectIdentifier(n)).inserted { continue }
            stack.append((n, true))
            for p in n.parents { if let p, !visited.contains(ObjectIdentifier(p)) { stack.append((p, false)) } }
        }
        withoutGrad {
            root.accumulate(seed)
            for n in order.reversed() {
                if n.freed {
                    fatalError("backward: trying to go backward through the graph a second time (its intermediate values were freed by the first backward()); pass retainGraph: true to the first call, or recompute the forward pass")
                }
                guard let fn = n.backward, let g = n.grad else { continue }
                if !n.retainsGrad { n.grad = nil }
                let parentGrads = fn(g)
                if parentGrads.count != n.parents.count {
                    fatalError("autograd: the backward of '\(n.op)' returned \(parentGrads.count) gradients for \(n.parents.count) inputs")
                }
                for (p, pg) in zip(n.parents, parentGrads) {
                    if let p, let pg { p.accumulate(pg) }
                }
                if !retainGraph { n.backward = nil; n.freed = true; n.parents = [] }
            }
        }
    }
}
