/// Pooling of NCHW batches: each channel of each image is shrunk on its own.

/// Max pooling: each output is the largest input in its `kernel × kernel` window (PyTorch `F.max_pool2d`).
/// The stride defaults to the kernel (non-overlapping windows); padding (at most kernel / 2) never wins.
/// The gradient flows only to the winner of each window (the first one on ties).
///
/// ```swift
/// let y = maxPool2D(x, kernel: 2)                          // [64, 32, 28, 28] → [64, 32, 14, 14]
/// let z = maxPool2D(x, kernel: 3, stride: 2, padding: 1)   // AlexNet/ResNet style overlapping windows
/// ```
public func maxPool2D(_ input: Tensor, kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    if input.rank == 3 {
        return maxPool2D(input.unsqueezed(axis: 0), kernel: kernel, stride: stride, padding: padding).squeezed(axis: 0)
    }
    let g = poolGeometry(input, kernel: kernel, stride: stride, padding: padding, op: "maxPool2D")
    var indices = [Int32](repeating: 0, count: g.outputCount)
    let output = Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            indices.withUnsafeMutableBufferPointer { idx in
                Pool2DKernels.maxForward(g, input: x.baseAddress!, output: out.baseAddress!, indices: idx.baseAddress!)
            }
        }
    }
    return Tensor.makeResult(value: output, parents: [input], op: "maxPool2D") { gradOutput in
        let dx = Tensor(shape: g.inputShape) { dx in
            gradOutput.withUnsafeBufferPointer { dy in
                indices.withUnsafeBufferPointer { idx in
                    Pool2DKernels.maxBackward(g, outputGradient: dy.baseAddress!, indices: idx.baseAddress!,
                                              inputGradient: dx.baseAddress!)
                }
            }
        }
        return [dx]
    }
}

/// Max pooling with nothing recorded for a backward pass (no winners kept): what fused inference runs.
/// The same values as `maxPool2D`.
func maxPool2DInference(_ input: Tensor, kernel: Int, stride: Int?, padding: Int) -> Tensor {
    let g = poolGeometry(input, kernel: kernel, stride: stride, padding: padding, op: "maxPool2D")
    return Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            Pool2DKernels.maxForward(g, input: x.baseAddress!, output: out.baseAddress!)
        }
    }
}

/// Average pooling: each output is the mean of its `kernel × kernel` window (PyTorch `F.avg_pool2d`;
/// padded pixels count as zeros in the mean, `count_include_pad=True`). Every pixel of a window receives
/// 1/(kernel²) of its gradient.
///
/// ```swift
/// let y = avgPool2D(x, kernel: 2)          // [1, 3, 8, 8] → [1, 3, 4, 4]
/// ```
public func avgPool2D(_ input: Tensor, kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    if input.rank == 3 {
        return avgPool2D(input.unsqueezed(axis: 0), kernel: kernel, stride: stride, padding: padding).squeezed(axis: 0)
    }
    let g = poolGeometry(input, kernel: kernel, stride: stride, padding: padding, op: "avgPool2D")
    let output = Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            Pool2DKernels.averageForward(g, input: x.baseAddress!, output: out.baseAddress!)
        }
    }
    return Tensor.makeResult(value: output, parents: [input], op: "avgPool2D") { gradOutput in
        let dx = Tensor(shape: g.inputShape) { dx in
            gradOutput.withUnsafeBufferPointer { dy in
                Pool2DKernels.averageBackward(g, outputGradient: dy.baseAddress!, inputGradient: dx.baseAddress!)
            }
        }
        return [dx]
    }
}

/// Global average pooling: the mean of each channel over all pixels, `[batch, channels, h, w] → [batch, channels]`
/// (Keras `GlobalAveragePooling2D`; PyTorch's `AdaptiveAvgPool2d(1)` followed by `flatten(1)`).
///
/// ```swift
/// let features = globalAvgPool2D(x)     // [64, 512, 7, 7] → [64, 512], ready for a Linear layer
/// ```
public func globalAvgPool2D(_ input: Tensor) -> Tensor {
    guard input.rank == 4 else {
        shapeFailure("globalAvgPool2D: input must be [batch, channels, height, width] (4 axes), got \(describe(input.shape))")
    }
    let planes = input.shape[0] * input.shape[1], area = input.shape[2] * input.shape[3]
    guard area > 0 else { shapeFailure("globalAvgPool2D: input \(describe(input.shape)) has no pixels") }
    let output = Tensor(shape: [input.shape[0], input.shape[1]]) { out in
        input.withUnsafeBufferPointer { x in
            for p in 0..<planes {
                var sum: Float = 0
                for q in p * area ..< (p + 1) * area { sum += x[q] }
                out[p] = sum / Float(area)
            }
        }
    }
    return Tensor.makeResult(value: output, parents: [input], op: "globalAvgPool2D") { gradOutput in
        let dx = Tensor(shape: input.shape) { dx in
            gradOutput.withUnsafeBufferPointer { dy in
                for p in 0..<planes {
                    let share = dy[p] / Float(area)
                    for q in p * area ..< (p + 1) * area { dx[q] = share }
                }
            }
        }
        return [dx]
    }
}

/// The pooling geometry of `input`, or a stop with a message naming the shape.
func poolGeometry(_ input: Tensor, kernel: Int, stride: Int?, padding: Int, op: String) -> Pool2DGeometry {
    MemoryPolicy.applyOnce()
    do {
        return try Pool2DGeometry(input: input.shape, kernel: kernel, stride: stride, padding: padding, op: op)
    } catch {
        shapeFailure("\(error)")
    }
}
