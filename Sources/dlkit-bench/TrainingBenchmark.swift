import DLKit
import Foundation

/// One or more epochs of the seeds' MLP or CNN recipe (Adam 1e-3, batch 64, cross-entropy), timed, then
/// inference on the 10,000 test images, timed, with the test error.
struct TrainingBenchmark {
    enum Kind { case mlp, cnn }
    let kind: Kind
    let data: MNISTInMemory
    let options: BenchOptions

    static let batchSize = 64

    func makeModel(_ rng: inout RandomGenerator) -> Sequential {
        switch kind {
        case .mlp:
            return Sequential(Flatten(), Linear(784, 256, using: &rng), ReLU(), Linear(256, 128, using: &rng), ReLU(),
                              Linear(128, 10, using: &rng))
        case .cnn:
            return Self.cnnModel(&rng)
        }
    }

    /// conv(1→32, 3×3, pad 1)-ReLU-maxpool 2 → conv(32→64, 3×3, pad 1)-ReLU-maxpool 2 → fc 3136→128-ReLU → fc 10.
    static func cnnModel(_ rng: inout RandomGenerator) -> Sequential {
        Sequential(Conv2D(in: 1, out: 32, kernel: 3, padding: 1, rng: &rng), ReLU(), MaxPool2D(kernel: 2),
                   Conv2D(in: 32, out: 64, kernel: 3, padding: 1, rng: &rng), ReLU(), MaxPool2D(kernel: 2),
                   Flatten(), Linear(3136, 128, using: &rng), ReLU(), Linear(128, 10, using: &rng))
    }

    func run() -> [String] {
        var rng = RandomGenerator(seed: options.seed)
        let model = makeModel(&rng)
        let optimizer = Adam(model.parameters, learningRate: 1e-3)
        let name = kind == .mlp ? "MLP 784-256-128-10" : "CNN conv32-pool-conv64-pool-fc128-fc10"
        let peer = kind == .mlp ? "PyTorch 1.25 s, goal ≤ 0.62 s" : "PyTorch channels-last 13.6 s, Keras 11.8 s"
        var lines = ["\n== \(name) (\(model.parameterCount) parameters), Adam 1e-3, batch \(Self.batchSize) =="]
        let n = data.trainLabels.count
        let batchesPerEpoch = n / Self.batchSize + (n % Self.batchSize == 0 ? 0 : 1)
        let batches = min(options.batches ?? batchesPerEpoch, batchesPerEpoch)
        var epochTimes: [Double] = []
        for epoch in 1...options.epochs {
            model.train()
            let order = rng.permutation(n)
            var lossSum: Double = 0
            let cpuStart = cpuSeconds()
            let t = seconds {
                for b in 0..<batches {
                    let idx = order[(b * Self.batchSize)..<min(n, (b + 1) * Self.batchSize)]
                    let x = MNISTInMemory.batch(data.trainImages, idx)
                    let labels = idx.map { data.trainLabels[$0] }
                    optimizer.zeroGrad()
                    let loss = crossEntropy(logits: model(x), labels: labels)
                    loss.backward()
                    optimizer.step()
                    lossSum += Double(loss.item)
                }
            }
            let scaled = t * Double(batchesPerEpoch) / Double(batches)
            let cpu = (cpuSeconds() - cpuStart) * Double(batchesPerEpoch) / Double(batches)
            epochTimes.append(scaled)
            let (error, inferenceTime) = evaluate(model)
            lines.append(String(format: "epoch %d: %6.2f s%@  %6.0f img/s   CPU %.2f s   mean loss %.4f   test error %5.2f %%   (%@)",
                                epoch, scaled, batches < batchesPerEpoch ? " (scaled from \(batches) batches)" : "",
                                Double(n) / scaled, cpu, lossSum / Double(batches), 100 * error, peer))
            lines.append(String(format: "  inference on %d test images, batch %d: %.3f s, %6.0f img/s%@",
                                data.testLabels.count, Self.batchSize, inferenceTime,
                                Double(data.testLabels.count) / inferenceTime,
                                kind == .cnn ? "   (PyTorch channels-last: 0.57 s, 17.5k img/s)" : ""))
        }
        if epochTimes.count > 1 {
            lines.append(String(format: "median epoch %.2f s (range %.2f–%.2f)", median(epochTimes),
                                epochTimes.min()!, epochTimes.max()!))
        }
        return lines
    }

    /// Test error and the time of a full inference pass (batch 64, no gradients).
    func evaluate(_ model: Sequential) -> (Double, Double) {
        model.eval()
        defer { model.train() }
        let n = data.testLabels.count
        var wrong = 0
        let t = seconds {
            withoutGrad {
                var start = 0
                while start < n {
                    let idx = Array(start..<min(n, start + Self.batchSize))[...]
                    let logits = model(MNISTInMemory.batch(data.testImages, idx))
                    logits.withUnsafeBufferPointer { z in
                        for (row, i) in idx.enumerated() {
                            var best = 0
                            for c in 1..<10 where z[row * 10 + c] > z[row * 10 + best] { best = c }
                            if best != data.testLabels[i] { wrong += 1 }
                        }
                    }
                    start += Self.batchSize
                }
            }
        }
        return (Double(wrong) / Double(n), t)
    }
}
