import Foundation

/// The three recurrent cells of PyTorch, with their gate layouts. Each cell sees, at every time step, the
/// input's share of the gates `xg = W_ih·xₜ + b_ih` and the previous state's share `hg = W_hh·hₜ₋₁ + b_hh`,
/// both `[batch, gates·hidden]`, stacked gate by gate in PyTorch's order:
///
/// | kind | gates | step |
/// |---|---|---|
/// | `.rnnTanh` | 1 | hₜ = tanh(xg + hg) |
/// | `.lstm` | 4: i, f, g, o | i, f, o = σ(…), g = tanh(…); cₜ = f⊙cₜ₋₁ + i⊙g; hₜ = o⊙tanh(cₜ) |
/// | `.gru` | 3: r, z, n | r, z = σ(…); n = tanh(xgₙ + r⊙hgₙ); hₜ = (1 − z)⊙n + z⊙hₜ₋₁ |
///
/// ```swift
/// print(RecurrentKind.lstm.gateCount)   // 4
/// ```
public enum RecurrentKind: String, Sendable {
    case rnnTanh = "RNN"
    case lstm = "LSTM"
    case gru = "GRU"

    /// Rows of `weight_ih` and `weight_hh` per hidden unit: 1, 4 or 3.
    public var gateCount: Int {
        switch self {
        case .rnnTanh: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// Whether the cell carries a second state (the LSTM's cell state c).
    public var hasCellState: Bool { self == .lstm }
}

/// The element-wise part of one time step and of its backward pass, on raw buffers (the matrix products
/// are done by the caller, with BLAS). One row is one sample; `j` runs over the hidden units.
/// `cache` keeps what the backward pass needs: the LSTM's activated gates i, f, g, o and tanh(cₜ); the GRU's r,
/// z, n and hgₙ (= W_hn·hₜ₋₁ + b_hn, which the reset gate multiplies).
struct RecurrentCellMath {
    let kind: RecurrentKind
    let hidden: Int

    /// Floats kept per sample per step for the backward pass.
    var cacheWidth: Int {
        switch kind {
        case .rnnTanh: return 0
        case .lstm: return 5 * hidden
        case .gru: return 4 * hidden
        }
    }

    @inline(__always) static func sigmoid(_ x: Float) -> Float {
        x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
    }

    /// tanh x = 1 − 2/(e²ˣ + 1): one `exp` (libm's `tanhf` costs about three), within 1e-7 of it; ±1 at the far ends.
    @inline(__always) static func tanh(_ x: Float) -> Float { 1 - 2 / (Foundation.exp(2 * x) + 1) }

    /// One sample's step: reads `xg`, `hg` (gates·hidden each), `hPrev`, `cPrev`; writes `h`, `c`, `cache`.
    func forward(xg: UnsafePointer<Float>, hg: UnsafePointer<Float>, hPrev: UnsafePointer<Float>,
                 cPrev: UnsafePointer<Float>?, h: UnsafeMutablePointer<Float>, c: UnsafeMutablePointer<Float>?,
                 cache: UnsafeMutablePointer<Float>?) {
        let H = hidden
        switch kind {
        case .rnnTanh:
            for j in 0..<H { h[j] = Self.tanh(xg[j] + hg[j]) }
        case .lstm:
            let cache = cache!, c = c!, cPrev = cPrev!
            for j in 0..<H {
                let i = Self.sigmoid(xg[j] + hg[j])
                let f = Self.sigmoid(xg[H + j] + hg[H + j])
                let g = Self.tanh(xg[2 * H + j] + hg[2 * H + j])
                let o = Self.sigmoid(xg[3 * H + j] + hg[3 * H + j])
                c[j] = f * cPrev[j] + i * g
                let tc = Self.tanh(c[j])
                h[j] = o * tc
                cache[j] = i; cache[H + j] = f; cache[2 * H + j] = g; cache[3 * H + j] = o; cache[4 * H + j] = tc
            }
        case .gru:
            let cache = cache!
            for j in 0..<H {
                let r = Self.sigmoid(xg[j] + hg[j])
                let z = Self.sigmoid(xg[H + j] + hg[H + j])
                let hn = hg[2 * H + j]
                let n = Self.tanh(xg[2 * H + j] + r * hn)
                h[j] = (1 - z) * n + z * hPrev[j]
                cache[j] = r; cache[H + j] = z; cache[2 * H + j] = n; cache[3 * H + j] = hn
            }
        }
    }

    /// One sample's backward step. In: `dh` (∂L/∂hₜ, everything that reaches hₜ), `dc` (∂L/∂cₜ, LSTM), the
    /// forward values. Out: `dxg`, `dhg` (∂L/∂ of the two gate pre-activations, gates·hidden each),
    /// `dhPrev` (the direct part of ∂L/∂hₜ₋₁, without the path through W_hh), `dcPrev` (LSTM).
    func backward(dh: UnsafePointer<Float>, dc: UnsafePointer<Float>?, h: UnsafePointer<Float>,
                  c: UnsafePointer<Float>?, hPrev: UnsafePointer<Float>, cPrev: UnsafePointer<Float>?,
                  cache: UnsafePointer<Float>?, dxg: UnsafeMutablePointer<Float>, dhg: UnsafeMutablePointer<Float>,
                  dhPrev: UnsafeMutablePointer<Float>, dcPrev: UnsafeMutablePointer<Float>?) {
        let H = hidden
        switch kind {
        case .rnnTanh:
            for j in 0..<H {
                let da = dh[j] * (1 - h[j] * h[j])               // tanh' = 1 − tanh²
                dxg[j] = da; dhg[j] = da; dhPrev[j] = 0
            }
        case .lstm:
            let cache = cache!, cPrev = cPrev!, dc = dc!, dcPrev = dcPrev!
            for j in 0..<H {
                let i = cache[j], f = cache[H + j], g = cache[2 * H + j], o = cache[3 * H + j]
                let tc = cache[4 * H + j]
                let dcTotal = dc[j] + dh[j] * o * (1 - tc * tc)   // h = o·tanh(c)
                let di = dcTotal * g, df = dcTotal * cPrev[j], dg = dcTotal * i, dO = dh[j] * tc
                dxg[j] = di * i * (1 - i)
                dxg[H + j] = df * f * (1 - f)
                dxg[2 * H + j] = dg * (1 - g * g)
                dxg[3 * H + j] = dO * o * (1 - o)
                for k in 0..<4 { dhg[k * H + j] = dxg[k * H + j] }
                dcPrev[j] = dcTotal * f
                dhPrev[j] = 0
            }
        case .gru:
            let cache = cache!
            for j in 0..<H {
                let r = cache[j], z = cache[H + j], n = cache[2 * H + j], hn = cache[3 * H + j]
                let dn = dh[j] * (1 - z), dz = dh[j] * (hPrev[j] - n)
                let dan = dn * (1 - n * n)                         // pre-activation of n
                let dr = dan * hn
                dxg[j] = dr * r * (1 - r); dhg[j] = dxg[j]
                dxg[H + j] = dz * z * (1 - z); dhg[H + j] = dxg[H + j]
                dxg[2 * H + j] = dan
                dhg[2 * H + j] = dan * r                           // hgₙ enters multiplied by r
                dhPrev[j] = dh[j] * z
            }
        }
    }
}
