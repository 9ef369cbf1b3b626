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

    func testNoFailureGivesNoMessage() {
        XCTAssertEqual(failureMessage { _ = Tensor.zeros([2, 3]) + Tensor.zeros([3]) }, "")
    }
}
