/// The readable pooling kernels: one loop per output pixel over its window, straight from the definition
///
///     max:      y[b, c, i, j] = max_{a, d} x[b, c, i·s − p + a, j·s − p + d]   (padding never wins)
///     average:  y[b, c, i, j] = (1 / kh·kw) · Σ_{a, d} x[…]                     (padding counts as 0)
///
/// The max pass also records, per output, the index `y·width + x` of the winning pixel inside its plane
/// (the first one on ties), which is all the backward pass needs. Tests hold ``Pool2DKernels`` equal to these.
///
///     Pool2DReference.maxForward(g, input: x, output: y, indices: argmax)
///     Pool2DReference.maxBackward(g, outputGradient: dy, indices: argmax, inputGradient: dx)
public enum Pool2DReference {
    public static func maxForward(_ g: Pool2DGeometry, input: UnsafePointer<Float>,
                                  output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        forEachWindow(g) { plane, outIndex, taps in
            var best = -Float.infinity, bestIndex = -1
            for t in taps where bestIndex < 0 || input[plane + t] > best {
                best = input[plane + t]; bestIndex = t
            }
            output[outIndex] = best
            indices[outIndex] = Int32(bestIndex)
        }
    }

    /// ∂x[argmax] += ∂y: only the winner of each window receives gradient. Overwrites `inputGradient`.
    public static func maxBackward(_ g: Pool2DGeometry, outputGradient dy: UnsafePointer<Float>,
                                   indices: UnsafePointer<Int32>, inputGradient dx: UnsafeMutablePointer<Float>) {
        dx.update(repeating: 0, count: g.inputCount)
        forEachWindow(g) { plane, outIndex, _ in
            dx[plane + Int(indices[outIndex])] += dy[outIndex]
        }
    }

    public static func averageForward(_ g: Pool2DGeometry, input: UnsafePointer<Float>,
                                      output: UnsafeMutablePointer<Float>) {
        let area = Float(g.kernelHeight * g.kernelWidth)
        forEachWindow(g) { plane, outIndex, taps in
            var sum: Float = 0
            for t in taps { sum += input[plane + t] }
            output[outIndex] = sum / area
        }
    }

    /// Every pixel of a window receives ∂y / (kh·kw). Overwrites `inputGradient`.
    public static func averageBackward(_ g: Pool2DGeometry, outputGradient dy: UnsafePointer<Float>,
                                       inputGradient dx: UnsafeMutablePointer<Float>) {
        dx.update(repeating: 0, count: g.inputCount)
        let area = Float(g.kernelHeight * g.kernelWidth)
        forEachWindow(g) { plane, outIndex, taps in
            for t in taps { dx[plane + t] += dy[outIndex] / area }
        }
    }

    /// Calls `body(planeStart, outputIndex, inputIndicesInsideThePlane)` for every output pixel.
    static func forEachWindow(_ g: Pool2DGeometry, _ body: (Int, Int, [Int]) -> Void) {
        let oh = g.outHeight, ow = g.outWidth
        for plane in 0..<g.planes {
            for i in 0..<oh {
                for j in 0..<ow {
                    var taps: [Int] = []
                    for a in 0..<g.kernelHeight {
                        let y = i * g.strideY - g.padY + a
                        guard y >= 0 && y < g.height else { continue }
                        for d in 0..<g.kernelWidth {
                            let x = j * g.strideX - g.padX + d
                            guard x >= 0 && x < g.width else { continue }
                            taps.append(y * g.width + x)
                        }
                    }
                    body(plane * g.height * g.width, (plane * oh + i) * ow + j, taps)
                }
            }
        }
    }
}
