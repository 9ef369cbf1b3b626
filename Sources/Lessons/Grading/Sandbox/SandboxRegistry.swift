import Dispatch
import Foundation

/// What to clean up if `course` is interrupted: every live sandbox and time-limited process registers a cleanup
/// here, and ``installInterruptHandler()`` makes SIGINT, SIGTERM and SIGHUP run them all (kill the trees, remove
/// the cgroups and work folders) before the signal takes its usual effect. The handler runs on a Dispatch queue,
/// not in signal context, so the cleanups may do ordinary work.
///
///     SandboxRegistry.installInterruptHandler()   // once, at the start of `course check` / `course grade`
///     let id = SandboxRegistry.register { removeEverything() }
///     defer { SandboxRegistry.unregister(id) }
public enum SandboxRegistry {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cleanups: [Int: @Sendable () -> Void] = [:]
    nonisolated(unsafe) private static var nextID = 0
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    nonisolated(unsafe) private static var cleaner: pthread_t?

    /// The signals that clean up and then end the process.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Registers `cleanup`; returns the id to unregister it with.
    public static func register(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        lock.lock(); defer { lock.unlock() }
        nextID += 1
        cleanups[nextID] = cleanup
        return nextID
    }

    public static func unregister(_ id: Int) {
        lock.lock(); defer { lock.unlock() }
        cleanups[id] = nil
    }

    /// Runs (and forgets) every registered cleanup.
    public static func cleanUpAll() {
        lock.lock()
        let pending = cleanups
        cleanups = [:]
        lock.unlock()
        for id in pending.keys.sorted() { pending[id]!() }
    }

    /// Called by code that saw a sandboxed or time-limited process end: while an interrupt is being cleaned up,
    /// it waits here for the signal to end the process, so `course` does not go on to report on runs it killed
    /// itself (or exit 0 before the signal is raised again).
    static func holdIfInterrupted() {
        lock.lock()
        let cleaning = cleaner
        lock.unlock()
        guard let cleaning, pthread_equal(cleaning, pthread_self()) == 0 else { return }
        while true { pause() }
    }

    /// Installs the handler (idempotent). On a signal: cleans up, restores the default action and raises the
    /// signal again, so the process ends the way it would have (exit status 130 for Ctrl-C in a shell).
    public static func installInterruptHandler() {
        lock.lock(); defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                lock.lock()
                cleaner = pthread_self()
                lock.unlock()
                cleanUpAll()
                signal(number, SIG_DFL)
                var unblock = sigset_t()
                sigemptyset(&unblock)
                sigaddset(&unblock, number)
                pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
                kill(getpid(), number)
            }
            source.resume()
            sources.append(source)
        }
    }
}
