import Dispatch
import Foundation

/// Clean-up that must happen however `course` ends: on Ctrl-C (SIGINT), SIGTERM or SIGHUP the registered actions
/// run — kill a running lesson program or compiler, remove a temporary folder — and then `course` exits with the
/// signal's usual status. Actions run on a dispatch queue, not inside a signal handler, so they may do real work.
///
///     let token = Interrupts.register { child.killGroup() }
///     defer { Interrupts.unregister(token) }
public enum Interrupts {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var actions: [Int: @Sendable () -> Void] = [:]
    nonisolated(unsafe) private static var next = 0
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let queue = DispatchQueue(label: "course.interrupts")
    nonisolated(unsafe) private static var cleaning = false

    /// Adds an action; returns the token that removes it.
    @discardableResult
    public static func register(_ action: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        installIfNeeded()
        next += 1
        actions[next] = action
        return next
    }

    public static func unregister(_ token: Int) {
        lock.lock()
        actions[token] = nil
        lock.unlock()
    }

    /// Installs the signal handlers now (they are also installed by the first `register`).
    public static func install() {
        lock.lock()
        installIfNeeded()
        lock.unlock()
    }

    /// Called by code that saw a process end: while an interrupt is being cleaned up, it waits here for the
    /// signal to end `course`, so nothing goes on to report on runs the clean-up killed (or exits 0 first).
    public static func holdIfInterrupted() {
        lock.lock()
        let interrupted = cleaning
        lock.unlock()
        guard interrupted, !isCleanupThread else { return }
        while true { pause() }
    }

    private static var isCleanupThread: Bool { DispatchQueue.getSpecific(key: queueKey) != nil }
    private static let queueKey = DispatchSpecificKey<Bool>()

    /// Runs every registered action (newest first) and forgets them.
    public static func runAll() {
        lock.lock()
        let pending = actions.sorted { $0.key > $1.key }.map(\.value)
        actions = [:]
        lock.unlock()
        for action in pending { action() }
    }

    private static func installIfNeeded() {
        guard sources.isEmpty else { return }
        queue.setSpecific(key: queueKey, value: true)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler {
                lock.lock()
                cleaning = true
                lock.unlock()
                runAll()
                signal(signalNumber, SIG_DFL)
                kill(getpid(), signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }
}
