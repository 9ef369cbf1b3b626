/// The command line of dlkit-bench, parsed by hand (the benchmark depends only on DLKit).
struct BenchOptions {
    /// Which parts to run: sgemm, conv, mlp, cnn (default all).
    var only: Set<String> = ["sgemm", "conv", "mlp", "cnn"]
    var epochs = 1
    /// Stop each epoch after this many batches (nil: the full 60,000 images) and scale the time.
    var batches: Int? = nil
    var repeats = 5
    var seed: UInt64 = 42

    init<S: Sequence>(_ arguments: S) where S.Element == String {
        var it = arguments.makeIterator()
        while let a = it.next() {
            switch a {
            case "--only": only = Set((it.next() ?? "").split(separator: ",").map(String.init))
            case "--epochs": epochs = Int(it.next() ?? "") ?? epochs
            case "--batches": batches = Int(it.next() ?? "")
            case "--repeats": repeats = Int(it.next() ?? "") ?? repeats
            case "--seed": seed = UInt64(it.next() ?? "") ?? seed
            case "-h", "--help":
                print("usage: dlkit-bench [--only sgemm,conv,mlp,cnn] [--epochs N] [--batches N] [--repeats N] [--seed S]")
                exit(0)
            default:
                print("dlkit-bench: unknown argument '\(a)' (try --help)")
                exit(2)
            }
        }
    }

    func runs(_ part: String) -> Bool { only.contains(part) }
}

import Foundation

/// Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KiB).
func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Seconds elapsed while running `body`.
func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.isEmpty ? .nan : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}

/// CPU seconds (user + system, all threads) this process has used so far. On a busy machine the wall clock
/// also counts other processes' time; CPU time counts only ours (including threads that spin-wait).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}
