import XCTest
import Foundation
import DLKit

final class TensorTests: XCTestCase {
    func testNestedLiteralsAreRowMajor() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.shape, [2, 3])
        XCTAssertEqual(m.scalars, [1, 2, 3, 4, 5, 6])
        let t = Tensor([[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]])
        XCTAssertEqual(t.shape, [2, 1, 2, 2])
        XCTAssertEqual(t.scalar(at: [1, 0, 1, 0]), 7)
    }

    func testCopiesAreIndependent() {
        let a = Tensor([1, 2, 3])
        var b = a
        b[0] = Tensor(10)
        XCTAssertEqual(a.scalars, [1, 2, 3])
        XCTAssertEqual(b.scalars, [10, 2, 3])
    }

    func testSameSeedGivesSameNumbersAndDifferentSeedsDiffer() {
        var r1 = RandomGenerator(seed: 7), r2 = RandomGenerator(seed: 7), r3 = RandomGenerator(seed: 8)
        let a = Tensor.randn([100], using: &r1), b = Tensor.randn([100], using: &r2), c = Tensor.randn([100], using: &r3)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }

    func testNormalDeviatesHaveUnitVarianceAndUniformStaysInRange() {
        var rng = RandomGenerator(seed: 1)
        let z = Tensor.randn([20000], using: &rng)
        XCTAssertEqual(z.mean().item, 0, accuracy: 0.03)
        XCTAssertEqual(z.square().mean().item, 1, accuracy: 0.04)
        let u = Tensor.uniform([10000], low: -2, high: 3, using: &rng)
        XCTAssertGreaterThanOrEqual(u.scalars.min()!, -2)
        XCTAssertLessThan(u.scalars.max()!, 3)
        XCTAssertEqual(u.mean().item, 0.5, accuracy: 0.06)
    }

    func testShuffleIsAPermutation() {
        var rng = RandomGenerator(seed: 3)
        let p = rng.permutation(50)
        XCTAssertEqual(p.sorted(), Array(0..<50))
        XCTAssertNotEqual(p, Array(0..<50))
    }

    func testBroadcastingAddsRowToEveryRowAndColumnToEveryColumn() {
        let m = Tensor([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual((m + Tensor([10, 20, 30])).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual((m * Tensor([[2], [3]])).scalars, [2, 4, 6, 12, 15, 18])
        let outer = Tensor([[1], [2]]) - Tensor([1, 2, 3])   // [2,1] - [3] → [2,3]
        XCTAssertEqual(outer.shape, [2, 3])
        XCTAssertEqual(outer.scalars, [0, -1, -2, 1, 0, -1])
        XCTAssertEqual((2 / Tensor([1, 4])).scalars, [2, 0.5])
        XCTAssertEqual((Tensor([1, 4]) - 1).scalars, [0, 3])
    }

    func testMapAppliesAClosureWithoutGradientHistory() {
        var x = Tensor([-1, 0.5, 2]); x.requiresGrad = true
        let step = x.map { $0 > 0 ? 1 : 0 }
        XCTAssertEqual(step.scalars, [0, 1, 1])
        XCTAssertFalse(step.requiresGrad)
    }

    func testReductionsAlongAxes() {
        let m = Tensor([[1, 5, 3], [4, 2, 6]])
        XCTAssertEqual(m.sum().item, 21)
        XCTAssertEqual(m.sum(axis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(m.sum(axis: 1).scalars, [9, 12])
        XCTAssertEqual(m.sum(axis: -1, keepDims: true).shape, [2, 1])
        XCTAssertEqual(m.mean(axis: 1).scalars, [3, 4])
        XCTAssertEqual(m.max(axis: 1).scalars, [5, 6])
        XCTAssertEqual(m.max(axis: 0).scalars, [4, 5, 6])
        XCTAssertEqual(m.argmax(axis: 1), [1, 2])
        XCTAssertEqual(m.argmax(axis: 0), [1, 0, 1])
        XCTAssertEqual(m.argmax(), 5)
        XCTAssertEqual(Tensor([1, 3]).variance(axis: 0).item, 1)
    }

    func testShapeOps() {
        let x = Tensor.arange(0, 6)
        let m = x.reshaped([2, -1])
        XCTAssertEqual(m.shape, [2, 3])
        XCTAssertEqual(m.transposed().scalars, [0, 3, 1, 4, 2, 5])
        let t = Tensor.arange(0, 24).reshaped([2, 3, 4])
        let p = t.permuted([2, 0, 1])
        XCTAssertEqual(p.shape, [4, 2, 3])
        XCTAssertEqual(p.scalar(at: [3, 1, 2]), t.scalar(at: [1, 2, 3]))
        XCTAssertEqual(Tensor.concat([m, m * 10], axis: 1).scalars, [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
        XCTAssertEqual(Tensor.concat([m, m], axis: 0).shape, [4, 3])
        XCTAssertEqual(Tensor.stack([x, x]).shape, [2, 6])
        XCTAssertEqual(Tensor.zeros([2, 1, 3, 1]).squeezed().shape, [2, 3])
        XCTAssertEqual(Tensor.zeros([2, 1, 28, 28]).flattened().shape, [2, 784])
        XCTAssertEqual(m[1].scalars, [3, 4, 5])
        XCTAssertEqual(m[-1, -1].item, 5)
        XCTAssertEqual(t[1..<2].shape, [1, 3, 4])
        XCTAssertEqual(m.slice(axis: 1, 1..<3).scalars, [1, 2, 4, 5])
        XCTAssertEqual(m.rows([1, 0, 1]).scalars, [3, 4, 5, 0, 1, 2, 3, 4, 5])
    }

    func testMatmulMatchesTheReferenceLoopForEveryTransposeCombination() {
        var rng = RandomGenerator(seed: 5)
        let a = Tensor.randn([7, 5], using: &rng), b = Tensor.randn([5, 3], using: &rng)
        let expected = Tensor.matmulReference(a, b)
        assertClose(a.matmul(b), expected, tolerance: 1e-4)
        assertClose(a.transposed().matmul(b, transposeSelf: true), expected, tolerance: 1e-4)
        assertClose(a.matmul(b.transposed(), transposeOther: true), expected, tolerance: 1e-4)
        assertClose(a.transposed().matmul(b.transposed(), transposeSelf: true, transposeOther: true), expected, tolerance: 1e-4)
        // A hand-computed product.
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).matmul(Tensor([[5, 6], [7, 8]])).scalars, [19, 22, 43, 50])
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).matmul(Tensor([1, 1])).scalars, [3, 7])
    }

    func testMatmulOfLargeRandomMatricesMatchesReference() {
        var rng = RandomGenerator(seed: 6)
        let a = Tensor.randn([130, 70], using: &rng), b = Tensor.randn([70, 90], using: &rng)
        assertClose(a.matmul(b), Tensor.matmulReference(a, b), tolerance: 1e-3)
    }

    func testPrintingShowsValuesAndShape() {
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).description, "[[1., 2.],\n [3., 4.]]  shape [2, 2]")
        XCTAssertEqual(Tensor([0.5, -1.25]).description, "[ 0.5000, -1.2500]  shape [2]")
        XCTAssertEqual(Tensor(3).description, "3.  shape []")
        let big = Tensor.arange(0, 2000).reshaped([40, 50]).description
        XCTAssertTrue(big.contains("..."), big)
        XCTAssertTrue(big.hasSuffix("shape [40, 50]"))
        XCTAssertTrue(big.contains("1999."))
        XCTAssertFalse(big.contains("1000."))
        XCTAssertLessThan(big.count, 400)
        // The format comes from the shown values: a huge tensor prints quickly.
        let start = Date()
        let huge = Tensor.zeros([60_000, 784]).description
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
        XCTAssertTrue(huge.hasPrefix("[[0., 0., 0., ..., 0., 0., 0.],"), huge)
    }
}
