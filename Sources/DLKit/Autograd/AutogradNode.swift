/// One vertex of the computation graph that reverse-mode differentiation walks backwards.
///
/// A leaf node belongs to a tensor created with `requiresGrad = true` (a parameter); it accumulates
/// `grad`. An interior node belongs to the result of a differentiable op: it remembers its parents
/// and a closure that turns the gradient of the result into gradients of the parents.
@usableFromInline
final class AutogradNode {
    /// The parents' nodes, in the order the op's backward returns their gradients (`nil` = constant input).
    /// Cleared once `backward()` has used them (without `retainGraph`), so a long chain of results is freed
    /// link by link instead of by one deep recursive release.
    var parents: [AutogradNode?]
    /// Maps the gradient with respect to this node's value to the gradients of the parents.
    var backward: ((Tensor) -> [Tensor?])?
    /// The accumulated gradient (kept on leaves, and on interior nodes that asked `retainGrad()`).
    var grad: Tensor?
    /// Shape of the value this node stands for (checked against incoming gradients).
    let shape: [Int]
    /// Whether this node keeps its gradient after `backward()` (always for leaves).
    var retainsGrad: Bool
    /// Set once `backward()` has consumed (and released) this node's closure.
    var freed = false
    /// A short name of the op, for error messages and graph printing.
    let op: String

    /// A parameter-like input (as opposed to the result of an op).
    let isLeaf: Bool

    init(leafOfShape shape: [Int]) {
        self.parents = []
        self.backward = nil
        self.shape = shape
        self.retainsGrad = true
        self.op = "leaf"
        self.isLeaf = true
    }

    init(op: String, shape: [Int], parents: [AutogradNode?], backward: @escaping (Tensor) -> [Tensor?]) {
        self.op = op
        self.shape = shape
        self.parents = parents
        self.backward = backward
        self.retainsGrad = false
        self.isLeaf = false
    }

    /// Releases the ancestors iteratively: a graph that is a long chain (a running total over thousands of
    /// steps) would otherwise be freed by one release per link, recursively, and overflow the stack.
    deinit {
        // The backward closure also holds the parents (through the input tensors it captured): drop it too,
        // while `pending` keeps the parents alive, then take over each parent that nobody else holds.
        var pending = parents.compactMap { $0 }
        parents = []
        backward = nil
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents.compactMap { $0 })
                node.parents = []
                node.backward = nil
            }
        }
    }

    /// Adds `g` to the gradient accumulated so far.
    func accumulate(_ g: Tensor) {
        guard g.shape == shape else {
            fatalError("autograd: the backward of '\(op)' produced a gradient of shape \(describe(g.shape)) for a value of shape \(describe(shape))")
        }
        if var existing = grad {
            grad = nil   // make `existing` uniquely referenced so the add happens in place
            existing.addInPlace(g)
            grad = existing
        } else {
            grad = g
        }
    }
}
