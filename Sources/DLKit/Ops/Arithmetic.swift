/// Element-wise arithmetic with broadcasting, differentiable. Each operator states its forward and
/// its backward together; broadcast inputs get their gradient summed back to their own shape.
extension Tensor {
    /// Element-wise sum, broadcasting (`[64, 10] + [10]`).
    ///
    /// ```swift
    /// let y = Tensor([1, 2]) + Tensor([10, 20])   // [11, 22]
    /// ```
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let value = broadcastMap(a, b, "+") { $0 + $1 }
        return makeResult(value: value, parents: [a, b], op: "+") { g in
            [a.node == nil ? nil : g.sumToShape(a.shape), b.node == nil ? nil : g.sumToShape(b.shape)]
        }
    }

    /// Element-wise difference, broadcasting.
    ///
    /// ```swift
    /// let d = Tensor([5, 5]) - Tensor([1, 2])   // [4, 3]
    /// ```
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let value = broadcastMap(a, b, "-") { $0 - $1 }
        return makeResult(value: value, parents: [a, b], op: "-") { g in
            [a.node == nil ? nil : g.sumToShape(a.shape), b.node == nil ? nil : (-g).sumToShape(b.shape)]
        }
    }

    /// Element-wise product, broadcasting (not matrix multiplication — see `matmul`).
    ///
    /// ```swift
    /// let p = Tensor([1, 2]) * Tensor([3, 4])   // [3, 8]
    /// ```
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let value = broadcastMap(a, b, "*") { $0 * $1 }
        return makeResult(value: value, parents: [a, b], op: "*") { g in
            [a.node == nil ? nil : (g * b).sumToShape(a.shape),
             b.node == nil ? nil : (g * a).sumToShape(b.shape)]
        }
    }

    /// Element-wise quotient, broadcasting.
    ///
    /// ```swift
    /// let q = Tensor([3, 8]) / Tensor([3, 4])   // [1, 2]
    /// ```
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let value = broadcastMap(a, b, "/") { $0 / $1 }
        return makeResult(value: value, parents: [a, b], op: "/") { g in
            [a.node == nil ? nil : (g / b).sumToShape(a.shape),
             b.node == nil ? nil : (-(g * a) / (b * b)).sumToShape(b.shape)]
        }
    }

    /// Negation.
    ///
    /// ```swift
    /// let n = -Tensor([1, -2])   // [-1, 2]
    /// ```
    public static prefix func - (a: Tensor) -> Tensor {
        makeResult(value: a.map { -$0 }, parents: [a], op: "neg") { g in [-g] }
    }

    // MARK: Scalars on either side

    /// Adds a number to every element.
    ///
    /// ```swift
    /// let y = x + 1
    /// ```
    public static func + (a: Tensor, s: Float) -> Tensor {
        makeResult(value: a.map { $0 + s }, parents: [a], op: "+ scalar") { g in [g] }
    }
    /// Adds a number to every element.
    ///
    /// ```swift
    /// let y = 1 + x
    /// ```
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    /// Subtracts a number from every element.
    ///
    /// ```swift
    /// let y = x - 0.5
    /// ```
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }
    /// Subtracts every element from a number.
    ///
    /// ```swift
    /// let y = 1 - x
    /// ```
    public static func - (s: Float, a: Tensor) -> Tensor {
        makeResult(value: a.map { s - $0 }, parents: [a], op: "scalar -") { g in [-g] }
    }
    /// Multiplies every element by a number.
    ///
    /// ```swift
    /// let y = x * 2
    /// ```
    public static func * (a: Tensor, s: Float) -> Tensor {
        makeResult(value: a.map { $0 * s }, parents: [a], op: "* scalar") { g in [g * s] }
    }
    /// Multiplies every element by a number.
    ///
    /// ```swift
    /// let y = 2 * x
    /// ```
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    /// Divides every element by a number.
    ///
    /// ```swift
    /// let y = x / 255
    /// ```
    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    /// Divides a number by every element.
    ///
    /// ```swift
    /// let y = 1 / x
    /// ```
    public static func / (s: Float, a: Tensor) -> Tensor {
        makeResult(value: a.map { s / $0 }, parents: [a], op: "scalar /") { g in [g * (-s) / (a * a)] }
    }

    // MARK: Compound assignment

    /// Applies `update` to `a`. Inside `withoutGrad`, a leaf (a tensor with `requiresGrad`) stays the same
    /// leaf with its gradient, as PyTorch's in-place `w -= lr * w.grad` under `no_grad` does — so a manual
    /// gradient-descent loop keeps working. Otherwise it is plain `a = a ∘ b`, recorded like any op.
    private static func assign(_ a: inout Tensor, _ update: (Tensor) -> Tensor) {
        let leaf = a.node.flatMap { $0.isLeaf ? $0 : nil }
        let result = update(a)
        if let leaf, !GradMode.isEnabled, result.shape == a.shape {
            a = result
            a.node = leaf
        } else {
            a = result
        }
    }

    /// `a = a + b` (in place for a leaf inside `withoutGrad`).
    ///
    /// ```swift
    /// var total = Tensor.zeros([3]); total += Tensor([1, 2, 3])
    /// ```
    public static func += (a: inout Tensor, b: Tensor) { assign(&a) { $0 + b } }
    /// `a = a - b` (in place for a leaf inside `withoutGrad`).
    ///
    /// ```swift
    /// withoutGrad { w -= 0.1 * w.grad! }   // w stays a leaf that requires a gradient
    /// ```
    public static func -= (a: inout Tensor, b: Tensor) { assign(&a) { $0 - b } }
    /// `a = a * b`.
    ///
    /// ```swift
    /// x *= Tensor([2, 2])
    /// ```
    public static func *= (a: inout Tensor, b: Tensor) { assign(&a) { $0 * b } }
    /// `a = a / b`.
    ///
    /// ```swift
    /// x /= Tensor([2, 2])
    /// ```
    public static func /= (a: inout Tensor, b: Tensor) { assign(&a) { $0 / b } }
    /// `a = a + s`.
    ///
    /// ```swift
    /// x += 1
    /// ```
    public static func += (a: inout Tensor, s: Float) { assign(&a) { $0 + s } }
    /// `a = a - s`.
    ///
    /// ```swift
    /// x -= 1
    /// ```
    public static func -= (a: inout Tensor, s: Float) { assign(&a) { $0 - s } }
    /// `a = a * s`.
    ///
    /// ```swift
    /// x *= 0.5
    /// ```
    public static func *= (a: inout Tensor, s: Float) { assign(&a) { $0 * s } }
    /// `a = a / s`.
    ///
    /// ```swift
    /// x /= 255
    /// ```
    public static func /= (a: inout Tensor, s: Float) { assign(&a) { $0 / s } }
}
