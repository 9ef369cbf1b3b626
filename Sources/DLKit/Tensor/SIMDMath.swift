#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// √x for 8 lanes at once, vectorized. Swift's `squareRoot()` on Linux keeps a scalar libm fallback
/// (for errno), which stops LLVM from vectorizing loops that contain it. On x86-64 this is the SSE
/// instruction itself (`sqrtps`, correctly rounded, twice for 8 lanes; SSE is part of every x86-64 CPU);
/// elsewhere ``vectorSquareRootEstimate(_:)``. For x ≥ 0 (Adam's second moment).
@inline(__always)
func vectorSquareRoot(_ x: SIMD8<Float>) -> SIMD8<Float> {
    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    let low: SIMD4<Float> = _mm_sqrt_ps(x.lowHalf), high: SIMD4<Float> = _mm_sqrt_ps(x.highHalf)
    return SIMD8(lowHalf: low, highHalf: high)
    #else
    return vectorSquareRootEstimate(x)
    #endif
}

/// √x without a square-root instruction: the classic bit-level estimate of 1/√x refined by three Newton
/// steps (relative error below 2e-7, i.e. float precision), then √x = x · (1/√x). Exact 0 for x = 0.
@inline(__always)
func vectorSquareRootEstimate(_ x: SIMD8<Float>) -> SIMD8<Float> {
    let bits = SIMD8<UInt32>(truncatingIfNeeded: unsafeBitCast(x, to: SIMD8<UInt32>.self))
    var r = unsafeBitCast(SIMD8<UInt32>(repeating: 0x5F37_5A86) &- (bits &>> 1), to: SIMD8<Float>.self)
    let half = 0.5 * x
    r = r * (1.5 - half * r * r)
    r = r * (1.5 - half * r * r)
    r = r * (1.5 - half * r * r)
    return x * r
}
