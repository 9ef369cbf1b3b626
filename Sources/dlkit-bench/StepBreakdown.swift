import DLKit

/// Forward and backward time of every layer of the seeds' CNN at batch 64 (best of N, so that a busy
/// machine disturbs it least), plus the loss and the Adam step: where one training step's time goes, and
/// what an epoch of 938 such steps costs at those speeds (a lower bound when other processes share the cores).
enum StepBreakdown {
    static func run(repeats: Int, seed: UInt64) -> [String] {
        var rng = RandomGenerator(seed: seed)
        let model = TrainingBenchmark.cnnModel(&rng)
        let optimizer = Adam(model.parameters, learningRate: 1e-3)
        var x = Tensor.randn([64, 1, 28, 28], using: &rng)
        var lines: [String] = []
        var total = 0.0
        for (i, layer) in model.layers.enumerated() {
            var forward = Double.infinity, backward = Double.infinity
            var y = layer(x)
            let upstream = Tensor.randn(y.shape, using: &rng)
            for _ in 0..<repeats {
                model.zeroGrad()
                var input = x.detached()
                input.requiresGrad = i > 0          // the first layer never needs ∂x
                forward = min(forward, seconds { y = layer(input) })
                if y.requiresGrad { backward = min(backward, seconds { y.backward(gradient: upstream) }) }
            }
            if backward == .infinity { backward = 0 }
            total += forward + backward
            lines.append(String(format: "  %@ forward %6.3f ms   backward %6.3f ms", layer.name, forward * 1e3, backward * 1e3))
            x = withoutGrad { layer(x.detached()) }
        }
        var lossTime = Double.infinity, stepTime = Double.infinity
        let labels = (0..<64).map { $0 % 10 }
        for _ in 0..<repeats {
            var logits = x.detached(); logits.requiresGrad = true
            lossTime = min(lossTime, seconds { crossEntropy(logits: logits, labels: labels).backward() })
            model.zeroGrad()
            model(Tensor.randn([64, 1, 28, 28], using: &rng)).sum().backward()
            stepTime = min(stepTime, seconds { optimizer.step() })
        }
        total += lossTime + stepTime
        lines.append(String(format: "  cross-entropy forward+backward %6.3f ms   Adam step %6.3f ms", lossTime * 1e3, stepTime * 1e3))
        lines.append(String(format: "  one step %.2f ms → %.2f s per 60,000-image epoch (938 steps) at these best-case speeds",
                            total * 1e3, total * 938))
        return lines
    }
}
