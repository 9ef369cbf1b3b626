import XCTest
import DLKit

final class EarlyStoppingTests: XCTestCase {
    func testStopsAfterPatienceEpochsWithoutImprovementAndRemembersTheBestEpoch() {
        var stopper = EarlyStopping(patience: 2)
        let losses: [Float] = [0.9, 0.7, 0.75, 0.6, 0.65, 0.61, 0.5]
        var stoppedAt: Int?
        for (i, loss) in losses.enumerated() where stoppedAt == nil {
            if stopper.shouldStop(validationLoss: loss, epoch: i + 1) { stoppedAt = i + 1 }
        }
        XCTAssertEqual(stoppedAt, 6)            // epochs 5 and 6 do not beat 0.6 (epoch 4)
        XCTAssertEqual(stopper.bestEpoch, 4)
        XCTAssertEqual(stopper.bestLoss, 0.6)
        XCTAssertFalse(stopper.improved)
    }

    func testAnImprovementSmallerThanMinDeltaDoesNotCount() {
        var stopper = EarlyStopping(patience: 1, minDelta: 0.05)
        XCTAssertFalse(stopper.shouldStop(validationLoss: 1.0, epoch: 1))
        XCTAssertTrue(stopper.improved)
        XCTAssertTrue(stopper.shouldStop(validationLoss: 0.97, epoch: 2))
        XCTAssertEqual(stopper.bestEpoch, 1)
    }
}
