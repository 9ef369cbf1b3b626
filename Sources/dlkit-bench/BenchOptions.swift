import Foundation

/// The command line of dlkit-bench, parsed by hand (the benchmark depends only on DLKit).
struct BenchOptions {
    /// Which parts to run: sgemm, conv, mlp, cnn, keras (default all).
    var only: Set<String> = ["sgemm", "conv", "mlp", "cnn", "keras"]
    /// Stop each epoch after this many batches (nil: the full 60,000 images) and scale the time.
    var batches: Int? = nil
    var repeats = 5
    var seed: UInt64 = 42
    /// `--workload mlp|cnn|keras`: run only that recipe and print one JSON line (what scripts/bench reads).
    var workload: TrainingBenchmark.Kind? = nil

    static let usage = """
        usage: dlkit-bench [--only sgemm,conv,mlp,cnn,keras] [--batches N] [--repeats N] [--seed S]
               dlkit-bench --workload mlp|cnn|keras [--batches N] [--seed S]   (one JSON line, for scripts/bench)
        DLKit alone. To compare with PyTorch on this machine, run scripts/bench (it runs both, alternately).
        """

    init<S: Sequence>(_ arguments: S) where S.Element == String {
        var it = arguments.makeIterator()
        while let a = it.next() {
            switch a {
            case "--only": only = Set((it.next() ?? "").split(separator: ",").map(String.init))
            case "--batches": batches = Int(it.next() ?? "")
            case "--repeats": repeats = Int(it.next() ?? "") ?? repeats
            case "--seed": seed = UInt64(it.next() ?? "") ?? seed
            case "--workload":
                let name = it.next() ?? ""
                guard let kind = TrainingBenchmark.Kind(rawValue: name) else {
                    print("dlkit-bench: unknown workload '\(name)' (mlp, cnn or keras)")
                    exit(2)
                }
                workload = kind
            case "-h", "--help":
                print(Self.usage)
                exit(0)
            default:
                print("dlkit-bench: unknown argument '\(a)' (try --help)")
                exit(2)
            }
        }
    }

    func runs(_ part: String) -> Bool { only.contains(part) }
}
