/// Whether operations record the computation graph. Off inside `withoutGrad { … }` (evaluation,
/// optimizer updates), which saves memory and time. The switch is per thread.
public enum GradMode {
    @usableFromInline nonisolated(unsafe) static var disabledDepth = 0

    /// `true` unless inside `withoutGrad`.
    ///
    /// ```swift
    /// if GradMode.isEnabled { print("recording") }
    /// ```
    public static var isEnabled: Bool { disabledDepth == 0 }
}

/// Runs `body` without recording gradients, like PyTorch's `with torch.no_grad():`.
///
/// ```swift
/// let predictions = withoutGrad { model(testImages) }
/// ```
@discardableResult
public func withoutGrad<R>(_ body: () throws -> R) rethrows -> R {
    GradMode.disabledDepth += 1
    defer { GradMode.disabledDepth -= 1 }
    return try body()
}
