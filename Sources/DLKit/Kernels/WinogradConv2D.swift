import CBLAS

/// The fast path for 3×3, stride-1, zero-padded convolutions (the CNN's second layer, all of VGG's): Winograd
/// F(2×2, 3×3) (``WinogradF2x3``) — 2.25× fewer multiplies than im2col + GEMM. Tests hold it equal to
/// ``Conv2DReference`` on random shapes.
///
/// The batch is cut into chunks of a few images (``Layout``), each core transforming and multiplying its own
/// chunks with single-threaded BLAS. Per chunk, with `T` its 2×2 output tiles:
///
///     forward:   V[ξ] = (Bᵀ d B)[ξ]  (in × T),   M[ξ] = U[ξ] · V[ξ]  (16 GEMMs),   y = Aᵀ M A + bias
///     backward:  ∂M = A ∂Y Aᵀ,   ∂U[ξ] += ∂M[ξ] · V[ξ]ᵀ,   ∂V[ξ] = U[ξ]ᵀ · ∂M[ξ],   ∂x = B ∂V Bᵀ,   ∂w = Gᵀ ∂U G
///
/// where U[ξ] = (G w Gᵀ)[ξ] is out × in. Training keeps every chunk's V from forward to backward, and U after
/// them (``transformedInputCount(_:)`` floats — 16 per tile and input channel, less than im2col's 9 per pixel,
/// plus 16 per kernel), so that the backward pass does not transform the weights again.
///
///     WinogradConv2D.forward(g, input: x, weight: w, bias: b, output: y, transformedInput: v)
///     WinogradConv2D.backward(g, transformedInput: v, weight: w, outputGradient: dy, inputGradient: dx, ...)
public enum WinogradConv2D {
    /// Whether the Winograd path computes this convolution (3×3, stride 1, zero padding, enough channels for
    /// the 16 GEMMs to pay: with one input channel they would be outer products).
    public static func applies(to g: Conv2DGeometry) -> Bool {
        g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideY == 1 && g.strideX == 1 && g.paddingMode == .zeros
            && g.inChannels >= 4 && g.outChannels >= 4
    }

    /// Floats of the buffer that the training forward pass fills for the backward pass: every chunk's V, then U.
    public static func transformedInputCount(_ g: Conv2DGeometry) -> Int {
        let l = Layout(g)
        return l.chunks * l.inputChunkCount + 16 * g.outChannels * g.inChannels
    }

    /// y = conv(x, w) + bias (then max(·, 0) if `relu`), NCHW. With `transformedInput`, every chunk's V is kept
    /// there for ``backward(_:transformedInput:weight:outputGradient:inputGradient:weightGradient:biasGradient:)``.
    public static func forward(_ g: Conv2DGeometry, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
                               bias: UnsafePointer<Float>?, output: UnsafeMutablePointer<Float>,
                               transformedInput keep: UnsafeMutablePointer<Float>? = nil, relu: Bool = false) {
        let l = Layout(g)
        let u = keep.map { $0 + l.chunks * l.inputChunkCount } ?? .allocate(capacity: 16 * g.outChannels * g.inChannels)
        transformWeights(g, weight, into: u)
        defer { if keep == nil { u.deallocate() } }
        let (o, c, ld, vs, ms) = (g.outChannels, g.inChannels, l.leading, l.inputStride, l.productStride)
        withSingleThreadedBLAS {
            parallelChunks(count: l.chunks) { chunks in
                let m = zeroed(l.productChunkCount), plane = zeroed(l.planeCount)
                let scratch = keep == nil ? zeroed(l.inputChunkCount) : nil
                defer { m.deallocate(); plane.deallocate(); scratch?.deallocate() }
                for k in chunks {
                    let v = keep.map { $0 + k * l.inputChunkCount } ?? scratch!
                    transformInput(l, chunk: k, input: input, v: v, plane: plane)
                    for xi in 0..<16 {   // M[ξ] = U[ξ] · V[ξ]
                        sgemmOverwriting(false, false, m: o, n: l.tiles(k), k: c, u + xi * o * c, c, v + xi * vs, ld,
                                         m + xi * ms, ld)
                    }
                    transformOutput(l, chunk: k, m: m, bias: bias, relu: relu, output: output)
                }
            }
        }
    }

    /// Gradients from ∂L/∂y and the V and U kept by the forward pass (so the weights are those of the forward pass;
    /// `weight` is not read again). Destinations are overwritten; pass nil to skip one.
    public static func backward(_ g: Conv2DGeometry, transformedInput kept: UnsafePointer<Float>,
                                weight: UnsafePointer<Float>, outputGradient dy: UnsafePointer<Float>,
                                inputGradient dx: UnsafeMutablePointer<Float>?,
                                weightGradient dw: UnsafeMutablePointer<Float>?,
                                biasGradient db: UnsafeMutablePointer<Float>?) {
        let l = Layout(g)
        let (o, c, ld, p) = (g.outChannels, g.inChannels, l.leading, g.outHeight * g.outWidth)
        let (vs, ms) = (l.inputStride, l.productStride)
        _ = weight
        let u = dx == nil ? nil : kept + l.chunks * l.inputChunkCount   // U, kept by the forward pass
        // Fixed groups of chunks, each summing its own ∂U and ∂bias, added afterwards in group order: the same
        // result on any number of cores.
        let groups = max(1, min(Conv2DKernels.gradientGroups, l.chunks))
        let partialU = zeroed(groups * 16 * o * c), partialB = zeroed(groups * o)
        defer { partialU.deallocate(); partialB.deallocate() }
        withSingleThreadedBLAS {
            parallelNumberedChunks(count: l.chunks, chunks: groups) { group, chunks in
                let dm = zeroed(l.productChunkCount)
                let dv = dx == nil ? nil : zeroed(l.inputChunkCount)
                let plane = dx == nil ? nil : zeroed(l.planeCount)
                defer { dm.deallocate(); dv?.deallocate(); plane?.deallocate() }
                let myU = partialU + group * 16 * o * c, myB = partialB + group * o
                for k in chunks {
                    let tiles = Int32(l.tiles(k))
                    if db != nil {
                        for b in l.images(k) { for ch in 0..<o { myB[ch] += Conv2DKernels.sum(dy + (b * o + ch) * p, count: p) } }
                    }
                    transformOutputGradient(l, chunk: k, outputGradient: dy, dm: dm)
                    if dw != nil {
                        let v = kept + k * l.inputChunkCount
                        for xi in 0..<16 {   // ∂U[ξ] (out × in) += ∂M[ξ] (out × T) · V[ξ]ᵀ (T × in)
                            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(o), Int32(c), tiles, 1,
                                        dm + xi * ms, Int32(ld), v + xi * vs, Int32(ld), 1, myU + xi * o * c, Int32(c))
                        }
                    }
                    if let dx, let u, let dv, let plane {
                        for xi in 0..<16 {   // ∂V[ξ] (in × T) = U[ξ]ᵀ (in × out) · ∂M[ξ] (out × T)
                            sgemmOverwriting(true, false, m: c, n: Int(tiles), k: o, u + xi * o * c, c, dm + xi * ms, ld,
                                             dv + xi * vs, ld)
                        }
                        transformInputGradient(l, chunk: k, dv: dv, plane: plane, inputGradient: dx)
                    }
                }
            }
        }
        if let dw {
            for group in 1..<groups { for i in 0..<(16 * o * c) { partialU[i] += partialU[group * 16 * o * c + i] } }
            for oc in 0..<(o * c) {
                WinogradF2x3.weightTileGradient(partialU + oc, stride: o * c, flipped: g.kernelFlip == .convolution,
                                                dw + oc * 9)
            }
        }
        if let db {
            db.update(from: partialB, count: o)
            for group in 1..<groups { for i in 0..<o { db[i] += partialB[group * o + i] } }
        }
    }

    /// U[ξ][out][in] = (G w Gᵀ)[ξ] for every kernel, into `u` (16 · out · in floats).
    static func transformWeights(_ g: Conv2DGeometry, _ weight: UnsafePointer<Float>, into u: UnsafeMutablePointer<Float>) {
        let count = g.outChannels * g.inChannels, flipped = g.kernelFlip == .convolution
        for oc in 0..<count { WinogradF2x3.weightTile(weight + oc * 9, flipped: flipped, u + oc, stride: count) }
    }

    static func zeroed(_ count: Int) -> UnsafeMutablePointer<Float> {
        let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
        p.initialize(repeating: 0, count: count)
        return p
    }
}
