/// A Keras-style table of a model: each layer's output shape and parameter count, and the totals.
///
/// ```swift
/// let s = model.summary(inputShape: [784])
/// print(s); print(s.totalParameters)   // 235146 for 784-256-128-10
/// ```
public struct ModelSummary: CustomStringConvertible {
    public struct Row: Equatable {
        public let name: String
        /// Output shape with the batch axis shown as -1 (any batch size).
        public let outputShape: [Int]
        public let parameterCount: Int
    }
    public let rows: [Row]
    public let totalParameters: Int
    public let trainableParameters: Int

    public var description: String {
        func group(_ n: Int) -> String {
            let digits = String(n)
            var out = ""
            for (i, ch) in digits.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            return String(out.reversed())
        }
        let shapes = rows.map { "[" + $0.outputShape.map(String.init).joined(separator: ", ") + "]" }
        let w0 = max(12, rows.map(\.name.count).max() ?? 0) + 2
        let w1 = max(12, shapes.map(\.count).max() ?? 0) + 2
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
        let header = pad("Layer (type)", w0) + pad("Output shape", w1) + "Param #"
        let rule = String(repeating: "─", count: header.count + 4)
        var lines = [header, rule]
        for (row, shape) in zip(rows, shapes) {
            lines.append(pad(row.name, w0) + pad(shape, w1) + group(row.parameterCount))
        }
        lines.append(rule)
        lines.append("Total params: \(group(totalParameters))")
        lines.append("Trainable params: \(group(trainableParameters))")
        lines.append("Non-trainable params: \(group(totalParameters - trainableParameters))")
        return lines.joined(separator: "\n")
    }
}

extension Layer {
    /// Runs a batch of two zero inputs of `inputShape` (without the batch axis) through the model in
    /// evaluation mode, without gradients, and lists each top-level layer's output shape and parameters.
    ///
    /// ```swift
    /// print(model.summary(inputShape: [1, 28, 28]))
    /// ```
    public func summary(inputShape: [Int]) -> ModelSummary {
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let layers = sublayers.isEmpty ? [self as Layer] : sublayers
        var x = Tensor.zeros([2] + inputShape)
        var rows: [ModelSummary.Row] = []
        withoutGrad {
            for layer in layers {
                x = layer(x)
                rows.append(.init(name: layer.name, outputShape: [-1] + x.shape.dropFirst(),
                                  parameterCount: layer.parameterCount))
            }
        }
        let params = parameters
        return ModelSummary(rows: rows, totalParameters: params.reduce(0) { $0 + $1.value.count },
                            trainableParameters: params.filter { !$0.isFrozen }.reduce(0) { $0 + $1.value.count })
    }
}
