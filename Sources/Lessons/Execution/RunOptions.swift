import CourseWire
import Foundation

/// How to run a lesson.
///
///     RunOptions(force: true)                       // ignore cached results
///     RunOptions(useCache: false, timeout: 5)       // never cache, 5 s per cell
public struct RunOptions: Sendable {
    /// Run even when results are cached (and store the new ones).
    public var force: Bool
    /// Read and write the result cache (compiled programs are cached regardless).
    public var useCache: Bool
    /// Seconds per cell; nil: the lesson's front matter `timeout:`.
    public var timeout: Double?
    /// Seconds each isolated scope (a `fails` cell, an exercise with its checks) may run; nil: as `timeout`.
    public var isolatedTimeLimit: Double?
    /// Seconds the compiler may take.
    public var compileTimeLimit: Double
    /// The program's address-space limit (setrlimit RLIMIT_AS), in MiB.
    public var memoryLimitMB: Int
    /// The checksums of the data files lessons read, part of the cache key (default: `$COURSE_DATA_KEY`).
    public var dataKey: String
    /// How the program is started (a sandbox for graded code).
    public var launcher: any ProgramLauncher
    /// Where pictures go and where the program runs (default: the cache's outputs folder, the course folder).
    public var outputsDirectory: URL?
    public var workingDirectory: URL?
    /// `memo` only reads trained weights (a graded run).
    public var memoReadOnly: Bool
    /// Statements after each exercise's code, per exercise id (grading's type pins).
    public var pins: [String: [String]]

    public init(force: Bool = false, useCache: Bool = true, timeout: Double? = nil, isolatedTimeLimit: Double? = nil,
                compileTimeLimit: Double = 300, memoryLimitMB: Int = 16384,
                dataKey: String = ProcessInfo.processInfo.environment[CourseVariable.dataKey.name] ?? "",
                launcher: any ProgramLauncher = LessonLauncher(), outputsDirectory: URL? = nil,
                workingDirectory: URL? = nil, memoReadOnly: Bool = false, pins: [String: [String]] = [:]) {
        self.force = force
        self.useCache = useCache
        self.timeout = timeout
        self.isolatedTimeLimit = isolatedTimeLimit
        self.compileTimeLimit = compileTimeLimit
        self.memoryLimitMB = memoryLimitMB
        self.dataKey = dataKey
        self.launcher = launcher
        self.outputsDirectory = outputsDirectory
        self.workingDirectory = workingDirectory
        self.memoReadOnly = memoReadOnly
        self.pins = pins
    }
}
