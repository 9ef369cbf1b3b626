/// The readable convolution: four nested loops straight from the formula
///
///     y[b, o, i, j] = bias[o] + Σ_c Σ_a Σ_d  w[o, c, a, d] · x[b, c, i·s − p + a, j·s − p + d]
///
/// (with `a, d` mirrored for ``KernelFlip/convolution``). It is slow and obviously right; the tests hold
/// ``Conv2DKernels`` (im2col + GEMM) equal to it. All buffers are NCHW, weights `[out, in, kh, kw]`.
///
///     Conv2DReference.forward(g, input: x, weight: w, bias: b, output: y)
///     Conv2DReference.backward(g, input: x, weight: w, outputGradient: dy, inputGradient: dx, ...)
public enum Conv2DReference {
    /// y = conv(x, w) + bias. `bias` may be nil.
    public static func forward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>) {
        forEachTap(g) { outIndex, inIndex, weightIndex in
            output[outIndex] += weight[weightIndex] * input[inIndex]
        } start: { outIndex, o in
            output[outIndex] = bias?[o] ?? 0
        }
    }

    /// Gradients of the loss with respect to input, weight and bias, given ∂L/∂y.
    /// Each destination is overwritten; pass nil for the ones you do not need.
    public static func backward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>?,
                                weightGradient dw: UnsafeMutablePointer<Float>?,
                                biasGradient db: UnsafeMutablePointer<Float>?) {
        dx?.update(repeating: 0, count: g.inputCount)
        dw?.update(repeating: 0, count: g.weightCount)
        db?.update(repeating: 0, count: g.outChannels)
        // ∂y/∂x = w and ∂y/∂w = x for every tap that the forward pass multiplied.
        forEachTap(g) { outIndex, inIndex, weightIndex in
            dx?[inIndex] += weight[weightIndex] * dy[outIndex]
            dw?[weightIndex] += input[inIndex] * dy[outIndex]
        } start: { outIndex, o in
            db?[o] += dy[outIndex]
        }
    }

    /// Visits every (output pixel, input pixel, weight) triple that the convolution multiplies together.
    /// `start` runs once per output pixel, before its taps.
    static func forEachTap(_ g: Conv2DGeometry, tap: (Int, Int, Int) -> Void, start: (Int, Int) -> Void) {
        let oh = g.outHeight, ow = g.outWidth
        for b in 0..<g.batch {
            for o in 0..<g.outChannels {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let outIndex = ((b * g.outChannels + o) * oh + i) * ow + j
                        start(outIndex, o)
                        for c in 0..<g.inChannels {
                            for a in 0..<g.kernelHeight {
                                guard let y = g.source(i * g.strideY - g.padY + a, size: g.height) else { continue }
                                for d in 0..<g.kernelWidth {
                                    guard let x = g.source(j * g.strideX - g.padX + d, size: g.width) else { continue }
                                    let (wa, wd) = g.kernelFlip == .convolution
                                        ? (g.kernelHeight - 1 - a, g.kernelWidth - 1 - d) : (a, d)
                                    let inIndex = ((b * g.inChannels + c) * g.height + y) * g.width + x
                                    let weightIndex = ((o * g.inChannels + c) * g.kernelHeight + wa) * g.kernelWidth + wd
                                    tap(outIndex, inIndex, weightIndex)
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
