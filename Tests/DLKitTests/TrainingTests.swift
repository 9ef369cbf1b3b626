import XCTest
import Foundation
import DLKit

final class TrainingTests: XCTestCase {
    /// Two Gaussian blobs per class in 2-D, 3 classes: learnable, not trivially linear.
    func blobs(_ n: Int, seed: UInt64) -> (Tensor, [Int]) {
        var rng = RandomGenerator(seed: seed)
        let centers: [(Float, Float)] = [(0, 2), (2, -1), (-2, -1)]
        var xs: [Float] = [], ys: [Int] = []
        for i in 0..<n {
            let c = i % 3
            xs += [centers[c].0 + 0.5 * rng.normal(), centers[c].1 + 0.5 * rng.normal()]
            ys.append(c)
        }
        return (Tensor(shape: [n, 2], scalars: xs), ys)
    }

    func testFitLearnsSeparableClassesAndReportsEveryEpoch() {
        let (x, y) = blobs(600, seed: 1)
        let (vx, vy) = blobs(300, seed: 2)
        var rng = RandomGenerator(seed: 3)
        let model = Sequential(Linear(2, 16, using: &rng), ReLU(), Dropout(0.1, seed: 4), Linear(16, 3, using: &rng))
        var seen: [Int] = []
        let history = model.fit(x: x, labels: y, epochs: 8, batchSize: 32, optimizer: Adam(model.parameters, learningRate: 0.01),
                                validation: (vx, vy), progress: .silent) { seen.append($0.epoch) }
        XCTAssertEqual(seen, Array(1...8))
        XCTAssertEqual(history.epochs.count, 8)
        XCTAssertEqual(history.batchLosses.count, 8 * 19)   // ⌈600 / 32⌉ batches per epoch
        XCTAssertLessThan(history.losses.last!, history.losses.first!)
        XCTAssertGreaterThan(history.validationAccuracies.last!, 0.95)
        let eval = model.evaluate(x: vx, labels: vy)
        XCTAssertEqual(eval.accuracy!, history.validationAccuracies.last!, accuracy: 1e-6)
        // evaluate restores training mode; predict agrees with evaluate.
        XCTAssertTrue(model.isTraining)
        XCTAssertEqual(accuracy(logits: model.predict(vx), labels: vy), eval.accuracy!, accuracy: 1e-6)
    }

    func testFitIsDeterministicForAGivenSeed() {
        let (x, y) = blobs(90, seed: 5)
        func run() -> [Float] {
            var rng = RandomGenerator(seed: 6)
            let model = Sequential(Linear(2, 8, using: &rng), Tanh(), Linear(8, 3, using: &rng))
            return model.fit(x: x, labels: y, epochs: 3, batchSize: 10, optimizer: SGD(model.parameters, learningRate: 0.1),
                             shuffleSeed: 7, progress: .silent).batchLosses
        }
        XCTAssertEqual(run(), run())
    }

    func testRegressionWithMSELearnsXOR() {
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), t = Tensor([[0], [1], [1], [0]])
        var rng = RandomGenerator(seed: 8)
        let model = Sequential(Linear(2, 8, using: &rng), Tanh(), Linear(8, 1, using: &rng))
        let h = model.fit(x: x, targets: t, epochs: 500, batchSize: 4, optimizer: Adam(model.parameters, learningRate: 0.05),
                          progress: .silent)
        XCTAssertNil(h.epochs.last!.accuracy)
        XCTAssertLessThan(h.losses.last!, 0.01)
        let out = model(x).scalars
        for (o, e) in zip(out, [Float(0), 1, 1, 0]) { XCTAssertEqual(o, e, accuracy: 0.2) }
    }

    func testBinaryCrossEntropyFitReportsThresholdAccuracy() {
        let (x, y) = blobs(300, seed: 9)
        let binary = y.map { $0 == 0 ? 1 : 0 }
        var rng = RandomGenerator(seed: 10)
        let model = Sequential(Linear(2, 1, using: &rng))
        let h = model.fit(x: x, targets: Tensor(ints: binary).reshaped([-1, 1]), epochs: 20, batchSize: 30,
                          optimizer: Adam(model.parameters, learningRate: 0.05), loss: .binaryCrossEntropyWithLogits, progress: .silent)
        XCTAssertGreaterThan(h.accuracies.last!, 0.97)
    }

    func testAccuracyAndConfusionMatrixByHand() {
        let logits = Tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
        XCTAssertEqual(accuracy(logits: logits, labels: [1, 0, 0, 0]), 0.75)
        XCTAssertEqual(confusionMatrix(predicted: logits.argmax(axis: 1), actual: [1, 0, 0, 0], classes: 2), [[2, 1], [0, 1]])
    }

    func testWithoutATerminalFitWritesOneLinePerEpochToStandardError() {
        let (x, y) = blobs(60, seed: 11)
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        let pid = fork()
        if pid == 0 {
            close(fds[0]); dup2(fds[1], 2)
            var rng = RandomGenerator(seed: 12)
            let model = Sequential(Linear(2, 3, using: &rng))
            model.fit(x: x, labels: y, epochs: 3, batchSize: 20, optimizer: SGD(model.parameters, learningRate: 0.1))
            _exit(0)
        }
        close(fds[1])
        var data = [UInt8](), buffer = [UInt8](repeating: 0, count: 4096)
        while case let n = read(fds[0], &buffer, buffer.count), n > 0 { data += buffer[0..<n] }
        close(fds[0])
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, 3, "\(lines)")
        XCTAssertTrue(lines.first?.hasPrefix("Epoch 1/3: loss ") ?? false, "\(lines)")
        XCTAssertTrue(lines.allSatisfy { $0.contains("accuracy") && !$0.contains("\r") }, "\(lines)")
    }

    func testEpochMetricsDescriptionIsReadable() {
        let m = EpochMetrics(epoch: 2, loss: 0.123456, accuracy: 0.9876, validationLoss: nil, validationAccuracy: nil, seconds: 1.234)
        XCTAssertEqual(m.description, "epoch 2: loss 0.1235, accuracy 98.76 %, 1.23 s")
    }
}
