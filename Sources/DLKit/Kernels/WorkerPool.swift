import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// DLKit's own worker threads (one per extra core), which spin a moment between jobs before they sleep.
///
/// A training step of a small model hands work to the other core a dozen times (each split product, each Adam
/// update), a few hundred microseconds apart. Through GCD every hand-off woke a sleeping thread (`sem_post`,
/// a futex, and on a virtual machine an inter-processor interrupt to a halted vCPU: tens of microseconds
/// each, while the caller waited). Here a worker that has just finished keeps polling for the next job for
/// ~0.2 ms, then parks on a condition variable — as OpenMP's threads do in PyTorch (GOMP's spin count).
///
/// One job at a time: a job is `count` iterations, claimed one by one by the caller and the workers from one
/// atomic ticket (generation, count and next index packed in 64 bits, so a late worker can never claim an
/// iteration of a newer job). A call made while another job runs — nested inside a job's body, or from a
/// second thread — runs its iterations on the calling thread. Which thread runs an iteration never changes
/// what it computes: callers split work by the iteration number only.
///
///     WorkerPool.shared.run(4) { i in work(i) }
public final class WorkerPool: @unchecked Sendable {
    /// The pool of the process: one worker per core beyond the caller's.
    public static let shared = WorkerPool(threads: ParallelConfig.workers - 1)

    /// How many times an idle worker polls for a job before it sleeps (~0.1–0.3 ms).
    static let spinsBeforeParking = 1 << 17

    private static let indexBits = 20
    private static let indexMask = (1 << indexBits) - 1
    /// The most iterations one job may have (more run on the calling thread).
    public static let maximumIterations = indexMask

    /// The worker threads (the caller is not counted).
    public let threads: Int
    /// generation (bits 40…) | count (bits 20…39) | next index to claim (bits 0…19).
    private let ticket = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let parked = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private var job: ((Int) -> Void)?
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    /// A pool of its own with `threads` workers (tests; DLKit uses ``shared``). It is never freed: its workers
    /// keep it alive, parked on a condition variable once idle.
    ///
    ///     let pool = WorkerPool(threads: 1)
    public init(threads: Int) {
        self.threads = max(0, threads)
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for _ in 0..<self.threads {
            // The thread holds the pool: a pool lives as long as the process (its threads park when idle).
            let thread = Thread { self.workerLoop() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Runs `body(0)`, …, `body(count − 1)`, spread over the calling thread and the workers; returns when all
    /// have finished. Serial on the calling thread when there are no workers or another job is running.
    ///
    ///     WorkerPool.shared.run(chunks) { c in sum(part: c) }
    public func run(_ count: Int, _ body: (Int) -> Void) {
        guard threads > 0, count > 1, count <= Self.maximumIterations,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for i in 0..<count { body(i) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            finished.store(0, ordering: .relaxed)
            let generation = ((ticket.load(ordering: .relaxed) >> 40) &+ 1) & 0x7F_FFFF   // 23 bits: stays positive
            let fresh = generation << 40 | count << Self.indexBits
            ticket.store(fresh, ordering: .sequentiallyConsistent)   // publishes `job` (see park())
            if parked.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(condition)
                pthread_mutex_unlock(mutex)
            }
            claimAll(generation: generation)
            var polls = 0
            while finished.load(ordering: .acquiring) < count {
                polls += 1
                if polls > Self.spinsBeforeParking { sched_yield() }   // a worker was descheduled: let it run
            }
            job = nil
        }
        busy.store(false, ordering: .releasing)
    }

    /// Claims and runs iterations of job `generation` until none is left (or a newer job has started).
    private func claimAll(generation: Int) {
        var t = ticket.load(ordering: .acquiring)
        while t >> 40 == generation {
            let index = t & Self.indexMask, count = (t >> Self.indexBits) & Self.indexMask
            guard index < count else { return }
            let (exchanged, original) = ticket.compareExchange(expected: t, desired: t + 1,
                                                               ordering: .acquiringAndReleasing)
            guard exchanged else { t = original; continue }
            runIteration(index)
            finished.add(1, ordering: .releasing)
            t = ticket.load(ordering: .acquiring)
        }
    }

    /// One claimed iteration; its own function so that the copy of `job` is released before `finished` counts
    /// it (the caller then clears `job`, and `withoutActuallyEscaping` checks that nobody kept it).
    @inline(never)
    private func runIteration(_ index: Int) {
        job!(index)
    }

    private func workerLoop() {
        var served = 0
        while true {
            var polls = 0
            var t = ticket.load(ordering: .acquiring)
            while t >> 40 == served {
                polls += 1
                if polls > Self.spinsBeforeParking { park(servedGeneration: served); polls = 0 }
                t = ticket.load(ordering: .acquiring)
            }
            served = t >> 40
            claimAll(generation: served)
        }
    }

    /// Sleeps until a job newer than `servedGeneration` is published. `run` stores the ticket and then reads
    /// `parked`, this adds to `parked` and then reads the ticket, both sequentially consistent: either `run`
    /// sees a sleeper and broadcasts (under the mutex, so not before this waits), or this sees the new job.
    private func park(servedGeneration: Int) {
        pthread_mutex_lock(mutex)
        parked.add(1, ordering: .sequentiallyConsistent)
        while ticket.load(ordering: .sequentiallyConsistent) >> 40 == servedGeneration {
            pthread_cond_wait(condition, mutex)
        }
        parked.subtract(1, ordering: .sequentiallyConsistent)
        pthread_mutex_unlock(mutex)
    }
}
