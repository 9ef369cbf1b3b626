import Foundation

/// At most `workers` workbooks graded at once, each on a thread of its own (a big stack: the Swift parser of the
/// submission screen recurses). The first error stops the others from starting new work and is thrown when they
/// have finished what they were doing; `finished` is called one at a time, in completion order.
final class ClassPool: @unchecked Sendable {
    private let jobs: [ClassGrader.Job]
    private let lock = NSLock()
    private var next = 0
    private var done: Int
    private let total: Int
    private var results: [ClassRecord] = []
    private var failure: Error?

    init(jobs: [ClassGrader.Job], done: Int, total: Int) {
        self.jobs = jobs
        self.done = done
        self.total = total
    }

    func run(workers: Int, _ body: @escaping (ClassGrader.Job) throws -> (ClassRecord, Double),
             finished: @escaping (ClassRecord, Double, Int) -> Void) throws -> [ClassRecord] {
        let group = DispatchGroup()
        for _ in 0..<min(workers, max(1, jobs.count)) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while let job = take() {
                    do {
                        let (record, seconds) = try body(job)
                        lock.lock()
                        results.append(record)
                        done += 1
                        finished(record, seconds, done)
                        lock.unlock()
                    } catch {
                        lock.lock()
                        if failure == nil { failure = error }
                        lock.unlock()
                    }
                }
            }
            thread.stackSize = 64 << 20
            thread.start()
        }
        group.wait()
        if let failure { throw failure }
        return results
    }

    /// The next job, or nil when all are taken or one failed.
    private func take() -> ClassGrader.Job? {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil, next < jobs.count else { return nil }
        next += 1
        return jobs[next - 1]
    }
}
