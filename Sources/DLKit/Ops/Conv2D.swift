/// 2-D convolution of an NCHW batch — the forward pass (im2col + GEMM, or Winograd for 3×3 stride 1) and its
/// backward side by side.
///
/// `input` is `[batch, inChannels, height, width]` (or one unbatched image `[inChannels, height, width]`),
/// `weight` is `[outChannels, inChannels, kernelHeight, kernelWidth]`, `bias` is `[outChannels]`. The result
/// is `[batch, outChannels, ⌊(height + 2·padding − kh) / stride⌋ + 1, …]`, exactly PyTorch's `F.conv2d`.
///
/// ```swift
/// let y = conv2d(images, weight: w, bias: b, stride: 1, padding: 1)       // [64, 32, 28, 28]
/// let edges = conv2d(image, weight: sobel, kernelFlip: .convolution)      // the textbook operator
/// ```
///
/// Shapes that do not fit stop the program with a message naming both ("conv2d: input [64, 3, 28, 28] has
/// 3 channels but weight [32, 1, 3, 3] expects 1 …"). Use ``Conv2DGeometry/init(input:weight:bias:stride:padding:paddingMode:kernelFlip:)``
/// to check shapes without stopping.
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                   paddingMode: PaddingMode = .zeros, kernelFlip: KernelFlip = .crossCorrelation) -> Tensor {
    conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding, paddingMode: paddingMode,
           kernelFlip: kernelFlip, relu: false)
}

/// conv2d, then ReLU if `relu`, as one op ("conv2d+relu": what `Sequential` records for `Conv2D → ReLU`, see
/// ``Conv2D``): the ReLU is applied as the kernels write each output block, and its backward (∂y where y > 0)
/// is applied to the incoming gradient before the convolution's. The same values and gradients as
/// `conv2d(…).relu()`, bit for bit.
func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int, paddingMode: PaddingMode,
            kernelFlip: KernelFlip, relu: Bool) -> Tensor {
    if input.rank == 3 {
        // One image: run it as a batch of one and drop the batch axis again.
        let batched = conv2d(input.unsqueezed(axis: 0), weight: weight, bias: bias, stride: stride,
                             padding: padding, paddingMode: paddingMode, kernelFlip: kernelFlip, relu: relu)
        return batched.squeezed(axis: 0)
    }
    MemoryPolicy.applyOnce()
    let g: Conv2DGeometry
    do {
        g = try Conv2DGeometry(input: input.shape, weight: weight.shape, bias: bias?.shape, stride: stride,
                               padding: padding, paddingMode: paddingMode, kernelFlip: kernelFlip)
    } catch {
        shapeFailure("\(error)")
    }
    let parents = bias.map { [input, weight, $0] } ?? [input, weight]
    let needs = parents.map(\.requiresGrad)
    // 3×3 stride-1 layers take the Winograd path (2.25× fewer multiplies); others im2col + GEMM.
    let winograd = WinogradConv2D.applies(to: g)
    guard GradMode.isEnabled && needs.contains(true) else {
        return conv2dInference(input, weight: weight, bias: bias, geometry: g, relu: relu)
    }
    // Forward: keep what the weight gradient needs — im2col(x) (∂W = ∂Y · colsᵀ), or on the Winograd path
    // the transformed input tiles V (∂U = ∂M · Vᵀ).
    let savedCount = winograd ? WinogradConv2D.transformedInputCount(g) : Conv2DKernels.columnsCount(g)
    var columns = [Float](unsafeUninitializedCapacity: savedCount) { _, n in n = savedCount }
    let output = Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                columns.withUnsafeMutableBufferPointer { cols in
                    withOptionalBuffer(bias) { b in
                        if winograd {
                            WinogradConv2D.forward(g, input: x.baseAddress!, weight: w.baseAddress!, bias: b,
                                                   output: out.baseAddress!, transformedInput: cols.baseAddress!,
                                                   relu: relu)
                        } else {
                            Conv2DKernels.forward(g, input: x.baseAddress!, weight: w.baseAddress!, bias: b,
                                                  output: out.baseAddress!, columns: cols.baseAddress!, relu: relu)
                        }
                    }
                }
            }
        }
    }
    return Tensor.makeResult(value: output, parents: parents, op: relu ? "conv2d+relu" : "conv2d") { upstream in
        // The ReLU's backward first: gradient only where the output is above 0.
        let gradOutput = relu ? reluMasked(upstream, by: output) : upstream
        // Backward: ∂W = ∂Y·colsᵀ, ∂x = col2im(Wᵀ·∂Y), ∂b = Σ ∂Y — each only if someone needs it.
        // Uninitialized storage: the kernels overwrite every element.
        var dx = needs[0] ? Tensor(shape: g.inputShape) { _ in } : nil
        var dw = needs[1] ? Tensor(shape: g.weightShape) { _ in } : nil
        var db = bias != nil && needs[2] ? Tensor(shape: [g.outChannels]) { _ in } : nil
        gradOutput.withUnsafeBufferPointer { dy in
            weight.withUnsafeBufferPointer { w in
                columns.withUnsafeBufferPointer { cols in
                    withOptionalMutableBuffer(&dx) { dxp in
                        withOptionalMutableBuffer(&dw) { dwp in
                            withOptionalMutableBuffer(&db) { dbp in
                                if winograd {
                                    WinogradConv2D.backward(g, transformedInput: cols.baseAddress!,
                                                            weight: w.baseAddress!, outputGradient: dy.baseAddress!,
                                                            inputGradient: dxp, weightGradient: dwp, biasGradient: dbp)
                                } else {
                                    Conv2DKernels.backward(g, columns: cols.baseAddress!, weight: w.baseAddress!,
                                                           outputGradient: dy.baseAddress!, inputGradient: dxp,
                                                           weightGradient: dwp, biasGradient: dbp)
                                }
                            }
                        }
                    }
                }
            }
        }
        return bias == nil ? [dx, dw] : [dx, dw, db]
    }
}

/// conv2d (then ReLU if `relu`) with nothing recorded for a backward pass: no columns or tiles kept, each core
/// reusing small blocks; the ReLU applied as each output block is written (what `Sequential` runs for
/// `Conv2D → ReLU` in inference, see ``Conv2D``). The same values as `conv2d(…).relu()`.
func conv2dInference(_ input: Tensor, weight: Tensor, bias: Tensor?, geometry g: Conv2DGeometry, relu: Bool) -> Tensor {
    Tensor(shape: g.outputShape) { out in
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                withOptionalBuffer(bias) { b in
                    if WinogradConv2D.applies(to: g) {
                        WinogradConv2D.forward(g, input: x.baseAddress!, weight: w.baseAddress!, bias: b,
                                               output: out.baseAddress!, relu: relu)
                    } else {
                        Conv2DKernels.forward(g, input: x.baseAddress!, weight: w.baseAddress!, bias: b,
                                              output: out.baseAddress!, relu: relu)
                    }
                }
            }
        }
    }
}

/// conv2d → ReLU → max-pool with nothing recorded, one image at a time through the L2 cache (the im2col path;
/// see ``Conv2DKernels/forwardReLUMaxPool(_:input:weight:bias:pool:output:)``). `pool` is one image's pooling.
func conv2dReLUMaxPoolInference(_ input: Tensor, weight: Tensor, bias: Tensor?, geometry g: Conv2DGeometry,
                                pool: Pool2DGeometry) -> Tensor {
    Tensor(shape: [g.batch, g.outChannels, pool.outHeight, pool.outWidth]) { out in
        input.withUnsafeBufferPointer { x in
            weight.withUnsafeBufferPointer { w in
                withOptionalBuffer(bias) { b in
                    Conv2DKernels.forwardReLUMaxPool(g, input: x.baseAddress!, weight: w.baseAddress!, bias: b,
                                                     pool: pool, output: out.baseAddress!)
                }
            }
        }
    }
}

/// `gradient` where `output` > 0, else 0 (ReLU's backward, given its output), eight at a time.
func reluMasked(_ gradient: Tensor, by output: Tensor) -> Tensor {
    Tensor(shape: gradient.shape) { out in
        gradient.withUnsafeBufferPointer { g in
            output.withUnsafeBufferPointer { y in
                let n = out.count
                var q = 0
                while q + 8 <= n {
                    var d = UnsafeRawPointer(g.baseAddress! + q).loadUnaligned(as: SIMD8<Float>.self)
                    let v = UnsafeRawPointer(y.baseAddress! + q).loadUnaligned(as: SIMD8<Float>.self)
                    d.replace(with: 0, where: .!(v .> 0))
                    UnsafeMutableRawPointer(out.baseAddress! + q).storeBytes(of: d, as: SIMD8<Float>.self)
                    q += 8
                }
                while q < n { out[q] = y[q] > 0 ? g[q] : 0; q += 1 }
            }
        }
    }
}

/// Calls `body` with the tensor's element pointer, or with nil when there is no tensor.
@inline(__always)
func withOptionalBuffer<R>(_ t: Tensor?, _ body: (UnsafePointer<Float>?) -> R) -> R {
    guard let t else { return body(nil) }
    return t.withUnsafeBufferPointer { body($0.baseAddress) }
}

/// Calls `body` with a mutable element pointer of the tensor, or with nil when there is none.
@inline(__always)
func withOptionalMutableBuffer<R>(_ t: inout Tensor?, _ body: (UnsafeMutablePointer<Float>?) -> R) -> R {
    guard t != nil else { return body(nil) }
    return t!.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
