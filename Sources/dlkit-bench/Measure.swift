import Foundation

/// Peak resident memory of this process so far, in MB (Linux reports ru_maxrss in KiB).
func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// Seconds elapsed while running `body`.
/// With `DLKIT_BENCH_CLOCK=thread` (for `taskset -c 0` runs on a busy machine): this thread's CPU time instead,
/// which leaves out the time other processes held the core.
func seconds(_ body: () -> Void) -> Double {
    if threadClock {
        var a = timespec(), b = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b)
        return Double(b.tv_sec - a.tv_sec) + Double(b.tv_nsec - a.tv_nsec) / 1e9
    }
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let threadClock = ProcessInfo.processInfo.environment["DLKIT_BENCH_CLOCK"] == "thread"

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
