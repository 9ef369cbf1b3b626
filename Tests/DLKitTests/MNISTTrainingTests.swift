import XCTest
import Foundation
import DLKit

/// The multilayer perceptron of the course on real MNIST digits (the committed 300/100-image fixture).
final class MNISTTrainingTests: XCTestCase {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mnist-small")

    func load(_ images: String, _ labels: String) throws -> (Tensor, [Int]) {
        let x = try IDX.read(fixtures.appendingPathComponent(images))
        let y = try IDX.read(fixtures.appendingPathComponent(labels))
        let n = x.dimensions[0]
        let pixels = Tensor(shape: [n, 784], scalars: x.bytes.map { Float($0) / 255 })
        return (pixels, y.bytes.map(Int.init))
    }

    func testMultilayerPerceptronLearnsRealDigitsWellAboveChance() throws {
        let (trainX, trainY) = try load("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz")
        let (testX, testY) = try load("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")
        XCTAssertEqual(trainX.shape, [300, 784])
        var rng = RandomGenerator(seed: 42)
        // A narrower version of the course's 784-256-128-10 network keeps this test quick in debug builds.
        let model = Sequential(Linear(784, 64, using: &rng), ReLU(), Linear(64, 32, using: &rng), ReLU(),
                               Linear(32, 10, using: &rng))
        let before = model.evaluate(x: testX, labels: testY)
        let history = model.fit(x: trainX, labels: trainY, epochs: 15, batchSize: 32,
                                optimizer: Adam(model.parameters, learningRate: 1e-3), progress: .silent)
        let after = model.evaluate(x: testX, labels: testY)
        XCTAssertGreaterThan(history.accuracies.last!, 0.95, "fits its 300 training digits")
        XCTAssertGreaterThan(after.accuracy!, 0.7, "generalizes to unseen digits (chance is 0.1)")
        XCTAssertLessThan(after.loss, before.loss)
        let cm = confusionMatrix(predicted: model.predict(testX).argmax(axis: 1), actual: testY, classes: 10)
        XCTAssertEqual(cm.flatMap { $0 }.reduce(0, +), 100)
        XCTAssertEqual(Float((0..<10).map { cm[$0][$0] }.reduce(0, +)) / 100, after.accuracy!, accuracy: 1e-6)
    }
}
