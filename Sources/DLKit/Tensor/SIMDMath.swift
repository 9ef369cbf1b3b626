/// √x for 8 lanes at once, vectorizable. Swift's `squareRoot()` on Linux keeps a scalar libm fallback
/// (for errno), which stops LLVM from vectorizing loops that contain it; this uses the classic
/// bit-level estimate of 1/√x refined by three Newton steps (relative error below 2e-7, i.e. float
/// precision), then √x = x · (1/√x). Exact 0 for x = 0. For x ≥ 0 only (Adam's second moment).
@inline(__always)
func vectorSquareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let bits = SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(x, to: SIMD8<UInt32>.self))
    var r = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5F37_5A86) &- (bits &>> 1), to: SIMD8<Float>.self)
    let half = 0.5 * x
    r = r * (1.5 - half * r * r)
    r = r * (1.5 - half * r * r)
    r = r * (1.5 - half * r * r)
    return x * r
}
