/// The readable convolution on tensors, for lessons that show the loops and then trust the fast op:
/// the same result as ``conv2d(_:weight:bias:stride:padding:paddingMode:kernelFlip:)`` (tests hold them equal),
/// computed by ``Conv2DReference``'s four nested loops. Not differentiable, not fast.
///
/// ```swift
/// let slow = conv2dReference(x, weight: w, padding: 1)
/// let fast = conv2d(x, weight: w, padding: 1)          // same values, im2col + GEMM
/// ```
public func conv2dReference(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                            paddingMode: PaddingMode = .zeros, kernelFlip: KernelFlip = .crossCorrelation) -> Tensor {
    if input.rank == 3 {
        return conv2dReference(input.unsqueezed(axis: 0), weight: weight, bias: bias, stride: stride,
                               padding: padding, paddingMode: paddingMode, kernelFlip: kernelFlip).squeezed(axis: 0)
    }
    let g: Conv2DGeometry
    do {
        g = try Conv2DGeometry(input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride,
                               padding: padding, paddingMode: paddingMode, kernelFlip: kernelFlip)
    } catch {
        shapeFailure("\(error)")
    }
    return Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                withOptionalBuffer(bias) { b in
                    Conv2DReference.forward(g, input: x.baseAddress!, weight: w.baseAddress!, bias: b,
                                            output: out.baseAddress!)
                }
            }
        }
    }
}
