import XCTest
import DLKit

/// The fused recurrent op (`Tensor.recurrentSequence`) against three things it could be wrong about:
/// a scalar implementation of PyTorch's equations written here, the step-by-step reference built from
/// DLKit's ordinary ops, and central finite differences.
final class RecurrentOpTests: XCTestCase {
    struct Case {
        var x, h0, c0, wih, whh, bih, bhh: Tensor
        var all: [Tensor] { [x, h0, c0, wih, whh, bih, bhh] }
    }

    func makeCase(_ kind: RecurrentKind, b: Int, t: Int, f: Int, h: Int, seed: UInt64) -> Case {
        var rng = RandomGenerator(seed: seed)
        let g = kind.gateCount * h
        return Case(x: Tensor.uniform([b, t, f], low: -1, high: 1, using: &rng),
                    h0: Tensor.uniform([b, h], low: -0.5, high: 0.5, using: &rng),
                    c0: Tensor.uniform([b, h], low: -0.5, high: 0.5, using: &rng),
                    wih: Tensor.uniform([g, f], low: -0.8, high: 0.8, using: &rng),
                    whh: Tensor.uniform([g, h], low: -0.8, high: 0.8, using: &rng),
                    bih: Tensor.uniform([g], low: -0.3, high: 0.3, using: &rng),
                    bhh: Tensor.uniform([g], low: -0.3, high: 0.3, using: &rng))
    }

    func run(_ kind: RecurrentKind, _ v: [Tensor], reference: Bool = false) -> Tensor {
        let op = reference ? Tensor.recurrentSequenceReference : Tensor.recurrentSequence
        return op(kind, v[0], v[1], kind.hasCellState ? v[2] : nil, v[3], v[4], v[5], v[6])
    }

    /// PyTorch's equations, one scalar at a time, in Double — no DLKit op involved.
    func scalarSequence(_ kind: RecurrentKind, _ c: Case) -> [Double] {
        let (B, T, F, H) = (c.x.shape[0], c.x.shape[1], c.x.shape[2], c.h0.shape[1])
        let x = c.x.scalars.map(Double.init), wih = c.wih.scalars.map(Double.init), whh = c.whh.scalars.map(Double.init)
        let bih = c.bih.scalars.map(Double.init), bhh = c.bhh.scalars.map(Double.init)
        func sigma(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
        var out: [Double] = []
        var states: [(h: [Double], c: [Double])] = (0..<B).map { b in
            ((0..<H).map { Double(c.h0.scalars[b * H + $0]) }, (0..<H).map { Double(c.c0.scalars[b * H + $0]) })
        }
        var perStep = [[Double]](repeating: [], count: B * T)
        for t in 0..<T {
            for b in 0..<B {
                let (h, cell) = states[b]
                func xPart(_ row: Int) -> Double { bih[row] + (0..<F).reduce(0) { $0 + wih[row * F + $1] * x[(b * T + t) * F + $1] } }
                func hPart(_ row: Int) -> Double { bhh[row] + (0..<H).reduce(0) { $0 + whh[row * H + $1] * h[$1] } }
                var hNew = [Double](repeating: 0, count: H), cNew = cell
                for j in 0..<H {
                    switch kind {
                    case .rnnTanh:
                        hNew[j] = tanh(xPart(j) + hPart(j))
                    case .lstm:
                        let i = sigma(xPart(j) + hPart(j)), f = sigma(xPart(H + j) + hPart(H + j))
                        let g = tanh(xPart(2 * H + j) + hPart(2 * H + j)), o = sigma(xPart(3 * H + j) + hPart(3 * H + j))
                        cNew[j] = f * cell[j] + i * g
                        hNew[j] = o * tanh(cNew[j])
                    case .gru:
                        let r = sigma(xPart(j) + hPart(j)), z = sigma(xPart(H + j) + hPart(H + j))
                        let n = tanh(xPart(2 * H + j) + r * hPart(2 * H + j))
                        hNew[j] = (1 - z) * n + z * h[j]
                    }
                }
                states[b] = (hNew, cNew)
                perStep[b * T + t] = kind.hasCellState ? hNew + cNew : hNew
            }
        }
        for row in perStep { out += row }
        return out
    }

    func testEachKindMatchesPyTorchsEquationsComputedScalarByScalarOnRandomShapes() {
        var shapes = RandomGenerator(seed: 77)
        for trial in 0..<9 {
            let kind = [RecurrentKind.rnnTanh, .lstm, .gru][trial % 3]
            let (b, t, f, h) = (1 + shapes.nextInt(4), 1 + shapes.nextInt(7), 1 + shapes.nextInt(5), 1 + shapes.nextInt(5))
            let c = makeCase(kind, b: b, t: t, f: f, h: h, seed: UInt64(50 + trial))
            let got = run(kind, c.all)
            XCTAssertEqual(got.shape, [b, t, kind.hasCellState ? 2 * h : h], "\(kind)")
            let expected = scalarSequence(kind, c)
            XCTAssertEqual(expected.count, got.count)
            for (i, (a, e)) in zip(got.scalars, expected).enumerated() where abs(Double(a) - e) > 1e-5 {
                XCTFail("\(kind) element \(i): fused \(a), scalar equations \(e)"); break
            }
            let reference = run(kind, c.all, reference: true)
            assertClose(reference, got, tolerance: 1e-5)
        }
    }

    func testFusedOpEqualsStepByStepReferenceInValuesAndGradientsOnRandomShapes() {
        var shapes = RandomGenerator(seed: 2024)
        for trial in 0..<12 {
            let kind = [RecurrentKind.rnnTanh, .lstm, .gru][trial % 3]
            let (b, t, f, h) = (1 + shapes.nextInt(4), 1 + shapes.nextInt(6), 1 + shapes.nextInt(5), 1 + shapes.nextInt(5))
            let c = makeCase(kind, b: b, t: t, f: f, h: h, seed: UInt64(trial))
            var grads: [[Tensor?]] = []
            var outputs: [Tensor] = []
            for reference in [false, true] {
                var leaves = c.all
                for i in leaves.indices { leaves[i].requiresGrad = true }
                let out = run(kind, leaves, reference: reference)
                (out * weights(like: out, seed: UInt64(100 + trial))).sum().backward()
                outputs.append(out)
                grads.append(leaves.map(\.grad))
            }
            assertClose(outputs[0], outputs[1], tolerance: 1e-5)
            for (k, (fast, slow)) in zip(grads[0], grads[1]).enumerated() {
                if k == 2 && !kind.hasCellState { continue }
                guard let fast, let slow else { XCTFail("\(kind) [\(b), \(t), \(f)]→\(h): input \(k) got no gradient"); continue }
                assertClose(fast, slow, tolerance: 1e-4)
            }
        }
    }

    func testGradientsOfEveryInputMatchFiniteDifferences() {
        for kind in [RecurrentKind.rnnTanh, .lstm, .gru] {
            let c = makeCase(kind, b: 2, t: 3, f: 2, h: 3, seed: 11)
            let w = weights(like: run(kind, c.all), seed: 5)
            let inputs = kind.hasCellState ? c.all : [c.x, c.h0, c.wih, c.whh, c.bih, c.bhh]
            assertGradientsMatchFiniteDifferences(inputs, step: 1e-2, tolerance: 1e-2) { v in
                let all = kind.hasCellState ? v : [v[0], v[1], c.c0, v[2], v[3], v[4], v[5]]
                return (self.run(kind, all) * w).sum()
            }
        }
    }

    func testGradientReachesEveryTimeStepOfTheInput() {
        let c = makeCase(.lstm, b: 1, t: 5, f: 2, h: 2, seed: 3)
        var x = c.x; x.requiresGrad = true
        let out = Tensor.recurrentSequence(.lstm, input: x, initialHidden: c.h0, initialCell: c.c0,
                                           weightIH: c.wih, weightHH: c.whh, biasIH: c.bih, biasHH: c.bhh)
        out.slice(axis: 1, 4..<5).slice(axis: 2, 0..<2).sum().backward()   // the last h only
        let g = x.grad!
        for t in 0..<5 { XCTAssertGreaterThan(g.slice(axis: 1, t..<(t + 1)).abs().sum().item, 0, "step \(t)") }
    }

    func testWithoutBiasesTheOpStillMatchesItsReference() {
        let c = makeCase(.gru, b: 2, t: 3, f: 2, h: 2, seed: 9)
        let fast = Tensor.recurrentSequence(.gru, input: c.x, initialHidden: c.h0, weightIH: c.wih, weightHH: c.whh,
                                            biasIH: nil, biasHH: nil)
        let slow = Tensor.recurrentSequenceReference(.gru, input: c.x, initialHidden: c.h0, weightIH: c.wih,
                                                     weightHH: c.whh, biasIH: nil, biasHH: nil)
        assertClose(fast, slow, tolerance: 1e-5)
    }
}
