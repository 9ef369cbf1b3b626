import Foundation

/// How `fit` reports progress. Reports go to standard error, never standard output, so they never mix with
/// a lesson's printed results.
public enum ProgressStyle: Sendable {
    /// A live bar when standard error is a terminal, otherwise one line per epoch.
    case automatic
    /// One line per epoch.
    case epochLines
    /// Nothing.
    case silent
}

/// Draws `Epoch 2/5 [=========>          ] 470/938  loss 0.1234` on a terminal, redrawing in place.
struct ProgressReporter {
    let style: ProgressStyle
    let epochs: Int
    let isTerminal: Bool
    private var lastDraw = Date.distantPast

    init(style: ProgressStyle, epochs: Int) {
        self.style = style
        self.epochs = epochs
        self.isTerminal = isatty(2) != 0
    }

    private var drawsBar: Bool { style == .automatic && isTerminal }

    mutating func batch(epoch: Int, done: Int, total: Int, loss: Float, accuracy: Float?, seen: Int, elapsed: Double) {
        if let sink = TrainingProgress.sink, style != .silent {
            let now = Date()
            guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            sink(TrainingProgress(epoch: epoch, epochs: epochs, batch: done, batches: total, loss: loss,
                                  accuracy: accuracy, samplesPerSecond: elapsed > 0 ? Double(seen) / elapsed : nil,
                                  elapsed: elapsed))
            return
        }
        guard drawsBar else { return }
        let now = Date()
        guard done == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "=", count: max(0, filled - 1)) + (filled > 0 ? ">" : "")
            + String(repeating: " ", count: width - filled)
        write("\r\u{1B}[2KEpoch \(epoch)/\(epochs) [\(bar)] \(done)/\(total)  loss \(fmt(loss))")
    }

    func epochEnded(_ metrics: EpochMetrics) {
        if TrainingProgress.sink != nil { return }   // the sink saw the epoch's last batch
        switch style {
        case .silent: return
        case .automatic where isTerminal: write("\r\u{1B}[2KEpoch \(metrics.epoch)/\(epochs)  \(metrics.description.drop(while: { $0 != ":" }).dropFirst().trimmingCharacters(in: .whitespaces))\n")
        default: write("Epoch \(metrics.epoch)/\(epochs): \(metrics.description.drop(while: { $0 != ":" }).dropFirst().trimmingCharacters(in: .whitespaces))\n")
        }
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(s.data(using: .utf8)!)
    }
}

/// Where `fit` reports its progress batch by batch when something other than a terminal shows it — a lesson
/// program sends it to `course`, which draws the bar. With a sink set, `fit` writes nothing to standard error.
///
///     TrainingProgress.sink = { update in print(update.batch, "/", update.batches) }
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batches: Int
    /// The running mean loss of this epoch so far, and the running accuracy when the loss has one.
    public var loss: Float
    public var accuracy: Float?
    public var samplesPerSecond: Double?
    /// Seconds since this epoch began.
    public var elapsed: Double

    /// The receiver of every update (at most ten a second, and each epoch's last batch); nil: `ProgressStyle` decides.
    nonisolated(unsafe) public static var sink: ((TrainingProgress) -> Void)?
}
