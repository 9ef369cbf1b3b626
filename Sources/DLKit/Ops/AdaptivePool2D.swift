/// Adaptive average pooling: the output has a chosen size whatever the input's (PyTorch
/// `F.adaptive_avg_pool2d`). Output cell `i` of `out` along an axis of length `n` averages the input rows
/// `⌊i·n/out⌋ ..< ⌈(i+1)·n/out⌉`, PyTorch's bins, which may overlap when `out` does not divide `n`. Each input
/// pixel receives `1/(bin area)` of the gradient of every bin it belongs to.
///
/// ```swift
/// let y = adaptiveAvgPool2D(x, outputSize: (6, 6))    // [1, 256, 13, 13] → [1, 256, 6, 6] (AlexNet)
/// let z = adaptiveAvgPool2D(x, outputSize: (1, 1))    // [8, 512, 7, 7] → [8, 512, 1, 1] (ResNet)
/// ```
public func adaptiveAvgPool2D(_ input: Tensor, outputSize: (height: Int, width: Int)) -> Tensor {
    guard input.rank == 4 else {
        shapeFailure("adaptiveAvgPool2D: input must be [batch, channels, height, width] (4 axes), got \(describe(input.shape))")
    }
    let (oh, ow) = outputSize
    let h = input.shape[2], w = input.shape[3]
    guard oh > 0, ow > 0 else {
        shapeFailure("adaptiveAvgPool2D: output size (\(oh), \(ow)) must be positive")
    }
    guard h > 0, w > 0 else { shapeFailure("adaptiveAvgPool2D: input \(describe(input.shape)) has no pixels") }
    let rows = AdaptiveBins(length: h, count: oh), cols = AdaptiveBins(length: w, count: ow)
    let planes = input.shape[0] * input.shape[1]
    let output = Tensor(shape: [input.shape[0], input.shape[1], oh, ow]) { out in
        input.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                for i in 0..<oh {
                    for j in 0..<ow {
                        var sum: Float = 0
                        for r in rows[i] { for c in cols[j] { sum += x[(p * h + r) * w + c] } }
                        out[(p * oh + i) * ow + j] = sum / Float(rows[i].count * cols[j].count)
                    }
                }
            }
        }
    }
    return Tensor.makeResult(value: output, parents: [input], op: "adaptiveAvgPool2D") { gradOutput in
        var dx = [Float](repeating: 0, count: input.count)
        gradOutput.withUnsafeBufferPointer { dy in
            for p in 0..<planes {
                for i in 0..<oh {
                    for j in 0..<ow {
                        let share = dy[(p * oh + i) * ow + j] / Float(rows[i].count * cols[j].count)
                        for r in rows[i] { for c in cols[j] { dx[(p * h + r) * w + c] += share } }
                    }
                }
            }
        }
        return [Tensor(shape: input.shape, scalars: dx)]
    }
}

/// PyTorch's adaptive-pooling bins along one axis: bin `i` of `count` over `length` is
/// `⌊i·length/count⌋ ..< ⌈(i+1)·length/count⌉`.
struct AdaptiveBins {
    let length: Int
    let count: Int

    subscript(_ i: Int) -> Range<Int> {
        let start = (i * length) / count
        let end = ((i + 1) * length + count - 1) / count
        return start..<end
    }
}
