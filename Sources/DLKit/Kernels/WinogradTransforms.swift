/// Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks",
/// 2016): a 2×2 block of a 3×3 convolution's output from a 4×4 block of its input with 16 multiplies instead
/// of 36,
///
///     Y = Aᵀ [ (G g Gᵀ) ⊙ (Bᵀ d B) ] A
///
/// g the 3×3 kernel, d the 4×4 input tile (neighbouring tiles overlap by 2 pixels), ⊙ the element-wise product:
///
///     Bᵀ = ⎡1  0 −1  0⎤     G = ⎡1   0   0⎤     Aᵀ = ⎡1  1  1  0⎤
///          ⎢0  1  1  0⎥         ⎢½   ½   ½⎥          ⎣0  1 −1 −1⎦
///          ⎢0 −1  1  0⎥         ⎢½  −½   ½⎥
///          ⎣0  1  0 −1⎦         ⎣0   0   1⎦
///
/// Summed over input channels, the 16 element-wise products become 16 matrix products, one per position ξ of
/// the 4×4 tile: M[ξ] = U[ξ] · V[ξ] with U[ξ] = (G g Gᵀ)[ξ] an out × in matrix and V[ξ] = (Bᵀ d B)[ξ] an
/// in × tiles matrix (``WinogradConv2D``). Every step is linear, so the backward pass is each map's adjoint:
///
///     ∂M = A ∂Y Aᵀ,   ∂U[ξ] = ∂M[ξ] · V[ξ]ᵀ,   ∂V[ξ] = U[ξ]ᵀ · ∂M[ξ],   ∂d = B ∂V Bᵀ,   ∂g = Gᵀ ∂U G
///
/// These are the tile transforms, written out from the matrices above, for eight tiles of a tile row at once (one
/// SIMD lane per tile). A tile's 16 values are stored `stride` floats apart (position ξ = 4·row + column), so that
/// each position's values form one matrix.
enum WinogradF2x3 {
    typealias Lanes = SIMD8<Float>
    typealias Pairs = SIMD16<Float>
    /// One row of a tile, four columns, for eight tiles at once.
    typealias Quad = (Lanes, Lanes, Lanes, Lanes)

    /// V = Bᵀ d B of eight neighbouring tiles of one tile row. `d` is the top-left pixel of the first tile's 4×4
    /// block, rows `rowStride` apart; tile l's block starts two columns after tile l − 1's. V[ξ] of tile l goes to
    /// `v[ξ · stride + l]`. Reads 18 pixels per row.
    @inline(__always)
    static func inputTiles(_ d: UnsafePointer<Float>, rowStride: Int, _ v: UnsafeMutablePointer<Float>, stride: Int) {
        // Column k of tile l is pixel 2l + k: the even and odd halves of 16 pixels from column 0, then from column 2.
        @inline(__always) func columns(_ row: UnsafePointer<Float>) -> Quad {
            let a = loadPairs(row), b = loadPairs(row + 2)
            return (a.evenHalf, a.oddHalf, b.evenHalf, b.oddHalf)
        }
        let d0 = columns(d), d1 = columns(d + rowStride), d2 = columns(d + 2 * rowStride), d3 = columns(d + 3 * rowStride)
        // Bᵀ on the rows (t₀ = d₀ − d₂, t₁ = d₁ + d₂, t₂ = d₂ − d₁, t₃ = d₁ − d₃), then on the columns of each.
        storeBT(sub(d0, d2), v, stride)
        storeBT(add(d1, d2), v + 4 * stride, stride)
        storeBT(sub(d2, d1), v + 8 * stride, stride)
        storeBT(sub(d1, d3), v + 12 * stride, stride)
    }

    /// The row (t₀ − t₂, t₁ + t₂, t₂ − t₁, t₁ − t₃) = t·B of eight tiles, stored `stride` apart.
    @inline(__always)
    static func storeBT(_ t: Quad, _ v: UnsafeMutablePointer<Float>, _ stride: Int) {
        store(t.0 - t.2, v); store(t.1 + t.2, v + stride); store(t.2 - t.1, v + 2 * stride); store(t.1 - t.3, v + 3 * stride)
    }

    /// ∂d = B ∂V Bᵀ of eight neighbouring tiles (the adjoint of ``inputTiles(_:rowStride:_:stride:)``), added onto
    /// their overlapping 4×4 blocks. Only the first `lanes` tiles count (the others may belong to the next row).
    @inline(__always)
    static func addInputTileGradients(_ dv: UnsafePointer<Float>, stride: Int, lanes: Int,
                                      _ d: UnsafeMutablePointer<Float>, rowStride: Int) {
        let keep = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .< Int32(lanes)
        @inline(__always) func at(_ xi: Int) -> Lanes {
            var x = UnsafeRawPointer(dv + xi * stride).loadUnaligned(as: Lanes.self)
            if lanes < 8 { x.replace(with: 0, where: .!keep) }
            return x
        }
        @inline(__always) func row(_ r: Int) -> Quad { (at(4 * r), at(4 * r + 1), at(4 * r + 2), at(4 * r + 3)) }
        let v0 = row(0), v1 = row(1), v2 = row(2), v3 = row(3)
        // B on the rows (w₀ = ∂V₀, w₁ = ∂V₁ − ∂V₂ + ∂V₃, w₂ = ∂V₁ + ∂V₂ − ∂V₀, w₃ = −∂V₃), then on the columns.
        addB(v0, d)
        addB(add(sub(v1, v2), v3), d + rowStride)
        addB(sub(add(v1, v2), v0), d + 2 * rowStride)
        addB((-v3.0, -v3.1, -v3.2, -v3.3), d + 3 * rowStride)
    }

    /// Adds w·Bᵀ = (w₀, w₁ − w₂ + w₃, w₁ + w₂ − w₀, −w₃) of eight tiles onto one pixel row: columns 0, 1 of tile l
    /// at 2l, 2l + 1, columns 2, 3 at 2l + 2, 2l + 3 (where the next tile's 0, 1 also land).
    @inline(__always)
    static func addB(_ w: Quad, _ d: UnsafeMutablePointer<Float>) {
        let k0 = w.0, k1 = w.1 - w.2 + w.3, k2 = w.1 + w.2 - w.0, k3 = -w.3
        storePairs(loadPairs(d) + interleave(k0, k1), d)
        storePairs(loadPairs(d + 2) + interleave(k2, k3), d + 2)
    }

    @inline(__always) static func add(_ a: Quad, _ b: Quad) -> Quad { (a.0 + b.0, a.1 + b.1, a.2 + b.2, a.3 + b.3) }
    @inline(__always) static func sub(_ a: Quad, _ b: Quad) -> Quad { (a.0 - b.0, a.1 - b.1, a.2 - b.2, a.3 - b.3) }

    /// (a₀, b₀, a₁, b₁, …): values of eight tiles side by side in one pixel row.
    @inline(__always)
    static func interleave(_ a: Lanes, _ b: Lanes) -> Pairs {
        Pairs(a[0], b[0], a[1], b[1], a[2], b[2], a[3], b[3], a[4], b[4], a[5], b[5], a[6], b[6], a[7], b[7])
    }

    @inline(__always)
    static func store(_ x: Lanes, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: Lanes.self) }
    @inline(__always)
    static func loadPairs(_ p: UnsafePointer<Float>) -> Pairs { UnsafeRawPointer(p).loadUnaligned(as: Pairs.self) }
    @inline(__always)
    static func loadPairs(_ p: UnsafeMutablePointer<Float>) -> Pairs { UnsafeRawPointer(p).loadUnaligned(as: Pairs.self) }
    @inline(__always)
    static func storePairs(_ x: Pairs, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: x, as: Pairs.self) }

    /// U = G g Gᵀ of one 3×3 kernel `g` (row-major; `flipped` reads it rotated by 180°), U[ξ] to `u[ξ · stride]`.
    /// Plain scalars, no arrays: it runs for every kernel on every forward pass (2,048 kernels in the CNN).
    @inline(__always)
    static func weightTile(_ g: UnsafePointer<Float>, flipped: Bool, _ u: UnsafeMutablePointer<Float>, stride: Int) {
        @inline(__always) func k(_ i: Int) -> Float { flipped ? g[8 - i] : g[i] }
        // t = g Gᵀ (3 × 4): G on the rows of g, then G on the columns of t.
        @inline(__always) func row(_ a: Int) -> (Float, Float, Float, Float) {
            let r0 = k(3 * a), r1 = k(3 * a + 1), r2 = k(3 * a + 2)
            return (r0, (r0 + r1 + r2) / 2, (r0 - r1 + r2) / 2, r2)
        }
        let t0 = row(0), t1 = row(1), t2 = row(2)
        @inline(__always) func column(_ j: Int, _ c0: Float, _ c1: Float, _ c2: Float) {
            u[j * stride] = c0
            u[(4 + j) * stride] = (c0 + c1 + c2) / 2
            u[(8 + j) * stride] = (c0 - c1 + c2) / 2
            u[(12 + j) * stride] = c2
        }
        column(0, t0.0, t1.0, t2.0); column(1, t0.1, t1.1, t2.1)
        column(2, t0.2, t1.2, t2.2); column(3, t0.3, t1.3, t2.3)
    }

    /// ∂g = Gᵀ ∂U G for one kernel (the adjoint of ``weightTile``), written (not added) to the 3×3 `dg`.
    @inline(__always)
    static func weightTileGradient(_ du: UnsafePointer<Float>, stride: Int, flipped: Bool,
                                   _ dg: UnsafeMutablePointer<Float>) {
        // Gᵀ (3 × 4) = [[1, ½, ½, 0], [0, ½, −½, 0], [0, ½, ½, 1]]: first on the columns of ∂U (s = Gᵀ ∂U, 3 × 4),
        // then on the rows (∂g = s G).
        @inline(__always) func d(_ i: Int, _ j: Int) -> Float { du[(4 * i + j) * stride] }
        @inline(__always) func gT(_ x0: Float, _ x1: Float, _ x2: Float, _ x3: Float) -> (Float, Float, Float) {
            (x0 + 0.5 * x1 + 0.5 * x2, 0.5 * x1 - 0.5 * x2, 0.5 * x1 + 0.5 * x2 + x3)
        }
        let c0 = gT(d(0, 0), d(1, 0), d(2, 0), d(3, 0)), c1 = gT(d(0, 1), d(1, 1), d(2, 1), d(3, 1))
        let c2 = gT(d(0, 2), d(1, 2), d(2, 2), d(3, 2)), c3 = gT(d(0, 3), d(1, 3), d(2, 3), d(3, 3))
        @inline(__always) func put(_ a: Int, _ b: Int, _ value: Float) { dg[flipped ? 8 - (3 * a + b) : 3 * a + b] = value }
        @inline(__always) func row(_ a: Int, _ s0: Float, _ s1: Float, _ s2: Float, _ s3: Float) {
            let (g0, g1, g2) = gT(s0, s1, s2, s3)
            put(a, 0, g0); put(a, 1, g1); put(a, 2, g2)
        }
        row(0, c0.0, c1.0, c2.0, c3.0); row(1, c0.1, c1.1, c2.1, c3.1); row(2, c0.2, c1.2, c2.2, c3.2)
    }

}

/// The output transform Y = Aᵀ M A and its adjoint ∂M = A ∂Y Aᵀ, eight tiles at a time (one SIMD lane per
/// tile: the 16 positions of eight consecutive tiles are 16 contiguous loads).
extension WinogradF2x3 {
    /// The 2×2 outputs (y₀₀, y₀₁, y₁₀, y₁₁) of the eight tiles whose M[ξ] start at `m + ξ · stride`.
    @inline(__always)
    static func outputTiles(_ m: UnsafePointer<Float>, stride: Int) -> (Lanes, Lanes, Lanes, Lanes) {
        @inline(__always) func at(_ xi: Int) -> Lanes { UnsafeRawPointer(m + xi * stride).loadUnaligned(as: Lanes.self) }
        // s = Aᵀ M, two rows of four: s₀ = M₀ + M₁ + M₂, s₁ = M₁ − M₂ − M₃ (M_r the tile's rows); then y = s A.
        let s00 = at(0) + at(4) + at(8), s01 = at(1) + at(5) + at(9)
        let s02 = at(2) + at(6) + at(10), s03 = at(3) + at(7) + at(11)
        let s10 = at(4) - at(8) - at(12), s11 = at(5) - at(9) - at(13)
        let s12 = at(6) - at(10) - at(14), s13 = at(7) - at(11) - at(15)
        return (s00 + s01 + s02, s01 - s02 - s03, s10 + s11 + s12, s11 - s12 - s13)
    }

    /// ∂M = A ∂Y Aᵀ of eight tiles from their 2×2 output gradients; ∂M[ξ] goes to `dm + ξ · stride`.
    @inline(__always)
    static func storeOutputTileGradients(_ y00: Lanes, _ y01: Lanes, _ y10: Lanes, _ y11: Lanes,
                                         _ dm: UnsafeMutablePointer<Float>, stride: Int) {
        // Rows u_i = Σ_a A[i][a] ∂Y_a: (∂Y₀, ∂Y₀ + ∂Y₁, ∂Y₀ − ∂Y₁, −∂Y₁); then the same on the columns.
        storeARow(y00, y01, dm, stride)
        storeARow(y00 + y10, y01 + y11, dm + 4 * stride, stride)
        storeARow(y00 - y10, y01 - y11, dm + 8 * stride, stride)
        storeARow(-y10, -y11, dm + 12 * stride, stride)
    }

    /// (u₀, u₀ + u₁, u₀ − u₁, −u₁) = u·Aᵀ for eight tiles, stored `stride` apart.
    @inline(__always)
    static func storeARow(_ u0: Lanes, _ u1: Lanes, _ out: UnsafeMutablePointer<Float>, _ stride: Int) {
        UnsafeMutableRawPointer(out).storeBytes(of: u0, as: Lanes.self)
        UnsafeMutableRawPointer(out + stride).storeBytes(of: u0 + u1, as: Lanes.self)
        UnsafeMutableRawPointer(out + 2 * stride).storeBytes(of: u0 - u1, as: Lanes.self)
        UnsafeMutableRawPointer(out + 3 * stride).storeBytes(of: -u1, as: Lanes.self)
    }
}
