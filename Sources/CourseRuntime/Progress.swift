import CourseWire
import DLKit
import Foundation

/// Reports how far a long loop got; `course run` draws it as a bar that redraws in place (one line per loop when
/// its output is not a terminal), the site shows nothing of it. `fit` reports through the same call.
///
///     for step in 1...steps {
///         train(step)
///         progress("search", done: step, total: steps, metrics: ["loss": loss])
///     }
public func progress(_ label: String, done: Int, total: Int, metrics: KeyValuePairs<String, Double> = [:],
                     rate: Double? = nil) {
    ProgressThrottle.shared.report(ProgressReport(
        label: label, done: done, total: total, metrics: metrics.map { .init(name: $0.key, value: $0.value) },
        rate: rate, elapsed: ProgressThrottle.shared.elapsed(for: label, done: done), finished: done >= total))
}

/// At most ten reports a second reach the wire, and always the last one of a loop.
final class ProgressThrottle: @unchecked Sendable {
    static let shared = ProgressThrottle()
    private let lock = NSLock()
    private var lastSent = Date.distantPast
    private var started: [String: Date] = [:]

    func elapsed(for label: String, done: Int) -> Double {
        lock.lock()
        defer { lock.unlock() }
        if done <= 1 || started[label] == nil { started[label] = Date() }
        return Date().timeIntervalSince(started[label]!)
    }

    func report(_ report: ProgressReport) {
        lock.lock()
        let now = Date()
        let send = report.finished || now.timeIntervalSince(lastSent) >= 0.1
        if send { lastSent = now }
        lock.unlock()
        if send { RuntimeWire.emit(.progress(report)) }
    }

    /// `fit`'s updates, as progress reports: `epoch 2/5`, batch n/N, running loss and accuracy, images/s.
    static func forwardTraining() {
        TrainingProgress.sink = { update in
            var metrics = [ProgressReport.Metric(name: "loss", value: Double(update.loss))]
            if let accuracy = update.accuracy { metrics.append(.init(name: "accuracy", value: Double(accuracy))) }
            shared.report(ProgressReport(label: "epoch \(update.epoch)/\(update.epochs)", done: update.batch,
                                         total: update.batches, metrics: metrics, rate: update.samplesPerSecond,
                                         elapsed: update.elapsed, finished: update.batch >= update.batches))
        }
    }
}
