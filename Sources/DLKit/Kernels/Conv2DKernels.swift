import CBLAS

/// The fast convolution: im2col, then one OpenBLAS `sgemm` for the whole batch (two cores), then a
/// reshuffle back to NCHW. Tests hold it equal to ``Conv2DReference``.
///
/// With `P = outHeight·outWidth`, `K = patchSize` and `cols = im2col(x)` (`K × batch·P`):
///
///     forward:   Y[o, b·P + p]  = Σ_k W[o, k] · cols[k, b·P + p]        (W: out × K)
///     backward:  ∂W = ∂Y · colsᵀ,   ∂cols = Wᵀ · ∂Y,   ∂x = col2im(∂cols),   ∂bias[o] = Σ ∂Y[o, ·]
///
/// The forward pass leaves `cols` in the caller's buffer so that the backward pass reuses it.
///
///     Conv2DKernels.forward(g, input: x, weight: w, bias: b, output: y, columns: cols)
///     Conv2DKernels.backward(g, columns: cols, weight: w, outputGradient: dy, inputGradient: dx, ...)
public enum Conv2DKernels {
    /// Number of floats the `columns` buffer of ``forward(_:input:weight:bias:output:columns:)`` must hold.
    public static func columnsCount(_ g: Conv2DGeometry) -> Int {
        g.patchSize * g.batch * g.outHeight * g.outWidth
    }

    /// y = conv(x, w) + bias, NCHW. `columns` (``columnsCount(_:)`` floats) receives im2col(x).
    public static func forward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
                               columns: UnsafeMutablePointer<Float>) {
        Im2Col.im2col(g, input: input, columns: columns)
        let p = g.outHeight * g.outWidth, n = g.batch * p
        if g.batch == 1 {
            // [out, P] is already NCHW for a single image.
            sgemm(m: g.outChannels, n: n, k: g.patchSize, a: weight, b: columns, c: output)
            if let bias { for o in 0..<g.outChannels { addScalar(bias[o], to: output + o * p, count: p) } }
            return
        }
        let product = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * n)
        defer { product.deallocate() }
        sgemm(m: g.outChannels, n: n, k: g.patchSize, a: weight, b: columns, c: product)
        // [out, batch, P] → [batch, out, P], adding the bias on the way.
        parallelChunks(count: g.batch) { images in
            for b in images {
                for o in 0..<g.outChannels {
                    let src = product + o * n + b * p, dst = output + (b * g.outChannels + o) * p
                    let shift = bias?[o] ?? 0
                    for q in 0..<p { dst[q] = src[q] + shift }
                }
            }
        }
    }

    /// Gradients from ∂L/∂y, reusing the `columns` the forward pass filled. Destinations are overwritten;
    /// pass nil to skip one (the first layer never needs ∂x).
    public static func backward(_ g: Conv2DGeometry, columns: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>?,
                                weightGradient dw: UnsafeMutablePointer<Float>?,
                                biasGradient db: UnsafeMutablePointer<Float>?) {
        let p = g.outHeight * g.outWidth, n = g.batch * p, k = g.patchSize
        // ∂Y as a matrix [out, batch·P]: a transposed copy of the NCHW gradient unless batch == 1.
        var ownedGradient: UnsafeMutablePointer<Float>? = nil
        defer { ownedGradient?.deallocate() }
        let dY: UnsafePointer<Float>
        if g.batch == 1 {
            dY = dy
        } else {
            let t = UnsafeMutablePointer<Float>.allocate(capacity: g.outChannels * n)
            ownedGradient = t
            parallelChunks(count: g.batch) { images in
                for b in images {
                    for o in 0..<g.outChannels {
                        (t + o * n + b * p).update(from: dy + (b * g.outChannels + o) * p, count: p)
                    }
                }
            }
            dY = UnsafePointer(t)
        }
        if let db {
            for o in 0..<g.outChannels {
                var s: Float = 0
                let row = dY + o * n
                for q in 0..<n { s += row[q] }
                db[o] = s
            }
        }
        if let dw {
            // ∂W[out, K] = ∂Y[out, N] · colsᵀ[N, K]
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(g.outChannels), Int32(k), Int32(n),
                        1, dY, Int32(n), columns, Int32(n), 0, dw, Int32(k))
        }
        if let dx {
            // ∂cols[K, N] = Wᵀ[K, out] · ∂Y[out, N], then scatter back onto the image.
            let dcols = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
            defer { dcols.deallocate() }
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(n), Int32(g.outChannels),
                        1, weight, Int32(k), dY, Int32(n), 0, dcols, Int32(n))
            Im2Col.col2im(g, columns: dcols, inputGradient: dx)
        }
    }

    /// Convenience for callers that do not keep the columns: allocates them for this call only.
    ///
    ///     Conv2DKernels.forward(g, input: x, weight: w, bias: nil, output: y)
    public static func forward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>) {
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: max(1, columnsCount(g)))
        defer { columns.deallocate() }
        forward(g, input: input, weight: weight, bias: bias, output: output, columns: columns)
    }

    /// Backward without kept columns: recomputes im2col(x) first.
    public static func backward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>?,
                                weightGradient dw: UnsafeMutablePointer<Float>?,
                                biasGradient db: UnsafeMutablePointer<Float>?) {
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: max(1, columnsCount(g)))
        defer { columns.deallocate() }
        Im2Col.im2col(g, input: input, columns: columns)
        backward(g, columns: columns, weight: weight, outputGradient: dy,
                 inputGradient: dx, weightGradient: dw, biasGradient: db)
    }

    /// C[m, n] = A[m, k] · B[k, n], all row-major and contiguous.
    @inline(__always)
    static func sgemm(m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                      c: UnsafeMutablePointer<Float>) {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k),
                    1, a, Int32(k), b, Int32(n), 0, c, Int32(n))
    }

    @inline(__always)
    static func addScalar(_ s: Float, to p: UnsafeMutablePointer<Float>, count: Int) {
        for q in 0..<count { p[q] += s }
    }
}
