import DLKit
import Foundation
import XCTest

/// The spinning worker pool behind parallelChunks, ParallelGEMM and Adam: every iteration of every job runs
/// exactly once, however many jobs follow each other, whether workers are spinning or asleep; a call nested in
/// a job's body, or made from a second thread while a job runs, still runs all of its iterations.
final class WorkerPoolTests: XCTestCase {
    func testEveryIterationRunsExactlyOnceOverThousandsOfJobs() {
        let pool = WorkerPool(threads: 1)
        for job in 0..<3000 {
            let count = 2 + job % 9
            let hits = UnsafeMutablePointer<Int>.allocate(capacity: count)
            hits.initialize(repeating: 0, count: count)
            pool.run(count) { i in hits[i] += 1 }   // each index is written by one thread only
            XCTAssertEqual(Array(UnsafeBufferPointer(start: hits, count: count)), [Int](repeating: 1, count: count),
                           "job \(job)")
            hits.deallocate()
            if job % 1000 == 999 { usleep(5_000) }   // long enough for the worker to park; it must wake again
        }
    }

    func testNestedAndConcurrentCallsRunAllTheirIterations() {
        let pool = WorkerPool(threads: 1)
        let lock = NSLock()
        var total = 0
        DispatchQueue.concurrentPerform(iterations: 4) { _ in    // four submitters at once
            for _ in 0..<50 {
                pool.run(3) { _ in
                    pool.run(5) { j in lock.lock(); total += j + 1; lock.unlock() }   // nested: 1+2+3+4+5
                }
            }
        }
        XCTAssertEqual(total, 4 * 50 * 3 * 15)
    }

    func testWorkIsSharedWithTheWorkerThread() {
        let pool = WorkerPool(threads: 1)
        XCTAssertEqual(pool.threads, 1)
        let lock = NSLock()
        var threadsSeen = Set<String>()
        for _ in 0..<200 {
            pool.run(2) { _ in
                let started = Date()
                while Date().timeIntervalSince(started) < 0.0005 {}   // long enough for the other thread to claim one
                lock.lock(); threadsSeen.insert("\(pthread_self())"); lock.unlock()
            }
        }
        XCTAssertEqual(threadsSeen.count, 2, "the caller and the worker both ran iterations")
    }
}
