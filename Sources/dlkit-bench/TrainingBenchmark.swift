import DLKit
import Foundation

/// One workload of `scripts/bench`, the same recipe as `scripts/bench_torch.py` runs in PyTorch:
///
///     mlp    784-256-128-10, ReLU, Adam 1e-3, batch 64, pixels / 255
///     cnn    the deck-000 CNN conv32-pool-conv64-pool-fc128-fc10 (3×3, padding 1), Adam 1e-3, batch 64,
///            pixels normalized (0.1307, 0.3081); then inference over the 10,000 test images, batch 64
///     keras  the deck-003 Keras CNN as lessons/05-cnn.md trains it: conv32 3×3 valid, ReLU, pool 2,
///            dropout 0.25, flatten, dense 128 ReLU, dropout 0.5, dense 10; Adam 1e-3, batch 32, normalized
///
/// One epoch over the 60,000 training images is timed (no evaluation inside it), then the test error.
struct TrainingBenchmark {
    enum Kind: String, CaseIterable { case mlp, cnn, keras }
    let kind: Kind
    let data: MNISTInMemory
    let options: BenchOptions

    struct Result {
        var epochSeconds: Double
        var batches: Int
        var cpuSeconds: Double
        var meanLoss: Double
        var testError: Double
        var inferenceImagesPerSecond: Double?
    }

    var batchSize: Int { kind == .keras ? 32 : 64 }

    static func model(_ kind: Kind, _ rng: inout RandomGenerator) -> Sequential {
        switch kind {
        case .mlp:
            return Sequential(Flatten(), Linear(784, 256, using: &rng), ReLU(), Linear(256, 128, using: &rng), ReLU(),
                              Linear(128, 10, using: &rng))
        case .cnn:
            return cnnModel(&rng)
        case .keras:
            return Sequential {
                Conv2D(in: 1, out: 32, kernel: 3, using: &rng); ReLU(); MaxPool2D(kernel: 2); Dropout(0.25, using: &rng)
                Flatten()
                Linear(32 * 13 * 13, 128, using: &rng); ReLU(); Dropout(0.5, using: &rng)
                Linear(128, 10, using: &rng)
            }
        }
    }

    /// conv(1→32, 3×3, pad 1)-ReLU-maxpool 2 → conv(32→64, 3×3, pad 1)-ReLU-maxpool 2 → fc 3136→128-ReLU → fc 10.
    static func cnnModel(_ rng: inout RandomGenerator) -> Sequential {
        Sequential(Conv2D(in: 1, out: 32, kernel: 3, padding: 1, rng: &rng), ReLU(), MaxPool2D(kernel: 2),
                   Conv2D(in: 32, out: 64, kernel: 3, padding: 1, rng: &rng), ReLU(), MaxPool2D(kernel: 2),
                   Flatten(), Linear(3136, 128, using: &rng), ReLU(), Linear(128, 10, using: &rng))
    }

    var title: String {
        switch kind {
        case .mlp: return "MLP 784-256-128-10"
        case .cnn: return "deck-000 CNN conv32-pool-conv64-pool-fc128-fc10"
        case .keras: return "deck-003 Keras CNN conv32(valid)-pool-dropout-fc128-dropout-fc10"
        }
    }

    /// Trains one epoch (or `--batches` of it, time scaled to the full epoch) and evaluates.
    func run(seed: UInt64) -> Result {
        var rng = RandomGenerator(seed: seed)
        let model = Self.model(kind, &rng)
        let optimizer = Adam(model.parameters, learningRate: 1e-3)
        let n = data.trainLabels.count
        let perEpoch = (n + batchSize - 1) / batchSize
        let batches = min(options.batches ?? perEpoch, perEpoch)
        let normalize = kind != .mlp
        model.train()
        let order = rng.permutation(n)
        var lossSum: Double = 0
        let cpuStart = cpuSeconds()
        let t = seconds {
            for b in 0..<batches {
                let idx = order[(b * batchSize)..<min(n, (b + 1) * batchSize)]
                let x = MNISTInMemory.batch(data.trainImages, idx, normalized: normalize)
                let labels = idx.map { data.trainLabels[$0] }
                optimizer.zeroGrad()
                let loss = crossEntropy(logits: model(x), labels: labels)
                loss.backward()
                optimizer.step()
                lossSum += Double(loss.item)
            }
        }
        let scale = Double(perEpoch) / Double(batches)
        var result = Result(epochSeconds: t * scale, batches: batches, cpuSeconds: (cpuSeconds() - cpuStart) * scale,
                            meanLoss: lossSum / Double(batches), testError: 0)
        if kind == .cnn {
            _ = evaluate(model, normalized: normalize, count: 640)            // warm-up, untimed (as the peer)
        }
        let (error, inference) = evaluate(model, normalized: normalize)
        result.testError = error
        if kind == .cnn { result.inferenceImagesPerSecond = Double(data.testLabels.count) / inference }
        return result
    }

    /// Test error and the time of one inference pass over the first `count` test images (batch 64, no gradients).
    func evaluate(_ model: Sequential, normalized: Bool, count: Int? = nil) -> (Double, Double) {
        model.eval()
        defer { model.train() }
        let n = min(count ?? data.testLabels.count, data.testLabels.count)
        var wrong = 0
        let t = seconds {
            withoutGrad {
                var start = 0
                while start < n {
                    let idx = Array(start..<min(n, start + 64))[...]
                    let logits = model(MNISTInMemory.batch(data.testImages, idx, normalized: normalized))
                    logits.withUnsafeBufferPointer { z in
                        for (row, i) in idx.enumerated() {
                            var best = 0
                            for c in 1..<10 where z[row * 10 + c] > z[row * 10 + best] { best = c }
                            if best != data.testLabels[i] { wrong += 1 }
                        }
                    }
                    start += 64
                }
            }
        }
        return (Double(wrong) / Double(n), t)
    }
}
