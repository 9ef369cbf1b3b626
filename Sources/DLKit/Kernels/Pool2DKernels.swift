/// The fast pooling kernels: planes split over the cores, each window clipped to the image once instead of
/// testing every tap, and no allocation. Same results, bit for bit, as ``Pool2DReference`` (same scan order,
/// same ties, same summation order).
///
///     Pool2DKernels.maxForward(g, input: x, output: y, indices: argmax)
///     Pool2DKernels.averageBackward(g, outputGradient: dy, inputGradient: dx)
public enum Pool2DKernels {
    public static func maxForward(_ g: Pool2DGeometry, input: UnsafePointer<Float>,
                                  output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        forEachClippedWindow(g, input: input) { inPlane, outIndex, ys, xs in
            var best = -Float.infinity, bestIndex = -1
            for y in ys {
                let row = y * g.width
                for x in xs where bestIndex < 0 || inPlane[row + x] > best {
                    best = inPlane[row + x]; bestIndex = row + x
                }
            }
            output[outIndex] = best
            indices[outIndex] = Int32(bestIndex)
        }
    }

    public static func maxBackward(_ g: Pool2DGeometry, outputGradient dy: UnsafePointer<Float>,
                                   indices: UnsafePointer<Int32>, inputGradient dx: UnsafeMutablePointer<Float>) {
        let inPlane = g.height * g.width, outPlane = g.outHeight * g.outWidth
        parallelChunks(count: g.planes, minimumPerChunk: 8) { planes in
            for plane in planes {
                let d = dx + plane * inPlane
                d.update(repeating: 0, count: inPlane)
                for q in plane * outPlane ..< (plane + 1) * outPlane { d[Int(indices[q])] += dy[q] }
            }
        }
    }

    public static func averageForward(_ g: Pool2DGeometry, input: UnsafePointer<Float>,
                                      output: UnsafeMutablePointer<Float>) {
        let area = Float(g.kernelHeight * g.kernelWidth)
        forEachClippedWindow(g, input: input) { inPlane, outIndex, ys, xs in
            var sum: Float = 0
            for y in ys { for x in xs { sum += inPlane[y * g.width + x] } }
            output[outIndex] = sum / area
        }
    }

    public static func averageBackward(_ g: Pool2DGeometry, outputGradient dy: UnsafePointer<Float>,
                                       inputGradient dx: UnsafeMutablePointer<Float>) {
        let area = Float(g.kernelHeight * g.kernelWidth)
        let inPlane = g.height * g.width, oh = g.outHeight, ow = g.outWidth
        parallelChunks(count: g.planes, minimumPerChunk: 8) { planes in
            for plane in planes {
                let d = dx + plane * inPlane
                d.update(repeating: 0, count: inPlane)
                for i in 0..<oh {
                    let ys = clip(i * g.strideY - g.padY, g.kernelHeight, g.height)
                    for j in 0..<ow {
                        let xs = clip(j * g.strideX - g.padX, g.kernelWidth, g.width)
                        let share = dy[(plane * oh + i) * ow + j] / area
                        for y in ys { for x in xs { d[y * g.width + x] += share } }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func clip(_ start: Int, _ kernel: Int, _ size: Int) -> Range<Int> {
        max(start, 0) ..< min(start + kernel, size)
    }

    /// Runs `body(inputPlane, outputIndex, rows, columns)` for every output pixel, planes split over the cores.
    @inline(__always)
    static func forEachClippedWindow(_ g: Pool2DGeometry, input: UnsafePointer<Float>,
                                     _ body: (UnsafePointer<Float>, Int, Range<Int>, Range<Int>) -> Void) {
        let inPlane = g.height * g.width, oh = g.outHeight, ow = g.outWidth
        parallelChunks(count: g.planes, minimumPerChunk: 8) { planes in
            for plane in planes {
                let source = input + plane * inPlane
                for i in 0..<oh {
                    let ys = clip(i * g.strideY - g.padY, g.kernelHeight, g.height)
                    for j in 0..<ow {
                        body(source, (plane * oh + i) * ow + j, ys, clip(j * g.strideX - g.padX, g.kernelWidth, g.width))
                    }
                }
            }
        }
    }
}
