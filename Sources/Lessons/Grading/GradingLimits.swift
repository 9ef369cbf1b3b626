import CourseWire
import Foundation

/// How long and how much memory graded code may use.
///
///     GradingLimits(timeLimit: 2)                 // 2 s per exercise (its code and all its checks)
///     GradingLimits(timeLimit: 10, memoryLimitMB: 4096)
public struct GradingLimits: Equatable, Sendable {
    /// Seconds per exercise (its code and all its checks); an exercise still running then is killed and scores 0.
    public var timeLimit: Double
    /// Address-space limit of the graded program, in MiB (the same default as `course run`: lessons that load
    /// MNIST and train need room; thread arenas count too).
    public var memoryLimitMB: Int
    /// Seconds each of the lesson's own cells may take (training in a lesson runs there, not per exercise).
    public var lessonTimeLimit: Double
    /// Seconds the compiler may take on the graded program.
    public var compileTimeLimit: Double
    /// The data files' checksums (part of the reference run's cache key).
    public var dataKey: String

    public init(timeLimit: Double = 10, memoryLimitMB: Int = 16384, lessonTimeLimit: Double = 300,
                compileTimeLimit: Double = 120,
                dataKey: String = ProcessInfo.processInfo.environment[CourseVariable.dataKey.name] ?? "") {
        self.timeLimit = timeLimit
        self.memoryLimitMB = memoryLimitMB
        self.lessonTimeLimit = lessonTimeLimit
        self.compileTimeLimit = compileTimeLimit
        self.dataKey = dataKey
    }
}
