/// im2col and its adjoint col2im: the layout change that turns a convolution into one matrix product.
///
/// The columns matrix has one row per tap `(c, a, d)` — input channel, kernel row, kernel column — and one
/// column per output pixel of the whole batch, `b·P + i·outWidth + j` with `P = outHeight·outWidth`:
///
///     columns[(c·kh + a)·kw + d][b·P + i·ow + j] = x[b, c, i·s − p + a, j·s − p + d]   (0 in zero padding)
///
/// so that `weight[out, patchSize] × columns[patchSize, batch·P]` is the convolution. For
/// ``KernelFlip/convolution`` the tap `(a, d)` reads the mirrored pixel instead, so the same weight matrix works.
public enum Im2Col {
    /// Fills `columns` (`patchSize × batch·P` floats). Images are laid out in parallel.
    ///
    ///     Im2Col.im2col(g, input: x, columns: cols)
    public static func im2col(_ g: Conv2DGeometry, input: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>) {
        let rowLength = g.batch * g.outHeight * g.outWidth
        parallelChunks(count: g.batch) { images in
            for b in images {
                forEachRow(g, image: b) { row, c, a, d in
                    let plane = input + (b * g.inChannels + c) * g.height * g.width
                    fillRow(g, plane: plane, a: a, d: d, destination: columns + row * rowLength + b * g.outHeight * g.outWidth)
                }
            }
        }
    }

    /// The adjoint of ``im2col(_:input:columns:)``: adds every column entry back onto the pixel it was read
    /// from. Overwrites `inputGradient` (`batch × inChannels × height × width`).
    ///
    ///     Im2Col.col2im(g, columns: dcols, inputGradient: dx)
    public static func col2im(_ g: Conv2DGeometry, columns: UnsafePointer<Float>,
                              inputGradient: UnsafeMutablePointer<Float>) {
        let rowLength = g.batch * g.outHeight * g.outWidth
        parallelChunks(count: g.batch) { images in
            for b in images {
                let image = inputGradient + b * g.inChannels * g.height * g.width
                image.update(repeating: 0, count: g.inChannels * g.height * g.width)
                forEachRow(g, image: b) { row, c, a, d in
                    let plane = image + c * g.height * g.width
                    addRow(g, plane: plane, a: a, d: d, source: columns + row * rowLength + b * g.outHeight * g.outWidth)
                }
            }
        }
    }

    @inline(__always)
    static func forEachRow(_ g: Conv2DGeometry, image: Int, _ body: (Int, Int, Int, Int) -> Void) {
        var row = 0
        for c in 0..<g.inChannels {
            for a in 0..<g.kernelHeight {
                for d in 0..<g.kernelWidth {
                    let (sa, sd) = g.kernelFlip == .convolution
                        ? (g.kernelHeight - 1 - a, g.kernelWidth - 1 - d) : (a, d)
                    body(row, c, sa, sd)
                    row += 1
                }
            }
        }
    }

    /// Range of output columns `j` whose input column `j·s − p + d` lies inside `0..<width`.
    @inline(__always)
    static func insideRange(offset: Int, stride: Int, size: Int, count: Int) -> Range<Int> {
        // j·stride + offset ≥ 0  ⇔ j ≥ ceil(−offset / stride);   j·stride + offset < size ⇔ j ≤ (size − 1 − offset) / stride
        let lo = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let hiInclusive = size - 1 - offset < 0 ? -1 : (size - 1 - offset) / stride
        let hi = min(count, hiInclusive + 1)
        return lo < hi ? lo..<hi : lo..<lo
    }

    /// One row of the columns matrix for one image: the `(a, d)` tap of every output pixel.
    @inline(__always)
    static func fillRow(_ g: Conv2DGeometry, plane: UnsafePointer<Float>, a: Int, d: Int,
                        destination: UnsafeMutablePointer<Float>) {
        let oh = g.outHeight, ow = g.outWidth, w = g.width, sx = g.strideX
        let offsetX = d - g.padX
        let inside = insideRange(offset: offsetX, stride: sx, size: w, count: ow)
        for i in 0..<oh {
            let out = destination + i * ow
            guard let y = g.source(i * g.strideY - g.padY + a, size: g.height) else {
                out.update(repeating: 0, count: ow)
                continue
            }
            let src = plane + y * w
            if g.paddingMode == .zeros {
                for j in 0..<inside.lowerBound { out[j] = 0 }
                if sx == 1 {
                    (out + inside.lowerBound).update(from: src + inside.lowerBound + offsetX, count: inside.count)
                } else {
                    for j in inside { out[j] = src[j * sx + offsetX] }
                }
                for j in inside.upperBound..<ow { out[j] = 0 }
            } else {
                for j in 0..<ow { out[j] = src[min(max(j * sx + offsetX, 0), w - 1)] }
            }
        }
    }

    /// Adjoint of ``fillRow``: scatters one row back onto the image plane, adding.
    @inline(__always)
    static func addRow(_ g: Conv2DGeometry, plane: UnsafeMutablePointer<Float>, a: Int, d: Int,
                       source: UnsafePointer<Float>) {
        let oh = g.outHeight, ow = g.outWidth, w = g.width, sx = g.strideX
        let offsetX = d - g.padX
        let inside = insideRange(offset: offsetX, stride: sx, size: w, count: ow)
        for i in 0..<oh {
            guard let y = g.source(i * g.strideY - g.padY + a, size: g.height) else { continue }
            let src = source + i * ow
            let dst = plane + y * w
            if g.paddingMode == .zeros {
                if sx == 1 {
                    let base = dst + offsetX
                    for j in inside { base[j] += src[j] }
                } else {
                    for j in inside { dst[j * sx + offsetX] += src[j] }
                }
            } else {
                for j in 0..<ow { dst[min(max(j * sx + offsetX, 0), w - 1)] += src[j] }
            }
        }
    }
}
