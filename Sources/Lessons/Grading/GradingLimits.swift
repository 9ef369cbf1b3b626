/// How long and how much memory graded code may use.
///
///     GradingLimits(timeLimit: 2)                 // 2 s per exercise (its code and all its checks)
///     GradingLimits(timeLimit: 10, memoryLimitMB: 4096)
public struct GradingLimits: Equatable, Sendable {
    /// Seconds per exercise attempt; an attempt still running then is killed and scores 0.
    public var timeLimit: Double
    /// Address-space limit of the whole program, in MiB (the same default as `course run`: lessons that load
    /// MNIST and train need room; thread arenas count too).
    public var memoryLimitMB: Int
    /// Seconds the lesson's own cells may take in total (training in a lesson runs here, not per exercise).
    public var lessonTimeLimit: Double

    public init(timeLimit: Double = 10, memoryLimitMB: Int = 16384, lessonTimeLimit: Double = 300) {
        self.timeLimit = timeLimit
        self.memoryLimitMB = memoryLimitMB
        self.lessonTimeLimit = lessonTimeLimit
    }
}
