import XCTest
import DLKit

/// Compares autograd's gradient of `f` at each input with central finite differences.
/// `f` must return a scalar tensor. The weighting by a fixed random tensor (inside callers) makes
/// every output element matter, so a wrong backward for any element shows up.
func assertGradientsMatchFiniteDifferences(
    _ inputs: [Tensor], step: Float = 1e-2, tolerance: Float = 2e-2,
    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor
) {
    var leaves = inputs
    for i in leaves.indices { leaves[i].requiresGrad = true }
    let out = f(leaves)
    XCTAssertEqual(out.count, 1, "gradient check needs a scalar function", file: file, line: line)
    out.backward()
    for (which, leaf) in leaves.enumerated() {
        guard let analytic = leaf.grad else { XCTFail("input \(which) got no gradient", file: file, line: line); continue }
        XCTAssertEqual(analytic.shape, leaf.shape, file: file, line: line)
        for i in 0..<leaf.count {
            func value(_ delta: Float) -> Double {
                var perturbed = inputs
                var s = perturbed[which].scalars
                s[i] += delta
                perturbed[which] = Tensor(shape: perturbed[which].shape, scalars: s)
                return Double(withoutGrad { f(perturbed) }.item)
            }
            let numeric = Float((value(step) - value(-step)) / Double(2 * step))
            let a = analytic.scalars[i]
            let scale = max(1, abs(numeric), abs(a))
            if abs(a - numeric) > tolerance * scale {
                XCTFail("input \(which) element \(i): autograd \(a), finite difference \(numeric)", file: file, line: line)
                return
            }
        }
    }
}

/// A deterministic weighting tensor so that `(f(x) * w).sum()` depends on every element of f(x) differently.
func weights(like t: Tensor, seed: UInt64 = 99) -> Tensor {
    var rng = RandomGenerator(seed: seed)
    return Tensor.uniform(t.shape, low: -1, high: 1, using: &rng)
}

func assertClose(_ a: Tensor, _ b: Tensor, tolerance: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.shape, b.shape, "shapes differ", file: file, line: line)
    guard a.shape == b.shape else { return }
    for i in 0..<a.count where abs(a.scalars[i] - b.scalars[i]) > tolerance * max(1, abs(b.scalars[i])) {
        XCTFail("element \(i): \(a.scalars[i]) vs \(b.scalars[i])", file: file, line: line)
        return
    }
}
