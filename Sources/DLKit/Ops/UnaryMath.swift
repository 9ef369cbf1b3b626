import Foundation

/// Element-wise math functions, each with its derivative beside it.
extension Tensor {
    /// eˣ element-wise. d/dx = eˣ.
    ///
    /// ```swift
    /// let e = Tensor([0, 1]).exp()   // [1, 2.7183]
    /// ```
    public func exp() -> Tensor {
        let value = map { Foundation.exp($0) }
        return Tensor.makeResult(value: value, parents: [self], op: "exp") { g in [g * value] }
    }

    /// Natural logarithm element-wise. d/dx = 1/x.
    ///
    /// ```swift
    /// let l = Tensor([1, 2.7183]).log()   // [0, 1]
    /// ```
    public func log() -> Tensor {
        Tensor.makeResult(value: map { Foundation.log($0) }, parents: [self], op: "log") { g in [g / self] }
    }

    /// Square root element-wise. d/dx = 1 / (2√x).
    ///
    /// ```swift
    /// let r = Tensor([4, 9]).sqrt()   // [2, 3]
    /// ```
    public func sqrt() -> Tensor {
        let value = map { $0.squareRoot() }
        return Tensor.makeResult(value: value, parents: [self], op: "sqrt") { g in [g / (value * 2)] }
    }

    /// xᵖ element-wise. d/dx = p·xᵖ⁻¹.
    ///
    /// ```swift
    /// let c = Tensor([2, 3]).pow(3)   // [8, 27]
    /// ```
    public func pow(_ p: Float) -> Tensor {
        Tensor.makeResult(value: map { Foundation.pow($0, p) }, parents: [self], op: "pow") { g in
            [g * self.map { p * Foundation.pow($0, p - 1) }]
        }
    }

    /// x² element-wise. d/dx = 2x.
    ///
    /// ```swift
    /// let s = Tensor([-2, 3]).square()   // [4, 9]
    /// ```
    public func square() -> Tensor {
        Tensor.makeResult(value: map { $0 * $0 }, parents: [self], op: "square") { g in [g * self * 2] }
    }

    /// |x| element-wise. d/dx = sign(x) (0 at 0).
    ///
    /// ```swift
    /// let a = Tensor([-2, 3]).abs()   // [2, 3]
    /// ```
    public func abs() -> Tensor {
        Tensor.makeResult(value: map { Swift.abs($0) }, parents: [self], op: "abs") { g in
            [g * self.map { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }]
        }
    }

    /// Limits every element to `[low, high]`. The gradient is 1 inside the interval and 0 outside.
    ///
    /// ```swift
    /// let p = probs.clamped(1e-7, 1 - 1e-7)
    /// ```
    public func clamped(_ low: Float, _ high: Float) -> Tensor {
        Tensor.makeResult(value: map { Swift.min(Swift.max($0, low), high) }, parents: [self], op: "clamp") { g in
            [g * self.map { $0 >= low && $0 <= high ? 1 : 0 }]
        }
    }

    /// sin(x) element-wise. d/dx = cos(x).
    ///
    /// ```swift
    /// let s = Tensor.linspace(0, 3.14, count: 5).sin()
    /// ```
    public func sin() -> Tensor {
        Tensor.makeResult(value: map { Foundation.sin($0) }, parents: [self], op: "sin") { g in
            [g * self.map { Foundation.cos($0) }]
        }
    }

    /// cos(x) element-wise. d/dx = −sin(x).
    ///
    /// ```swift
    /// let c = Tensor([0]).cos()   // [1]
    /// ```
    public func cos() -> Tensor {
        Tensor.makeResult(value: map { Foundation.cos($0) }, parents: [self], op: "cos") { g in
            [g * self.map { -Foundation.sin($0) }]
        }
    }
}
