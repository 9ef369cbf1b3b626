import CBLAS

extension Tensor {
    /// The affine map of a fully connected layer, y = x·Wᵀ + b, for `x: [N, in]`, `weight: [out, in]`
    /// (PyTorch's layout) and `bias: [out]`. One fused op: the bias is written into the output and GEMM adds
    /// x·Wᵀ onto it (no transpose copied, no separate broadcast pass); the backward is two GEMMs and a column sum.
    ///
    /// ```swift
    /// let y = Tensor.linear(x, weight: w, bias: b)
    /// ```
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        guard weight.rank == 2 else { fatalError("linear: weight must be [out, in], got \(describe(weight.shape))") }
        let (outF, inF) = (weight.shape[0], weight.shape[1])
        guard x.rank == 2, x.shape[1] == inF else {
            fatalError("linear: input \(describe(x.shape)) does not fit a layer with \(inF) inputs (expected [batch, \(inF)]); did you forget to flatten?")
        }
        if let bias, bias.shape != [outF] {
            fatalError("linear: bias \(describe(bias.shape)) does not match \(outF) outputs")
        }
        let n = x.shape[0]
        MemoryPolicy.applyOnce()   // reuse freed batch-sized buffers instead of fresh zeroed pages (Kernels/)
        let value = Tensor(shape: [n, outF]) { out in
            if let bias {
                bias.withUnsafeBufferPointer { b in
                    for r in 0..<n { (out.baseAddress! + r * outF).update(from: b.baseAddress!, count: outF) }
                }
            }
            guard n > 0 && outF > 0 else { return }
            x.withUnsafeBufferPointer { px in
                weight.withUnsafeBufferPointer { pw in
                    ParallelGEMM.sgemm(transA: false, transB: true, m: n, n: outF, k: inF, a: px.baseAddress, lda: inF,
                                       b: pw.baseAddress, ldb: inF, beta: bias == nil ? 0 : 1, c: out.baseAddress,
                                       ldc: outF)
                }
            }
        }
        let parents = bias.map { [x, weight, $0] } ?? [x, weight]
        return makeResult(value: value, parents: parents, op: "linear") { g in
            let gx: Tensor? = x.node == nil ? nil : g.matmul(weight)                         // [N,out]·[out,in]
            let gw: Tensor? = weight.node == nil ? nil : g.matmul(x, transposeSelf: true)    // [out,N]·[N,in]
            guard let bias else { return [gx, gw] }
            return [gx, gw, bias.node == nil ? nil : g.sumToShape([outF])]
        }
    }
}
