// dlkit-bench: DLKit's speed on this machine. It prints only what it measures; the comparison with PyTorch,
// run side by side in the same command, is scripts/bench (which calls `dlkit-bench --workload …`).
//
//     swift run -c release dlkit-bench                 # everything: sgemm, conv kernels, MLP, CNN, Keras CNN
//     swift run -c release dlkit-bench --only cnn
//     swift run -c release dlkit-bench --batches 200   # a quick partial epoch, scaled to 60,000 images
//     swift run -c release dlkit-bench --workload cnn  # one JSON line (scripts/bench)
import CBLAS
import DLKit
import Foundation

setvbuf(stdout, nil, _IOLBF, 0)   // one line at a time, also when piped to a file
let options = BenchOptions(CommandLine.arguments.dropFirst())

if let workload = options.workload {
    let data = MNISTInMemory.load()
    let r = TrainingBenchmark(kind: workload, data: data, options: options).run(seed: options.seed)
    var fields: [String] = [
        "\"framework\": \"dlkit\"", "\"version\": \"\(DLKitInfo.version)\"", "\"workload\": \"\(workload.rawValue)\"",
        "\"threads\": \(ProcessInfo.processInfo.activeProcessorCount)", "\"blas_threads\": \(DLKitInfo.blasThreads)",
        "\"real_data\": \(data.isReal)", "\"epoch_s\": \(r.epochSeconds)", "\"batches\": \(r.batches)",
        "\"cpu_s\": \(r.cpuSeconds)", "\"test_error\": \(r.testError)",
    ]
    if let ips = r.inferenceImagesPerSecond { fields.append("\"inference_img_s\": \(ips)") }
    fields.append("\"peak_rss_mb\": \(peakMemoryMB())")
    print("{" + fields.joined(separator: ", ") + "}")
    exit(0)
}

print("dlkit-bench — DLKit \(DLKitInfo.version), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
      + "\(DLKitInfo.blasThreads) cores for its kernels, single-threaded OpenBLAS on each (DLKit alone; scripts/bench compares with PyTorch)")

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

let recipes = TrainingBenchmark.Kind.allCases.filter { options.runs($0.rawValue) }
if !recipes.isEmpty {
    let data = MNISTInMemory.load()
    print("\n== data: \(data.source) ==")
    for kind in recipes {
        let bench = TrainingBenchmark(kind: kind, data: data, options: options)
        let r = bench.run(seed: options.seed)
        print("\n== \(bench.title), Adam 1e-3, batch \(bench.batchSize) ==")
        let scaled = options.batches.map { " (scaled from \(min($0, r.batches)) batches)" } ?? ""
        print(String(format: "epoch %6.2f s%@  %6.0f img/s   CPU %.2f s   mean loss %.4f   test error %5.2f %%",
                     r.epochSeconds, scaled, 60_000 / r.epochSeconds, r.cpuSeconds, r.meanLoss, 100 * r.testError))
        if let ips = r.inferenceImagesPerSecond {
            print(String(format: "inference on the 10,000 test images, batch 64: %6.0f img/s", ips))
        }
    }
}

print("\npeak memory (ru_maxrss): \(String(format: "%.0f", peakMemoryMB())) MB")

