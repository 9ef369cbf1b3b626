import Foundation

/// Runs the site's rebuilds one after another on its own thread. A save that arrives while a rebuild runs is
/// queued, and saves queued together become one rebuild with the latest text: a lesson is never run twice at
/// once, and the result cache is only ever written by one run (atomically, by `ResultCache`).
///
///     let scheduler = RebuildScheduler(site: site) { event in server.publish(event) }
///     scheduler.request(changed: [lessonFile])
public final class RebuildScheduler: @unchecked Sendable {
    private let site: PreviewSite
    private let onEvent: @Sendable (PreviewEvent) -> Void
    private let condition = NSCondition()
    private var pending: Set<URL> = []
    private var pendingEverything = false
    private var busy = false
    private var stopped = false
    private var finished = 0
    private var thread: Thread?

    public init(site: PreviewSite, onEvent: @escaping @Sendable (PreviewEvent) -> Void) {
        self.site = site
        self.onEvent = onEvent
    }

    /// Starts the rebuild thread.
    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "course.preview.rebuild"
        thread.start()
        self.thread = thread
    }

    /// Asks for a rebuild after `changed` files were saved. Lesson Markdown is compared with its last version;
    /// any other file under lessons/ (data a lesson reads) makes every lesson go through the cache again.
    public func request(changed: Set<URL>) {
        condition.lock()
        pending.formUnion(changed)
        if changed.contains(where: { $0.pathExtension != "md" }) { pendingEverything = true }
        let queuedBehindRun = busy
        condition.signal()
        condition.unlock()
        if queuedBehindRun {
            onEvent(.queued(changed.map { $0.lastPathComponent }.sorted()))
        }
    }

    /// Asks for a rebuild of everything (the first build).
    public func requestEverything() {
        condition.lock()
        pendingEverything = true
        condition.signal()
        condition.unlock()
    }

    /// Blocks until no rebuild is pending or running (tests, `--once`).
    public func waitUntilIdle() {
        condition.lock()
        while busy || !pending.isEmpty || pendingEverything { condition.wait() }
        condition.unlock()
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty && !pendingEverything && !stopped { condition.wait() }
            if stopped { condition.unlock(); return }
            let everything = pendingEverything
            pending = []
            pendingEverything = false
            busy = true
            condition.unlock()

            do {
                let report = try site.update(everything: everything, report: onEvent)
                onEvent(.rebuilt(report))
            } catch {
                onEvent(.problem("\(error)"))
            }

            condition.lock()
            busy = false
            finished += 1
            condition.broadcast()
            condition.unlock()
        }
    }
}
