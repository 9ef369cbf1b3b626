import Foundation
import Lessons
import XCTest

/// Long loops report their progress over the lesson wire: `fit` batch by batch, any loop through `progress(…)`.
/// The terminal sees it; the stored results (and so the site) do not.
final class ProgressTests: XCTestCase {
    func testFitAndProgressReportOverTheWireButNotIntoTheResults() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let lesson = try fixture.lesson("""
            ```swift
            var rng = RandomGenerator(seed: 1)
            let x = Tensor.randn([256, 4], using: &rng)
            let labels = (0..<256).map { $0 % 2 }
            let model = Sequential(Linear(4, 2, using: &rng))
            let history = model.fit(x: x, labels: labels, epochs: 2, batchSize: 32, optimizer: Adam(model.parameters))
            print("epochs", history.epochs.count)
            for step in 1...5 { progress("search", done: step, total: 5, metrics: ["best": Double(step)]) }
            ```
            """)
        var reports: [ProgressReport] = []
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false)) { event in
            if case .progress(_, let report) = event { reports.append(report) }
        }
        XCTAssertEqual(result.cells[0].text, "epochs 2\n", "nothing of the progress is in the cell's output")
        XCTAssertFalse(result.cells[0].outputs.contains { if case .stderr = $0 { return true } else { return false } },
                       "fit wrote nothing to stderr")
        let finished = reports.filter(\.finished)
        XCTAssertEqual(finished.map(\.label), ["epoch 1/2", "epoch 2/2", "search"])
        XCTAssertEqual(finished[0].done, 8)
        XCTAssertEqual(finished[0].total, 8, "256 samples in batches of 32")
        XCTAssertEqual(finished[0].metrics.map(\.name), ["loss", "accuracy"])
        XCTAssertNotNil(finished[0].rate)
        XCTAssertEqual(finished[2].metrics, [.init(name: "best", value: 5)])
        // The terminal draws it: label, bar, count, metrics.
        let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: fixture.environment.outputsDirectory, color: false)
        XCTAssertTrue(formatter.progressLine(finished[2]).hasPrefix("search [==============================] 5/5  best 5"),
                      formatter.progressLine(finished[2]))
    }
}
