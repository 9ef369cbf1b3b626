import DLKit

/// Forward and backward time of the CNN's two convolutions at batch 64, through the kernels directly,
/// with the GFLOP/s they reach (forward = 2·out·patch FLOPs; backward = twice that, ∂W and ∂x).
enum ConvLayerBenchmark {
    static func run(repeats: Int) -> [String] {
        var lines: [String] = []
        let layers = [("conv1 1→32 28×28", 1, 28, 32), ("conv2 32→64 14×14", 32, 14, 64)]
        for (label, cin, size, cout) in layers {
            let g = try! Conv2DGeometry(batch: 64, inChannels: cin, height: size, width: size, outChannels: cout,
                                        kernel: 3, padding: 1)
            var rng = RandomGenerator(seed: 3)
            let x = Tensor.randn(g.inputShape, using: &rng).scalars, w = Tensor.randn(g.weightShape, using: &rng).scalars
            let b = [Float](repeating: 0.1, count: cout), dy = Tensor.randn(g.outputShape, using: &rng).scalars
            var y = [Float](repeating: 0, count: g.outputCount), cols = [Float](repeating: 0, count: Conv2DKernels.columnsCount(g))
            var dx = [Float](repeating: 0, count: g.inputCount), dw = [Float](repeating: 0, count: g.weightCount)
            var db = [Float](repeating: 0, count: cout)
            var fwd: [Double] = [], bwd: [Double] = []
            for _ in 0..<(repeats + 1) {
                fwd.append(seconds { Conv2DKernels.forward(g, input: x, weight: w, bias: b, output: &y, columns: &cols) })
                bwd.append(seconds {
                    dx.withUnsafeMutableBufferPointer { dxp in
                        Conv2DKernels.backward(g, columns: cols, weight: w, outputGradient: dy,
                                               inputGradient: cin == 1 ? nil : dxp.baseAddress,
                                               weightGradient: &dw, biasGradient: &db)
                    }
                })
            }
            let f = fwd.dropFirst().min()!, bk = bwd.dropFirst().min()!   // best of N: the least disturbed run on a shared machine
            let bwdFlops = g.forwardFLOPs * (cin == 1 ? 1 : 2)
            lines.append(String(format: "%@  forward %6.2f ms (%5.1f GFLOP/s)   backward %6.2f ms (%5.1f GFLOP/s)%@",
                                label, f * 1e3, g.forwardFLOPs / f / 1e9, bk * 1e3, bwdFlops / bk / 1e9,
                                cin == 1 ? "  [no ∂x: first layer]" : ""))
        }
        return lines
    }
}
