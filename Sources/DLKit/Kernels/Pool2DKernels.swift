/// The fast pooling kernels: planes split over the cores, each window clipped to the image once instead of
/// testing every tap, and no allocation. Same results, bit for bit, as ``Pool2DReference`` (same scan order,
/// same ties, same summation order).
///
///     Pool2DKernels.maxForward(g, input: x, output: y, indices: argmax)
///     Pool2DKernels.averageBackward(g, outputGradient: dy, inputGradient: dx)
public enum Pool2DKernels {
    public static func maxForward(_ g: Pool2DGeometry, input: UnsafePointer<Float>,
                                  output: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        let inPlane = g.height * g.width, oh = g.outHeight, ow = g.outWidth, w = g.width
        let isTwoByTwo = g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideY == 2 && g.strideX == 2
            && g.padY == 0 && g.padX == 0
        parallelChunks(count: g.planes, minimumPerChunk: 8) { planes in
            for plane in planes {
                let source = input + plane * inPlane
                let out = output + plane * oh * ow, idx = indices + plane * oh * ow
                if isTwoByTwo {
                    // The CNN's pooling: no bounds to clip; eight outputs at a time, the same compares in the
                    // same order as the reference (top-left, top-right, bottom-left, bottom-right; ties: first wins).
                    let lane = SIMD8<Int32>(0, 2, 4, 6, 8, 10, 12, 14)
                    for i in 0..<oh {
                        let top = 2 * i * w, bottom = top + w
                        var j = 0
                        while j + 8 <= ow {
                            let t = UnsafeRawPointer(source + top + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                            let b = UnsafeRawPointer(source + bottom + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                            var best = t.evenHalf
                            var at = lane &+ Int32(top + 2 * j)
                            let tr = t.oddHalf, bl = b.evenHalf, br = b.oddHalf
                            var wins = tr .> best
                            best.replace(with: tr, where: wins); at.replace(with: at &+ 1, where: wins)
                            wins = bl .> best
                            best.replace(with: bl, where: wins)
                            at.replace(with: lane &+ Int32(bottom + 2 * j), where: wins)
                            wins = br .> best
                            best.replace(with: br, where: wins)
                            at.replace(with: lane &+ Int32(bottom + 2 * j + 1), where: wins)
                            UnsafeMutableRawPointer(out + i * ow + j).storeBytes(of: best, as: SIMD8<Float>.self)
                            UnsafeMutableRawPointer(idx + i * ow + j).storeBytes(of: at, as: SIMD8<Int32>.self)
                            j += 8
                        }
                        for j in j..<ow {
                            var best = source[top + 2 * j], at = top + 2 * j
                            if source[top + 2 * j + 1] > best { best = source[top + 2 * j + 1]; at = top + 2 * j + 1 }
                            if source[bottom + 2 * j] > best { best = source[bottom + 2 * j]; at = bottom + 2 * j }
                            if source[bottom + 2 * j + 1] > best { best = source[bottom + 2 * j + 1]; at = bottom + 2 * j + 1 }
                            out[i * ow + j] = best
                            idx[i * ow + j] = Int32(at)
                        }
                    }
                    continue
                }
                for i in 0..<oh {
                    let ys = clip(i * g.strideY - g.padY, g.kernelHeight, g.height)
                    for j in 0..<ow {
                        let xs = clip(j * g.strideX - g.padX, g.kernelWidth, w)
                        var best = source[ys.lowerBound * w + xs.lowerBound], at = ys.lowerBound * w + xs.lowerBound
                        for y in ys {
                            for x in xs where source[y * w + x] > best { best = source[y * w + x]; at = y * w + x }
                        }
                        out[i * ow + j] = best
                        idx[i * ow + j] = Int32(at)
                    }
                }
            }
        }
    }

    /// Max pooling values only (inference: no winners recorded). For 2×2 windows with stride 2, eight outputs at
    /// a time with the compares of ``maxForward(_:input:output:indices:)``; otherwise through it.
    public static func maxForward(_ g: Pool2DGeometry, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
        let isTwoByTwo = g.kernelHeight == 2 && g.kernelWidth == 2 && g.strideY == 2 && g.strideX == 2
            && g.padY == 0 && g.padX == 0
        guard isTwoByTwo else {
            let indices = UnsafeMutablePointer<Int32>.allocate(capacity: g.outputCount)
            defer { indices.deallocate() }
            maxForward(g, input: input, output: output, indices: indices)
            return
        }
        let inPlane = g.height * g.width, oh = g.outHeight, ow = g.outWidth, w = g.width
        parallelChunks(count: g.planes, minimumPerChunk: 8) { planes in
            for plane in planes {
                let source = input + plane * inPlane, out = output + plane * oh * ow
                for i in 0..<oh {
                    let top = source + 2 * i * w, bottom = top + w
                    var j = 0
                    while j + 8 <= ow {
                        let t = UnsafeRawPointer(top + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                        let b = UnsafeRawPointer(bottom + 2 * j).loadUnaligned(as: SIMD16<Float>.self)
                        var best = t.evenHalf
                        let tr = t.oddHalf, bl = b.evenHalf, br = b.oddHalf
                        best.replace(with: tr, where: tr .> best)
                        best.replace(with: bl, where: bl .> best)
                        best.replace(with: br, where: br .> best)
                        UnsafeMutableRawPointer(out + i * ow + j).storeBytes(of: best, as: SIMD8<Float>.self)
                        j += 8
                    }
                    for j in j..<ow {
                        var best = top[2 * j]
                        if top[2 * j + 1] > best { best = top[2 * j + 1] }
                        if bottom[2 * j] > best { best = bottom[2 * j] }
                        if bottom[2 * j + 1] > best { best = bottom[2 * j + 1] }
                        out[i * ow + j] = best
                    }
                }
            }
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
