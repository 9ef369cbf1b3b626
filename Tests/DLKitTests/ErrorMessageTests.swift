import XCTest
import Foundation
import DLKit

/// Misuse must stop with a message that names the shapes. The op runs in a forked child (a fatal error
/// ends the process); the parent reads what the child wrote to standard error.
final class ErrorMessageTests: XCTestCase {
    func failureMessage(_ body: () -> Void) -> String {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return "pipe failed" }
        let pid = fork()
        if pid == 0 {
            close(fds[0])
            dup2(fds[1], 2)
            body()
            _exit(0)   // no failure: the parent sees an empty message
        }
        close(fds[1])
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = read(fds[0], &buffer, buffer.count)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let text = String(decoding: data, as: UTF8.self)
        // Keep only the "Fatal error: …" line.
        return text.split(separator: "\n").first { $0.contains("Fatal error") }.map(String.init) ?? text
    }

    func testMatmulNamesBothShapesAndTheInnerDimensions() {
        let m = failureMessage { _ = Tensor.zeros([3, 4]).matmul(Tensor.zeros([5, 2])) }
        XCTAssertTrue(m.contains("matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ"), m)
    }

    func testBroadcastingFailureNamesBothShapes() {
        let m = failureMessage { _ = Tensor.zeros([2, 3]) + Tensor.zeros([4]) }
        XCTAssertTrue(m.contains("[2, 3]") && m.contains("[4]") && m.contains("broadcast"), m)
    }

    func testReshapeFailureNamesCounts() {
        let m = failureMessage { _ = Tensor.zeros([2, 3]).reshaped([4, 2]) }
        XCTAssertTrue(m.contains("[2, 3]") && m.contains("[4, 2]") && m.contains("6"), m)
    }

    func testLinearLayerSuggestsFlatteningImages() {
        var rng = RandomGenerator(seed: 0)
        let layer = Linear(784, 10, using: &rng)
        let m = failureMessage { _ = layer(Tensor.zeros([2, 1, 28, 28])) }
        XCTAssertTrue(m.contains("[2, 1, 28, 28]") && m.contains("784") && m.contains("flatten"), m)
    }

    func testCrossEntropyRejectsLabelOutOfRangeAndCountMismatch() {
        let m1 = failureMessage { _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: [0, 3]) }
        XCTAssertTrue(m1.contains("label 3") && m1.contains("0..<3"), m1)
        let m2 = failureMessage { _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: [0]) }
        XCTAssertTrue(m2.contains("2 rows") && m2.contains("1 labels"), m2)
    }

    func testBackwardOnNonScalarAndOnConstants() {
        let m1 = failureMessage {
            var x = Tensor([1, 2]); x.requiresGrad = true
            (x * 2).backward()
        }
        XCTAssertTrue(m1.contains("[2]") && m1.contains(".sum()"), m1)
        let m2 = failureMessage { Tensor([1, 2]).sum().backward() }
        XCTAssertTrue(m2.contains("requiresGrad"), m2)
    }

    func testIndexOutOfRangeAndShapeLiteralMismatch() {
        let m1 = failureMessage { _ = Tensor([[1, 2], [3, 4]])[2] }
        XCTAssertTrue(m1.contains("index 2") && m1.contains("[2, 2]"), m1)
        let m2 = failureMessage { _ = Tensor(shape: [2, 2], scalars: [1, 2, 3]) }
        XCTAssertTrue(m2.contains("[2, 2] needs 4 scalars, got 3"), m2)
        let m3 = failureMessage { _ = Tensor([[1, 2], [3]]) }
        XCTAssertTrue(m3.contains("row 1 has 1 values"), m3)
    }

    func testASecondBackwardThroughAFreedGraphExplainsRetainGraph() {
        let m = failureMessage {
            var x = Tensor([1, 2]); x.requiresGrad = true
            let y = (x * x).sum()
            y.backward()
            y.backward()
        }
        XCTAssertTrue(m.contains("retainGraph"), m)
    }

    func testCrossEntropyWithMoreLogitRowsThanLabelsNamesBothSizes() {
        let m = failureMessage { _ = crossEntropy(logits: Tensor.zeros([64, 10]), labels: Array(repeating: 1, count: 32)) }
        XCTAssertTrue(m.contains("64 rows of logits [64, 10]") && m.contains("32 labels [32]"), m)
    }

    func testCrossEntropyExplainsOneHotAndFractionalLabelTensors() {
        let m1 = failureMessage { _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: Tensor.oneHot([0, 2], classes: 3)) }
        XCTAssertTrue(m1.contains("labels [2, 3]") && m1.contains("argmax(axis: 1)"), m1)
        let m2 = failureMessage { _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: Tensor([1, 1.5])) }
        XCTAssertTrue(m2.contains("1.5") && m2.contains("not a class index"), m2)
        let m3 = failureMessage { _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: Tensor([1, .nan])) }
        XCTAssertTrue(m3.contains("nan") && m3.contains("not a class index"), m3)
    }

    func testMSEWithDifferentShapesNamesBothAndSuggestsAReshapeWhenCountsAgree() {
        let m1 = failureMessage { _ = mseLoss(Tensor.zeros([4, 1]), Tensor.zeros([4])) }
        XCTAssertTrue(m1.contains("prediction [4, 1]") && m1.contains("target [4]") && m1.contains("reshaped([4, 1])"), m1)
        let m2 = failureMessage { _ = mseLoss(Tensor.zeros([4, 2]), Tensor.zeros([3])) }
        XCTAssertTrue(m2.contains("[4, 2]") && m2.contains("[3]") && !m2.contains("reshaped"), m2)
    }

    func testTrainingLossesNameTheOutputAndTargetShapesInsteadOfAReshape() {
        let m1 = failureMessage { _ = Loss.mse(Tensor.zeros([4, 1]), .values(Tensor.zeros([3]))) }
        XCTAssertTrue(m1.contains("mse loss") && m1.contains("output [4, 1]") && m1.contains("targets [3]"), m1)
        let m2 = failureMessage { _ = Loss.binaryCrossEntropy(Tensor.full([4, 1], 0.5), .labels([0, 1])) }
        XCTAssertTrue(m2.contains("binaryCrossEntropy loss") && m2.contains("[4, 1]") && m2.contains("[2]"), m2)
        let m3 = failureMessage { _ = Loss.crossEntropy(Tensor.zeros([4, 3]), .values(Tensor.zeros([4, 2]))) }
        XCTAssertTrue(m3.contains("[4, 2]") && m3.contains("[4, 3]"), m3)
    }

    func testTrainingLossesStillAcceptTargetsThatOnlyDifferByAUnitAxis() {
        // mean((0 − [1, 2, 3, 4])²) = (1 + 4 + 9 + 16)/4 = 7.5
        XCTAssertEqual(Loss.mse(Tensor.zeros([4, 1]), .values(Tensor([1, 2, 3, 4]))).item, 7.5)
        XCTAssertEqual(Loss.mse(Tensor.zeros([4, 1]), .labels([1, 2, 3, 4])).item, 7.5)
    }

    func testConvLayerWithTheWrongChannelCountNamesBothShapes() {
        var rng = RandomGenerator(seed: 0)
        let conv = Conv2D(in: 1, out: 4, kernel: 3, using: &rng)
        let m = failureMessage { _ = conv(Tensor.zeros([2, 3, 8, 8])) }
        XCTAssertTrue(m.contains("[2, 3, 8, 8]") && m.contains("[4, 1, 3, 3]"), m)
    }

    func testSummaryWithABatchAxisOtherThanOneNamesSummaryAndSuggestsTheSampleShape() {
        var rng = RandomGenerator(seed: 0)
        let model = Sequential(Conv2D(in: 1, out: 4, kernel: 3, using: &rng), ReLU())
        let m = failureMessage { _ = model.summary(inputShape: [64, 1, 28, 28]) }
        XCTAssertTrue(m.contains("summary(inputShape:) takes one sample's shape, without the batch axis; got [64, 1, 28, 28]")
                      && m.contains("did you mean [1, 28, 28]?"), m)
        let m2 = failureMessage { _ = model.summary(inputShape: [3, 32, 32]) }
        XCTAssertTrue(m2.contains("got [3, 32, 32]") && m2.contains("takes 1 input channel,") && m2.contains("has 3"), m2)
        let m3 = failureMessage { _ = model.summary(inputShape: [32, 32]) }
        XCTAssertTrue(m3.contains("got [32, 32]") && m3.contains("[channels, height, width]"), m3)
    }

    func testSummaryOfAnMLPGivenAnImageShapeSuggestsFlatten() {
        var rng = RandomGenerator(seed: 0)
        let model = Sequential(Linear(784, 10, using: &rng))
        let m = failureMessage { _ = model.summary(inputShape: [1, 28, 28]) }
        XCTAssertTrue(m.contains("summary(inputShape:)") && m.contains("[1, 28, 28]") && m.contains("[784]")
                      && m.contains("Flatten()"), m)
        let m2 = failureMessage { _ = model.summary(inputShape: [100]) }
        XCTAssertTrue(m2.contains("got [100]") && m2.contains("takes 784 features"), m2)
    }

    func testSummaryRejectsEmptyAndNonPositiveShapes() {
        let model = Sequential(ReLU())
        XCTAssertTrue(failureMessage { _ = model.summary(inputShape: []) }.contains("at least one size"))
        XCTAssertTrue(failureMessage { _ = model.summary(inputShape: [3, 0]) }.contains("positive, not 0"))
    }

    func testAnAxisOutOfRangeNamesTheRankAndTheValidAxes() {
        let m = failureMessage { _ = Tensor.zeros([2, 3]).softmax(axis: 2) }
        XCTAssertTrue(m.contains("softmax: axis 2 is out of range for a tensor of rank 2 (shape [2, 3])")
                      && m.contains("0...1 or -2...-1"), m)
        // unsqueezed may insert at rank + 1 places: the message counts those, yet names the tensor's own rank.
        let u = failureMessage { _ = Tensor.zeros([2, 3]).unsqueezed(axis: 5) }
        XCTAssertTrue(u.contains("rank 2 (shape [2, 3])") && u.contains("0...2 or -3...-1"), u)
    }

    func testNoFailureGivesNoMessage() {
        XCTAssertEqual(failureMessage { _ = Tensor.zeros([2, 3]) + Tensor.zeros([3]) }, "")
    }
}
