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

    mutating func batch(epoch: Int, done: Int, total: Int, loss: Float) {
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
