/// im2col and its adjoint col2im: the layout change that turns a convolution into one matrix product.
///
/// For each image, the columns block has one row per tap `(c, a, d)` — input channel, kernel row, kernel
/// column — and one column per output pixel `i·outWidth + j`:
///
///     cols_b[(c·kh + a)·kw + d][i·ow + j] = x[b, c, i·s − p + a, j·s − p + d]   (0 in zero padding)
///
/// so that `weight[out, patchSize] × cols_b[patchSize, P]` is the convolution of image `b`. The blocks of
/// a batch follow each other (`batch × patchSize × P` floats). For ``KernelFlip/convolution`` the tap
/// `(a, d)` reads the mirrored pixel instead, so the same weight matrix works.
public enum Im2Col {
    /// Fills `columns` (`batch × patchSize × P` floats) for every image of the batch, images in parallel.
    ///
    ///     Im2Col.im2col(g, input: x, columns: cols)
    public static func im2col(_ g: Conv2DGeometry, input: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>) {
        let imageSize = g.inChannels * g.height * g.width, block = g.patchSize * g.outHeight * g.outWidth
        parallelChunks(count: g.batch) { images in
            for b in images { im2col(g, image: input + b * imageSize, columns: columns + b * block) }
        }
    }

    /// Fills the `patchSize × P` columns block of one image (`inChannels × height × width` floats).
    ///
    ///     Im2Col.im2col(g, image: x + b * imageSize, columns: cols)
    public static func im2col(_ g: Conv2DGeometry, image: UnsafePointer<Float>, columns: UnsafeMutablePointer<Float>) {
        let p = g.outHeight * g.outWidth, plane = g.height * g.width
        forEachRow(g) { row, c, a, d in
            fillRow(g, plane: image + c * plane, a: a, d: d, destination: columns + row * p)
        }
    }

    /// The adjoint of ``im2col(_:image:columns:)``: adds every entry of one image's columns block back onto
    /// the pixel it was read from. Overwrites `imageGradient` (`inChannels × height × width`).
    ///
    ///     Im2Col.col2im(g, columns: dcols, imageGradient: dx + b * imageSize)
    public static func col2im(_ g: Conv2DGeometry, columns: UnsafePointer<Float>,
                              imageGradient: UnsafeMutablePointer<Float>) {
        let p = g.outHeight * g.outWidth, plane = g.height * g.width
        imageGradient.update(repeating: 0, count: g.inChannels * plane)
        forEachRow(g) { row, c, a, d in
            addRow(g, plane: imageGradient + c * plane, a: a, d: d, source: columns + row * p)
        }
    }

    @inline(__always)
    static func forEachRow(_ g: Conv2DGeometry, _ body: (Int, Int, Int, Int) -> Void) {
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
    /// Plain loops (not `memcpy`): rows are short (14 floats in the CNN's second layer), and the compiler
    /// vectorizes them.
    @inline(__always)
    static func fillRow(_ g: Conv2DGeometry, plane: UnsafePointer<Float>, a: Int, d: Int,
                        destination: UnsafeMutablePointer<Float>) {
        let oh = g.outHeight, ow = g.outWidth, w = g.width, sx = g.strideX
        let offsetX = d - g.padX
        let inside = insideRange(offset: offsetX, stride: sx, size: w, count: ow)
        let lo = inside.lowerBound, hi = inside.upperBound
        let zeros = g.paddingMode == .zeros
        for i in 0..<oh {
            let out = destination + i * ow
            guard let y = g.source(i * g.strideY - g.padY + a, size: g.height) else {
                for j in 0..<ow { out[j] = 0 }
                continue
            }
            let src = plane + y * w
            if zeros {
                for j in 0..<lo { out[j] = 0 }
                if sx == 1 {
                    let shifted = src + offsetX
                    for j in lo..<hi { out[j] = shifted[j] }
                } else {
                    for j in lo..<hi { out[j] = src[j * sx + offsetX] }
                }
                for j in hi..<ow { out[j] = 0 }
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
        let lo = inside.lowerBound, hi = inside.upperBound
        let zeros = g.paddingMode == .zeros
        for i in 0..<oh {
            guard let y = g.source(i * g.strideY - g.padY + a, size: g.height) else { continue }
            let src = source + i * ow
            let dst = plane + y * w
            if zeros {
                if sx == 1 {
                    let shifted = dst + offsetX
                    for j in lo..<hi { shifted[j] += src[j] }
                } else {
                    for j in lo..<hi { dst[j * sx + offsetX] += src[j] }
                }
            } else {
                for j in 0..<ow { dst[min(max(j * sx + offsetX, 0), w - 1)] += src[j] }
            }
        }
    }
}
