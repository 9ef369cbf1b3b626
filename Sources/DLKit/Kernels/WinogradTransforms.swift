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
/// These are the per-tile transforms, written out from the matrices above. A tile's 16 values are stored
/// `stride` floats apart (position ξ = 4·row + column), so that each position's values form one matrix.
enum WinogradF2x3 {
    typealias Row = SIMD4<Float>

    /// V = Bᵀ d B of the 4×4 tile whose rows start at `d`, `rowStride` apart; V[ξ] goes to `v[ξ · stride]`.
    @inline(__always)
    static func inputTile(_ d: UnsafePointer<Float>, rowStride: Int, _ v: UnsafeMutablePointer<Float>, stride: Int) {
        let d0 = load(d), d1 = load(d + rowStride), d2 = load(d + 2 * rowStride), d3 = load(d + 3 * rowStride)
        // Bᵀ on the rows, then on the columns of each resulting row.
        storeBT(d0 - d2, v, stride)
        storeBT(d1 + d2, v + 4 * stride, stride)
        storeBT(d2 - d1, v + 8 * stride, stride)
        storeBT(d1 - d3, v + 12 * stride, stride)
    }

    /// The row (t₀ − t₂, t₁ + t₂, t₂ − t₁, t₁ − t₃) = t·B, stored `stride` apart.
    @inline(__always)
    static func storeBT(_ t: Row, _ v: UnsafeMutablePointer<Float>, _ stride: Int) {
        v[0] = t[0] - t[2]; v[stride] = t[1] + t[2]; v[2 * stride] = t[2] - t[1]; v[3 * stride] = t[1] - t[3]
    }

    /// ∂d = B ∂V Bᵀ, added onto the 4×4 tile whose rows start at `d` (the adjoint of ``inputTile``).
    @inline(__always)
    static func addInputTileGradient(_ dv: UnsafePointer<Float>, stride: Int, _ d: UnsafeMutablePointer<Float>,
                                     rowStride: Int) {
        func row(_ r: Int) -> Row {
            Row(dv[4 * r * stride], dv[(4 * r + 1) * stride], dv[(4 * r + 2) * stride], dv[(4 * r + 3) * stride])
        }
        let v0 = row(0), v1 = row(1), v2 = row(2), v3 = row(3)
        // B on the rows (w_r = Σ_i Bᵀ[i][r] ∂V_i), then the same on the columns of each row.
        addB(v0, d)
        addB(v1 - v2 + v3, d + rowStride)
        addB(v1 + v2 - v0, d + 2 * rowStride)
        addB(-v3, d + 3 * rowStride)
    }

    /// d[0..<4] += (w₀, w₁ − w₂ + w₃, w₁ + w₂ − w₀, −w₃) = w·Bᵀ.
    @inline(__always)
    static func addB(_ w: Row, _ d: UnsafeMutablePointer<Float>) {
        let r = Row(w[0], w[1] - w[2] + w[3], w[1] + w[2] - w[0], -w[3])
        UnsafeMutableRawPointer(d).storeBytes(of: load(d) + r, as: Row.self)
    }

    /// U = G g Gᵀ of one 3×3 kernel `g` (row-major; `flipped` reads it rotated by 180°), U[ξ] to `u[ξ · stride]`.
    static func weightTile(_ g: UnsafePointer<Float>, flipped: Bool, _ u: UnsafeMutablePointer<Float>, stride: Int) {
        let k = (0..<9).map { flipped ? g[8 - $0] : g[$0] }
        // G on the columns of g (three rows of four), then on the rows.
        var t = [Float](repeating: 0, count: 12)   // t = g Gᵀ: 3 × 4
        for a in 0..<3 {
            let r = (k[3 * a], k[3 * a + 1], k[3 * a + 2])
            t[4 * a] = r.0; t[4 * a + 1] = (r.0 + r.1 + r.2) / 2; t[4 * a + 2] = (r.0 - r.1 + r.2) / 2; t[4 * a + 3] = r.2
        }
        for j in 0..<4 {
            let c = (t[j], t[4 + j], t[8 + j])
            u[j * stride] = c.0
            u[(4 + j) * stride] = (c.0 + c.1 + c.2) / 2
            u[(8 + j) * stride] = (c.0 - c.1 + c.2) / 2
            u[(12 + j) * stride] = c.2
        }
    }

    /// ∂g = Gᵀ ∂U G for one kernel (the adjoint of ``weightTile``), written (not added) to the 3×3 `dg`.
    static func weightTileGradient(_ du: UnsafePointer<Float>, stride: Int, flipped: Bool,
                                   _ dg: UnsafeMutablePointer<Float>) {
        let gT: [[Float]] = [[1, 0.5, 0.5, 0], [0, 0.5, -0.5, 0], [0, 0.5, 0.5, 1]]   // Gᵀ: 3 × 4
        for a in 0..<3 {
            for b in 0..<3 {
                var s: Float = 0
                for i in 0..<4 where gT[a][i] != 0 {
                    for j in 0..<4 where gT[b][j] != 0 { s += gT[a][i] * du[(4 * i + j) * stride] * gT[b][j] }
                }
                dg[flipped ? 8 - (3 * a + b) : 3 * a + b] = s
            }
        }
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Row { UnsafeRawPointer(p).loadUnaligned(as: Row.self) }
    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> Row { UnsafeRawPointer(p).loadUnaligned(as: Row.self) }
}

/// The output transform Y = Aᵀ M A and its adjoint ∂M = A ∂Y Aᵀ, eight tiles at a time (one SIMD lane per
/// tile: the 16 positions of eight consecutive tiles are 16 contiguous loads).
extension WinogradF2x3 {
    typealias Lanes = SIMD8<Float>

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
