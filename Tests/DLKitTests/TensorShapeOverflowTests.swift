import DLKit
import Foundation
import XCTest

/// A shape whose element count cannot exist stops with a message naming the shape, not an illegal instruction
/// (`failureMessage` runs the op in a forked child, see ErrorMessageTests).
extension ErrorMessageTests {
    func testShapeWhoseElementCountOverflowsNamesTheShape() {
        let m = failureMessage { _ = Tensor.zeros([Int.max, 2]) }
        XCTAssertTrue(m.contains("zeros: shape [\(Int.max), 2] has more elements than can be counted"), m)
        let r = failureMessage {
            var rng = RandomGenerator(seed: 0)
            _ = Tensor.randn([1 << 32, 1 << 32], using: &rng)
        }
        XCTAssertTrue(r.contains("randn: shape [4294967296, 4294967296]") && r.contains("overflows"), r)
        let s = failureMessage { _ = Tensor(shape: [1 << 62, 4], scalars: []) }
        XCTAssertTrue(s.contains("Tensor(shape:scalars:): shape [4611686018427387904, 4]"), s)
    }

    func testShapeLargerThanTheMachinesMemorySaysHowMuchItNeeds() {
        // 2^40 floats are 4.4 TB: more than any machine that runs the tests.
        let m = failureMessage { _ = Tensor.ones([1 << 20, 1 << 20]) }
        XCTAssertTrue(m.contains("ones: shape [1048576, 1048576] has 1099511627776 elements, which need 4398.0 GB of memory"), m)
    }

    func testNonFiniteArangeIsAnErrorNotACrash() {
        let m = failureMessage { _ = Tensor.arange(0, .infinity) }
        XCTAssertTrue(m.contains("arange(0.0, inf, step: 1.0)") && m.contains("not finite"), m)
    }

    func testOrdinaryAndEmptyShapesStillWork() {
        XCTAssertEqual(Tensor.zeros([2, 3]).count, 6)
        XCTAssertEqual(Tensor.zeros([0, Int.max]).count, 0)
        XCTAssertEqual(Tensor.full([], 7).scalars, [7])
    }
}
