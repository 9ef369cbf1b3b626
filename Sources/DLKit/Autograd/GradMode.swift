import Foundation

/// Whether operations record the computation graph. Off inside `withoutGrad { … }` (evaluation,
/// optimizer updates), which saves memory and time. The switch is per thread, so a worker thread that
/// evaluates a model does not change what the main thread records.
public enum GradMode {
    /// One counter of nested `withoutGrad` scopes per thread (a pthread key holding a heap Int).
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in pointer?.assumingMemoryBound(to: Int.self).deallocate() }
        return key
    }()

    private static var depth: UnsafeMutablePointer<Int> {
        if let p = pthread_getspecific(key) { return p.assumingMemoryBound(to: Int.self) }
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        pthread_setspecific(key, p)
        return p
    }

    /// `true` unless inside `withoutGrad` (on this thread).
    ///
    /// ```swift
    /// if GradMode.isEnabled { print("recording") }
    /// ```
    public static var isEnabled: Bool { depth.pointee == 0 }

    static func enter() { depth.pointee += 1 }
    static func leave() { depth.pointee -= 1 }
}

/// Runs `body` without recording gradients, like PyTorch's `with torch.no_grad():`.
///
/// ```swift
/// let predictions = withoutGrad { model(testImages) }
/// ```
@discardableResult
public func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
    GradMode.enter()
    defer { GradMode.leave() }
    return try body()
}
