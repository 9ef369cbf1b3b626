// dlkit-bench: DLKit's speed on this machine, side by side with what it must beat (/work/shared/BENCHMARKS.md).
//
//     swift run -c release dlkit-bench                 # everything: sgemm, MLP, CNN, inference, memory
//     swift run -c release dlkit-bench --only cnn --epochs 2
//     swift run -c release dlkit-bench --batches 200   # a quick partial epoch, scaled to 60,000 images
import DLKit
import Foundation

setvbuf(stdout, nil, _IOLBF, 0)   // one line at a time, also when piped to a file
let options = BenchOptions(CommandLine.arguments.dropFirst())
print("dlkit-bench — DLKit \(DLKitInfo.version), \(ProcessInfo.processInfo.activeProcessorCount) cores")

if options.runs("sgemm") {
    print("\n== sgemm (float32, C = A·B, median of \(options.repeats) runs) ==")
    for n in [1024, 2048] {
        let result = SgemmBenchmark(size: n, repeats: options.repeats).run()
        print(result.line)
    }
}

if options.runs("conv") {
    print("\n== conv2d kernels (batch 64, the seeds' CNN layers, best of \(options.repeats)) ==")
    for line in ConvLayerBenchmark.run(repeats: options.repeats) { print(line) }
    print("\n== CNN training step, layer by layer (batch 64, best of \(options.repeats)) ==")
    for line in StepBreakdown.run(repeats: options.repeats, seed: options.seed) { print(line) }
}

if options.runs("mlp") || options.runs("cnn") {
    let data = MNISTInMemory.load()
    print("\n== data: \(data.source) ==")
    for model in ["mlp", "cnn"] where options.runs(model) {
        let bench = TrainingBenchmark(kind: model == "mlp" ? .mlp : .cnn, data: data, options: options)
        for line in bench.run() { print(line) }
    }
}

print("\npeak memory (ru_maxrss): \(String(format: "%.0f", peakMemoryMB())) MB")
