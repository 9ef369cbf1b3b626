import Foundation

/// A 2-D affine map of pixel coordinates (x to the right, y down), `[x', y'] = [[a, b], [c, d]]·[x, y] + [tx, ty]`,
/// composed from the operations of data augmentation. Angles are in degrees; a positive rotation turns the picture
/// counter-clockwise as you look at it (as in torchvision and Keras).
///
///     let m = AffineMatrix.rotation(degrees: 30).then(.translation(dx: 2, dy: 0))
///     let (x, y) = m.apply(1, 0)
public struct AffineMatrix: Equatable, Sendable {
    public var a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double

    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d; self.tx = tx; self.ty = ty
    }

    /// The map that leaves every point where it is.
    public static let identity = AffineMatrix(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

    /// A counter-clockwise rotation (on screen, where y points down) about the origin.
    /// Multiples of 90° use exact cosines and sines, so a quarter turn moves pixels exactly.
    ///
    ///     AffineMatrix.rotation(degrees: 90).apply(1, 0)   // (0, -1): right of the centre goes up
    public static func rotation(degrees: Double) -> AffineMatrix {
        let (cosine, sine) = exactCosSin(degrees)
        return AffineMatrix(a: cosine, b: sine, c: -sine, d: cosine, tx: 0, ty: 0)
    }

    /// Scaling by `x` horizontally and `y` vertically (a zoom by s is `scale(x: s, y: s)`; s > 1 magnifies).
    public static func scale(x: Double, y: Double) -> AffineMatrix {
        AffineMatrix(a: x, b: 0, c: 0, d: y, tx: 0, ty: 0)
    }

    /// A shear: x' = x + tan(xDegrees)·y, y' = y + tan(yDegrees)·x.
    ///
    ///     AffineMatrix.shear(xDegrees: 45).apply(0, 1)   // (1, 1)
    public static func shear(xDegrees: Double, yDegrees: Double = 0) -> AffineMatrix {
        AffineMatrix(a: 1, b: exactTan(xDegrees), c: exactTan(yDegrees), d: 1, tx: 0, ty: 0)
    }

    /// A shift by `dx` pixels to the right and `dy` pixels down.
    public static func translation(dx: Double, dy: Double) -> AffineMatrix {
        AffineMatrix(a: 1, b: 0, c: 0, d: 1, tx: dx, ty: dy)
    }

    /// `self` followed by `next` (`next ∘ self`).
    public func then(_ next: AffineMatrix) -> AffineMatrix {
        AffineMatrix(a: next.a * a + next.b * c, b: next.a * b + next.b * d,
                     c: next.c * a + next.d * c, d: next.c * b + next.d * d,
                     tx: next.a * tx + next.b * ty + next.tx, ty: next.c * tx + next.d * ty + next.ty)
    }

    /// The image of point (x, y).
    public func apply(_ x: Double, _ y: Double) -> (x: Double, y: Double) {
        (a * x + b * y + tx, c * x + d * y + ty)
    }

    /// The inverse map, or nil when the map squashes the plane (determinant 0).
    public var inverse: AffineMatrix? {
        let det = a * d - b * c
        guard det != 0, det.isFinite else { return nil }
        let ia = d / det, ib = -b / det, ic = -c / det, id = a / det
        return AffineMatrix(a: ia, b: ib, c: ic, d: id, tx: -(ia * tx + ib * ty), ty: -(ic * tx + id * ty))
    }

    /// The same map applied about (cx, cy) instead of the origin.
    public func about(_ cx: Double, _ cy: Double) -> AffineMatrix {
        AffineMatrix.translation(dx: -cx, dy: -cy).then(self).then(.translation(dx: cx, dy: cy))
    }

    private static func exactCosSin(_ degrees: Double) -> (Double, Double) {
        let turns = degrees / 90
        if turns == turns.rounded() {
            switch ((Int(turns) % 4) + 4) % 4 {
            case 0: return (1, 0)
            case 1: return (0, 1)
            case 2: return (-1, 0)
            default: return (0, -1)
            }
        }
        let r = degrees * .pi / 180
        return (cos(r), sin(r))
    }

    private static func exactTan(_ degrees: Double) -> Double {
        if degrees == 0 { return 0 }
        if degrees == 45 { return 1 }
        if degrees == -45 { return -1 }
        return tan(degrees * .pi / 180)
    }
}
