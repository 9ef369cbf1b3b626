import Foundation
import Lessons
import XCTest

/// `memo(name, model:) { train … }` in real lesson programs: a hit loads weights and result without training,
/// and any change to the name, the code up to the cell or the model's shapes trains again.
final class MemoTrainingTests: XCTestCase {
    /// A lesson that trains a tiny model with memo. The work prints "TRAINING" only when it really runs; the
    /// second cell prints the weights the model holds afterwards (trained, or loaded).
    private func body(name: String = "tiny", setup: String = "let x = Tensor([[1, 2], [3, 4]])",
                      later: String = "print(\"plot\")") -> String {
        """
        ```swift
        \(setup)
        var rng = RandomGenerator(seed: CourseProgram.seed)
        let model = Sequential(Linear(2, 1, using: &rng))
        let losses = memo("\(name)", model: model) { () -> [Float] in
            print("TRAINING")
            let opt = SGD(model.parameters, learningRate: 0.05)
            var out: [Float] = []
            for _ in 0..<20 {
                opt.zeroGrad()
                let loss = (model(x) - Tensor([[1], [2]])).square().mean()
                loss.backward(); opt.step()
                out.append(loss.item)
            }
            return out
        }
        print("losses", losses.count, losses.last!)
        ```

        ```swift
        \(later)
        print("weights", model.namedParameters.map { $0.parameter.value.scalars })
        ```
        """
    }

    private func weightsLine(_ text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix("weights") }.map(String.init)
    }

    func testAHitLoadsTheWeightsAndResultWithoutTraining() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let first = try fixture.runner.run(try fixture.lesson(body()))
        XCTAssertTrue(first.cells[0].text.contains("TRAINING"), first.cells[0].text)
        XCTAssertTrue(first.cells[0].text.contains("tiny: trained in"), first.cells[0].text)
        XCTAssertTrue(first.cells[0].text.contains(", saved"), first.cells[0].text)

        // Editing a later cell re-runs the program, but the training is loaded.
        let second = try fixture.runner.run(try fixture.lesson(body(later: "print(\"replot\")")))
        XCTAssertFalse(second.fromCache)
        XCTAssertFalse(second.cells[0].text.contains("TRAINING"), second.cells[0].text)
        XCTAssertTrue(second.cells[0].text.contains("tiny: loaded from the cache (trained earlier)"), second.cells[0].text)
        // The stored result and the trained weights come back exactly.
        let lossLine = { (t: String) in t.split(separator: "\n").first { $0.hasPrefix("losses") } }
        XCTAssertEqual(lossLine(second.cells[0].text), lossLine(first.cells[0].text))
        XCTAssertNotNil(weightsLine(first.cells[1].text))
        XCTAssertEqual(weightsLine(second.cells[1].text), weightsLine(first.cells[1].text))
    }

    func testTheLoadedWeightsAreTheTrainedOnesNotTheInitialOnes() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let first = try fixture.runner.run(try fixture.lesson(body()))
        // The same model without training (memo never called) has other weights: the hit really loaded them.
        let untrained = try fixture.runner.run(try fixture.lesson(body(name: "tiny").replacingOccurrences(
            of: "let losses = memo(\"tiny\", model: model) { () -> [Float] in", with: "let losses: [Float] = [0]; _ = { () -> [Float] in")))
        XCTAssertNotEqual(weightsLine(untrained.cells[1].text), weightsLine(first.cells[1].text))
    }

    func testChangedCodeAboveOrAnotherNameTrainsAgain() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        _ = try fixture.runner.run(try fixture.lesson(body()))
        let changedData = try fixture.runner.run(try fixture.lesson(body(setup: "let x = Tensor([[1, 2], [3, 5]])")))
        XCTAssertTrue(changedData.cells[0].text.contains("TRAINING"), changedData.cells[0].text)
        let renamed = try fixture.runner.run(try fixture.lesson(body(name: "tiny-2")))
        XCTAssertTrue(renamed.cells[0].text.contains("TRAINING"), renamed.cells[0].text)
        XCTAssertTrue(renamed.cells[0].text.contains("tiny-2: trained in"), renamed.cells[0].text)
    }

    func testADamagedEntryTrainsAgainInsteadOfCrashing() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        _ = try fixture.runner.run(try fixture.lesson(body()))
        let memoFolder = fixture.root.appendingPathComponent(".course-cache/memo")
        let files = try FileManager.default.contentsOfDirectory(atPath: memoFolder.path)
        let weights = try XCTUnwrap(files.first { $0.hasPrefix("tiny-") && $0.hasSuffix(".safetensors") }, "\(files)")
        XCTAssertTrue(files.contains { $0.hasPrefix("tiny-") && $0.hasSuffix(".json") }, "\(files)")
        try Data("not a safetensors file".utf8).write(to: memoFolder.appendingPathComponent(weights))
        let again = try fixture.runner.run(try fixture.lesson(body(later: "print(\"replot\")")))
        XCTAssertTrue(again.cells[0].text.contains("TRAINING"), again.cells[0].text)
        XCTAssertNil(again.cells[0].error)
    }
    func testFitMetricsSurviveTheCacheUnchanged() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let body = """
            ```swift
            var rng = RandomGenerator(seed: CourseProgram.seed)
            let model = Sequential(Linear(2, 2, using: &rng))
            let x = Tensor([[0, 1], [1, 0], [1, 1], [0, 0]])
            let epochs = memo("fit", model: model) {
                model.fit(x: x, labels: [0, 1, 1, 0], epochs: 3, batchSize: 2, optimizer: Adam(model.parameters),
                          validation: (x, [0, 1, 1, 0]), progress: .silent).epochs
            }
            ```

            ```swift
            // PLOT
            for e in epochs { print(e.epoch, e.loss, e.accuracy!, e.validationLoss!, e.validationAccuracy!, e.seconds) }
            ```
            """
        let first = try fixture.runner.run(try fixture.lesson(body))
        XCTAssertTrue(first.cells[0].text.contains("fit: trained in"), first.cells[0].text)
        XCTAssertEqual(first.cells[1].text.split(separator: "\n").count, 3, first.cells[1].text)
        let second = try fixture.runner.run(try fixture.lesson(body.replacingOccurrences(of: "// PLOT", with: "// REPLOT")))
        XCTAssertTrue(second.cells[0].text.contains("fit: loaded from the cache"), second.cells[0].text)
        XCTAssertEqual(second.cells[1].text, first.cells[1].text)
    }
}
