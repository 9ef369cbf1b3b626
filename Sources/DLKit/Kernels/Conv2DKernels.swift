import CBLAS

/// The fast convolution: per image, im2col then one OpenBLAS `sgemm`; images split over the cores, each
/// core running single-threaded BLAS on its own images. Tests hold it equal to ``Conv2DReference``.
///
/// With `P = outHeight·outWidth`, `K = patchSize` and `cols_b = im2col(x_b)` (`K × P`, see ``Im2Col``):
///
///     forward:   Y_b = W · cols_b                 (W: out × K; Y_b: out × P is already NCHW)
///     backward:  ∂W = Σ_b ∂Y_b · cols_bᵀ,   ∂cols_b = Wᵀ · ∂Y_b,   ∂x_b = col2im(∂cols_b),   ∂bias = Σ_b,p ∂Y_b
///
/// One image per GEMM needs no transposes at all (NCHW in, NCHW out), and two cores each working through
/// half the batch never wait for each other. The forward pass leaves every `cols_b` in the caller's buffer
/// so that the backward pass reuses them.
///
///     Conv2DKernels.forward(g, input: x, weight: w, bias: b, output: y, columns: cols)
///     Conv2DKernels.backward(g, columns: cols, weight: w, outputGradient: dy, inputGradient: dx, ...)
public enum Conv2DKernels {
    /// The batch is cut into this many groups for the weight and bias gradients (fixed, for reproducible sums;
    /// several per core, so that a core slowed by other processes takes fewer).
    static let gradientGroups = 8

    /// Number of floats the `columns` buffer of ``forward(_:input:weight:bias:output:columns:)`` must hold.
    public static func columnsCount(_ g: Conv2DGeometry) -> Int {
        g.batch * g.patchSize * g.outHeight * g.outWidth
    }

    /// y = conv(x, w) + bias (then max(·, 0) if `relu`), NCHW. `columns` (``columnsCount(_:)`` floats) receives
    /// im2col of every image.
    public static func forward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
                               columns: UnsafeMutablePointer<Float>, relu: Bool = false) {
        let p = g.outHeight * g.outWidth, k = g.patchSize, o = g.outChannels
        let imageSize = g.inChannels * g.height * g.width
        withSingleThreadedBLAS {
            parallelChunks(count: g.batch) { images in
                for b in images {
                    let cols = columns + b * k * p, y = output + b * o * p
                    Im2Col.im2col(g, image: input + b * imageSize, columns: cols)
                    convolveImage(o: o, p: p, k: k, weight: weight, columns: cols, bias: bias, output: y, relu: relu)
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
        backward(g, columnsOf: .kept(columns), weight: weight, outputGradient: dy,
                 inputGradient: dx, weightGradient: dw, biasGradient: db)
    }

    /// Where the backward pass finds `cols_b`: kept by the forward pass, or recomputed from the input.
    enum ColumnsSource {
        case kept(UnsafePointer<Float>)
        case recomputed(UnsafePointer<Float>)
    }

    static func backward(_ g: Conv2DGeometry, columnsOf source: ColumnsSource, weight: UnsafePointer<Float>,
                         outputGradient dy: UnsafePointer<Float>,
                         inputGradient dx: UnsafeMutablePointer<Float>?,
                         weightGradient dw: UnsafeMutablePointer<Float>?,
                         biasGradient db: UnsafeMutablePointer<Float>?) {
        let p = g.outHeight * g.outWidth, k = g.patchSize, o = g.outChannels
        let imageSize = g.inChannels * g.height * g.width
        let chunks = max(1, min(gradientGroups, g.batch))
        // Each group of images sums its own ∂W and ∂bias; the partial sums are added afterwards in group order,
        // so the result is the same whichever core ran which group, on any number of cores.
        let partialW = UnsafeMutablePointer<Float>.allocate(capacity: chunks * o * k)
        let partialB = UnsafeMutablePointer<Float>.allocate(capacity: chunks * o)
        partialW.initialize(repeating: 0, count: chunks * o * k)
        partialB.initialize(repeating: 0, count: chunks * o)
        defer { partialW.deallocate(); partialB.deallocate() }
        withSingleThreadedBLAS {
            parallelNumberedChunks(count: g.batch, chunks: chunks) { chunk, images in
                let dcols = dx == nil ? nil : UnsafeMutablePointer<Float>.allocate(capacity: k * p)
                var scratch: UnsafeMutablePointer<Float>? = nil
                if case .recomputed = source, dw != nil { scratch = .allocate(capacity: k * p) }
                defer { dcols?.deallocate(); scratch?.deallocate() }
                let myW = partialW + chunk * o * k, myB = partialB + chunk * o
                for b in images {
                    let dyb = dy + b * o * p
                    // cols_b is only needed for ∂W.
                    var cols: UnsafePointer<Float>? = nil
                    switch source {
                    case .kept(let all): cols = all + b * k * p
                    case .recomputed(let input):
                        if let scratch {
                            Im2Col.im2col(g, image: input + b * imageSize, columns: scratch)
                            cols = UnsafePointer(scratch)
                        }
                    }
                    if db != nil {
                        for c in 0..<o { myB[c] += sum(dyb + c * p, count: p) }
                    }
                    if dw != nil, let cols {
                        // ∂W[out, K] += ∂Y_b[out, P] · cols_bᵀ[P, K]
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(o), Int32(k), Int32(p),
                                    1, dyb, Int32(p), cols, Int32(p), 1, myW, Int32(k))
                    }
                    if let dx, let dcols {
                        // ∂cols_b[K, P] = Wᵀ[K, out] · ∂Y_b[out, P], then scatter back onto the image.
                        sgemmOverwriting(true, false, m: k, n: p, k: o, weight, k, dyb, p, dcols, p)
                        Im2Col.col2im(g, columns: dcols, imageGradient: dx + b * imageSize)
                    }
                }
            }
        }
        if let dw {
            dw.update(from: partialW, count: o * k)
            for c in 1..<chunks { for i in 0..<(o * k) { dw[i] += partialW[c * o * k + i] } }
        }
        if let db {
            db.update(from: partialB, count: o)
            for c in 1..<chunks { for i in 0..<o { db[i] += partialB[c * o + i] } }
        }
    }

    /// y = conv(x, w) + bias (then max(·, 0) if `relu`) without keeping the columns (inference): each core
    /// reuses one `K × P` block that stays in its L2 cache instead of writing the whole batch's columns to memory.
    ///
    ///     Conv2DKernels.forward(g, input: x, weight: w, bias: nil, output: y)
    public static func forward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>, relu: Bool = false) {
        let p = g.outHeight * g.outWidth, k = g.patchSize, o = g.outChannels
        let imageSize = g.inChannels * g.height * g.width
        withSingleThreadedBLAS {
            parallelChunks(count: g.batch) { images in
                let cols = UnsafeMutablePointer<Float>.allocate(capacity: k * p)
                defer { cols.deallocate() }
                for b in images {
                    let y = output + b * o * p
                    Im2Col.im2col(g, image: input + b * imageSize, columns: cols)
                    convolveImage(o: o, p: p, k: k, weight: weight, columns: cols, bias: bias, output: y, relu: relu)
                }
            }
        }
    }

    /// max-pool(ReLU(conv(x, w) + bias)) per image, for inference: each image's convolution goes to a per-core
    /// block that is still in L2 when the pooling reads it, instead of a whole batch's output written to memory
    /// and read back (the CNN's first layer: 6.4 MB at batch 64). `pool` describes the pooling of one image
    /// (batch 1, `g.outChannels` planes of `g.outHeight × g.outWidth`). The same operations in the same order as
    /// ``forward(_:input:weight:bias:output:relu:)`` then ``Pool2DKernels/maxForward(_:input:output:)``, so the
    /// same bits.
    ///
    ///     Conv2DKernels.forwardReLUMaxPool(g, input: x, weight: w, bias: b, pool: pg, output: y)
    public static func forwardReLUMaxPool(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                          bias: UnsafePointer<Float>?, pool: Pool2DGeometry,
                                          output: UnsafeMutablePointer<Float>) {
        let p = g.outHeight * g.outWidth, k = g.patchSize, o = g.outChannels
        let imageSize = g.inChannels * g.height * g.width
        precondition(pool.batch == 1 && pool.channels == o && pool.height == g.outHeight && pool.width == g.outWidth,
                     "forwardReLUMaxPool: the pooling must describe one image of the convolution's output")
        withSingleThreadedBLAS {
            parallelChunks(count: g.batch) { images in
                let cols = UnsafeMutablePointer<Float>.allocate(capacity: k * p)
                let y = UnsafeMutablePointer<Float>.allocate(capacity: o * p)
                defer { cols.deallocate(); y.deallocate() }
                for b in images {
                    Im2Col.im2col(g, image: input + b * imageSize, columns: cols)
                    convolveImage(o: o, p: p, k: k, weight: weight, columns: cols, bias: bias, output: y, relu: true)
                    // Nested in this chunk, the pooling's own split runs on this thread (WorkerPool).
                    Pool2DKernels.maxForward(pool, input: y, output: output + b * pool.outputCount)
                }
            }
        }
    }

    /// Backward without kept columns: recomputes each image's columns into a per-core block first.
    ///
    ///     Conv2DKernels.backward(g, input: x, weight: w, outputGradient: dy, inputGradient: dx,
    ///                            weightGradient: dw, biasGradient: nil)
    public static func backward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                                outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>?,
                                weightGradient dw: UnsafeMutablePointer<Float>?,
                                biasGradient db: UnsafeMutablePointer<Float>?) {
        backward(g, columnsOf: .recomputed(input), weight: weight, outputGradient: dy,
                 inputGradient: dx, weightGradient: dw, biasGradient: db)
    }

    /// Y_b[o × p] = W[o × k] · cols_b[k × p] + bias (then ReLU): each row of Y_b starts as its channel's bias and
    /// OpenBLAS adds the product onto it (β = 1), instead of a cleared Y_b and a second pass adding the bias.
    /// While k fits in one OpenBLAS K block (a few hundred; the CNN's first layer has k = 9) that is exactly
    /// round(Σ + bias), as before; beyond, the bias joins the first block's partial sum (float-rounding apart).
    @inline(__always)
    static func convolveImage(o: Int, p: Int, k: Int, weight: UnsafePointer<Float>, columns: UnsafePointer<Float>,
                              bias: UnsafePointer<Float>?, output y: UnsafeMutablePointer<Float>, relu: Bool) {
        for c in 0..<o { (y + c * p).update(repeating: bias?[c] ?? 0, count: p) }
        if k > 0 {
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(o), Int32(p), Int32(k),
                        1, weight, Int32(k), columns, Int32(p), 1, y, Int32(p))
        }
        if relu { for c in 0..<o { addScalarThenReLU(0, to: y + c * p, count: p) } }
    }

    /// Σ x[0..<count] with eight independent partial sums (a plain running sum cannot be vectorized,
    /// since float addition is not associative).
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Float {
        var lanes = SIMD8<Float>()
        var q = 0
        while q + 8 <= count {
            lanes += UnsafeRawPointer(x + q).loadUnaligned(as: SIMD8<Float>.self)
            q += 8
        }
        var total = lanes.sum()
        while q < count { total += x[q]; q += 1 }
        return total
    }

    /// p[q] = max(p[q] + s, 0), eight at a time; as `relu()`, anything not above 0 (−0, NaN) becomes 0.
    @inline(__always)
    static func addScalarThenReLU(_ s: Float, to p: UnsafeMutablePointer<Float>, count: Int) {
        let shift = SIMD8<Float>(repeating: s)
        var q = 0
        while q + 8 <= count {
            var x = UnsafeRawPointer(p + q).loadUnaligned(as: SIMD8<Float>.self) + shift
            x.replace(with: 0, where: .!(x .> 0))
            UnsafeMutableRawPointer(p + q).storeBytes(of: x, as: SIMD8<Float>.self)
            q += 8
        }
        while q < count { let x = p[q] + s; p[q] = x > 0 ? x : 0; q += 1 }
    }
}
