import XCTest
import DLKit

/// maxPool2D, avgPool2D and globalAvgPool2D as differentiable Tensor ops.
final class PoolOpTests: XCTestCase {
    func testMaxPoolOpRoutesTheGradientToTheWinners() {
        var x = Tensor([[[[1, 1, 2, 4],
                          [5, 6, 7, 8],
                          [3, 2, 1, 0],
                          [1, 2, 3, 4]]]])
        x.requiresGrad = true
        let y = maxPool2D(x, kernel: 2)
        XCTAssertEqual(y.shape, [1, 1, 2, 2])
        XCTAssertEqual(y.scalars, [6, 8, 3, 4])
        y.backward(gradient: Tensor(shape: [1, 1, 2, 2], scalars: [10, 20, 30, 40]))
        XCTAssertEqual(x.grad!.scalars, [0, 0, 0, 0,
                                         0, 10, 0, 20,
                                         30, 0, 0, 0,
                                         0, 0, 0, 40])
    }

    func testAvgPoolOpSpreadsTheGradientEvenly() {
        var x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])
        x.requiresGrad = true
        let y = avgPool2D(x, kernel: 2)
        XCTAssertEqual(y.scalars, [3.5, 5.5])
        y.backward(gradient: Tensor(shape: [1, 1, 1, 2], scalars: [4, 8]))
        XCTAssertEqual(x.grad!.scalars, [1, 1, 2, 2, 1, 1, 2, 2])
    }

    func testGlobalAveragePoolGivesOneMeanPerChannel() {
        var x = Tensor(shape: [2, 2, 1, 3], scalars: [1, 2, 3, 10, 20, 30, -3, 0, 3, 6, 6, 6])
        x.requiresGrad = true
        let y = globalAvgPool2D(x)
        XCTAssertEqual(y.shape, [2, 2])
        XCTAssertEqual(y.scalars, [2, 20, 0, 6])
        y.backward(gradient: Tensor(shape: [2, 2], scalars: [3, 6, 9, 12]))
        XCTAssertEqual(x.grad!.scalars, [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4])
    }

    func testPoolOpsAcceptOneUnbatchedImage() {
        let x = Tensor(shape: [2, 4, 4], scalars: (0..<32).map(Float.init))
        XCTAssertEqual(maxPool2D(x, kernel: 2).shape, [2, 2, 2])
        XCTAssertEqual(maxPool2D(x, kernel: 2).scalars, [5, 7, 13, 15, 21, 23, 29, 31])
        XCTAssertEqual(avgPool2D(x, kernel: 4).scalars, [7.5, 23.5])
    }

    func testBadPoolingShapesNameTheInput() {
        XCTAssertThrowsError(try Pool2DGeometry(input: [1, 3, 1, 1], kernel: 2, op: "maxPool2D")) {
            XCTAssertTrue("\($0)".hasPrefix("maxPool2D: window 2×2 is larger"), "\($0)")
            XCTAssertTrue("\($0)".hasSuffix("input [1, 3, 1, 1]"), "\($0)")
        }
    }

    func testReferencePoolingOpsGiveTheSameValuesAsTheFastOps() {
        var rng = ConvTestRandom(seed: 23)
        let x = Tensor(shape: [2, 3, 9, 8], scalars: rng.floats(432))
        XCTAssertEqual(maxPool2DReference(x, kernel: 3, stride: 2, padding: 1), maxPool2D(x, kernel: 3, stride: 2, padding: 1))
        XCTAssertEqual(avgPool2DReference(x, kernel: 2), avgPool2D(x, kernel: 2))
        XCTAssertEqual(maxPool2DReference(Tensor([[[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]]]), kernel: 2).scalars,
                       [6, 8, 3, 4])
    }
}
