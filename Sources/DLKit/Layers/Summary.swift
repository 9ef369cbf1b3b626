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
    /// Runs a batch of two zero inputs of `inputShape` through the model in evaluation mode, without
    /// gradients, and lists each top-level layer's output shape and parameters.
    ///
    /// `inputShape` is one sample's shape, without the batch axis (Keras' convention): `[784]` for an MLP,
    /// `[1, 28, 28]` for a CNN on MNIST. A shape written with a leading batch axis of 1 (torchinfo's
    /// convention, `[1, 1, 28, 28]`) is accepted when the first layer tells the two apart (a `Conv2D` or
    /// pooling layer takes `[C, H, W]`, a `Linear` takes `[features]`); any other shape the first layer
    /// cannot take stops with a message that names `summary`, the shape given and the one expected.
    ///
    /// ```swift
    /// print(model.summary(inputShape: [1, 28, 28]))
    /// ```
    public func summary(inputShape: [Int]) -> ModelSummary {
        let sampleShape = SummaryInput.sampleShape(inputShape, firstLayer: SummaryInput.firstShapedLayer(of: self))
        let wasTraining = isTraining
        isTraining = false
        defer { isTraining = wasTraining }
        let layers = sublayers.isEmpty ? [self as Layer] : sublayers
        var x = Tensor.zeros([2] + sampleShape)
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

/// Checks `summary(inputShape:)`'s argument against the first layer before any tensor is made, so a wrong
/// shape is explained in terms of `summary` rather than by an op deep inside the model.
enum SummaryInput {
    /// The first layer that decides the input's shape: descending into containers and skipping layers that
    /// keep any shape as it is (activations, dropout, batch norm); the first leaf if none decides.
    static func firstShapedLayer(of layer: Layer) -> Layer {
        func leaves(_ l: Layer) -> [Layer] { l.sublayers.isEmpty ? [l] : l.sublayers.flatMap(leaves) }
        let all = leaves(layer)
        return all.first { !keepsShape($0) } ?? all.first ?? layer
    }

    private static func keepsShape(_ layer: Layer) -> Bool {
        switch layer {
        case is ReLU, is LeakyReLU, is ELU, is Sigmoid, is Tanh, is Softmax, is LogSoftmax, is Dropout, is BatchNorm:
            return true
        default:
            return false
        }
    }

    /// What the first layer expects of one sample: its rank, and a hint for the message.
    private static func expectation(of layer: Layer) -> (rank: Int, example: String, check: ([Int]) -> String?)? {
        switch layer {
        case let conv as Conv2D:
            return (3, "[\(conv.inChannels), 32, 32]", { shape in
                shape[0] == conv.inChannels ? nil
                    : "its first layer \(conv.name) takes \(conv.inChannels) input channel\(conv.inChannels == 1 ? "" : "s"), "
                    + "but the sample shape has \(shape[0])"
            })
        case is MaxPool2D, is AvgPool2D, is GlobalAvgPool2D:
            return (3, "[1, 28, 28]", { _ in nil })
        case let linear as Linear:
            return (1, "[\(linear.inFeatures)]", { shape in
                shape[0] == linear.inFeatures ? nil
                    : "its first layer Linear(\(linear.inFeatures) → \(linear.outFeatures)) takes \(linear.inFeatures) "
                    + "features, but the sample shape has \(shape[0]) (put Flatten() first for images)"
            })
        default:
            return nil
        }
    }

    /// The sample shape to run: `inputShape` itself, or without a leading batch axis of 1 that the first
    /// layer shows to be one. Stops with a readable message for a shape the model cannot take.
    static func sampleShape(_ inputShape: [Int], firstLayer: Layer) -> [Int] {
        func fail(_ why: String) -> Never {
            shapeFailure("summary(inputShape:) takes one sample's shape, without the batch axis; got "
                         + describe(inputShape) + " — " + why)
        }
        if inputShape.isEmpty { fail("give at least one size, e.g. [784] for an MLP or [1, 28, 28] for a CNN") }
        if let bad = inputShape.first(where: { $0 <= 0 }) { fail("every size must be positive, not \(bad)") }
        guard let expected = expectation(of: firstLayer) else { return inputShape }
        var shape = inputShape
        if shape.count == expected.rank + 1 && shape[0] == 1 { shape.removeFirst() }   // [1, C, H, W] → [C, H, W]
        guard shape.count == expected.rank else {
            let what = expected.rank == 3 ? "[channels, height, width]" : "[features]"
            if expected.rank == 1 && shape.count > 1 {
                fail("its first layer \(firstLayer.name) takes \(what), e.g. \(expected.example); "
                     + "for images, put Flatten() first")
            }
            let hint = shape.count == expected.rank + 1 ? "; did you mean \(describe(Array(shape.dropFirst())))?" : ""
            fail("its first layer \(firstLayer.name) takes \(what), e.g. \(expected.example)\(hint)")
        }
        if let mismatch = expected.check(shape) { fail(mismatch) }
        return shape
    }
}
