/// The readable max pooling on tensors (one loop per output over its window, ``Pool2DReference``), for
/// lessons that show the loops; equal to ``maxPool2D(_:kernel:stride:padding:)``. Not differentiable.
///
/// ```swift
/// let y = maxPool2DReference(Tensor([[[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]]]), kernel: 2)
/// // [[[[6, 8], [3, 4]]]]
/// ```
public func maxPool2DReference(_ input: Tensor, kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    if input.rank == 3 {
        return maxPool2DReference(input.unsqueezed(axis: 0), kernel: kernel, stride: stride, padding: padding)
            .squeezed(axis: 0)
    }
    let g = poolGeometry(input, kernel: kernel, stride: stride, padding: padding, op: "maxPool2DReference")
    var indices = [Int32](repeating: 0, count: g.outputCount)
    return Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            Pool2DReference.maxForward(g, input: x.baseAddress!, output: out.baseAddress!, indices: &indices)
        }
    }
}

/// The readable average pooling on tensors (``Pool2DReference``); equal to ``avgPool2D(_:kernel:stride:padding:)``.
///
/// ```swift
/// let y = avgPool2DReference(x, kernel: 2)
/// ```
public func avgPool2DReference(_ input: Tensor, kernel: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    if input.rank == 3 {
        return avgPool2DReference(input.unsqueezed(axis: 0), kernel: kernel, stride: stride, padding: padding)
            .squeezed(axis: 0)
    }
    let g = poolGeometry(input, kernel: kernel, stride: stride, padding: padding, op: "avgPool2DReference")
    return Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            Pool2DReference.averageForward(g, input: x.baseAddress!, output: out.baseAddress!)
        }
    }
}
