import Foundation

/// Runs lessons: the one pipeline from a lesson to its results. Plan the program (shared cells, isolated
/// scopes), build it (compile, leaving out what does not compile), run it (plain or in a sandbox), collect each
/// cell's outputs — or take all of that from the result cache when nothing that could change it changed.
/// `course run`, `course build`, `course check` and the validation of every lesson go through `run`.
///
///     let runner = try LessonRunner(environment: CourseEnvironment.locate())
///     let result = try runner.run(lesson) { progress in … }       // streams as cells compute
///     result.cells[4].text                                         // what cell 4 printed
public struct LessonRunner: Sendable {
    public var environment: CourseEnvironment
    public var toolchain: Toolchain
    public var cache: ResultCache

    public init(environment: CourseEnvironment, toolchain: Toolchain? = nil) throws {
        self.environment = environment
        self.toolchain = try toolchain ?? Toolchain.find(cacheDirectory: environment.cacheDirectory)
        self.cache = ResultCache(directory: environment.cacheDirectory)
    }

    /// The content hash of the CourseKit library the programs link against.
    public func libraryHash() throws -> String {
        try FileFingerprint.sha256(of: environment.library, memo: environment.cacheDirectory)
    }

    /// The cache key of `lesson`'s results.
    public func cacheKey(for lesson: Lesson, exercises: ExerciseSource = .starter, options: RunOptions = RunOptions())
        throws -> CacheKey {
        CacheKey(lesson: lesson, exercises: exercises, libraryHash: try libraryHash(),
                 compilerVersion: toolchain.version, dataKey: options.dataKey)
    }

    /// Whether `lesson`'s results are in the cache.
    public func isCached(_ lesson: Lesson, exercises: ExerciseSource = .starter, options: RunOptions = RunOptions())
        -> Bool {
        guard let key = try? cacheKey(for: lesson, exercises: exercises, options: options) else { return false }
        return cache.contains(key)
    }

    /// Runs `lesson` (or loads its results from the cache) and returns a result for every cell. `progress` sees
    /// each cell start, its outputs as they arrive, and its end — also when the results come from the cache.
    public func run(_ lesson: Lesson, exercises: ExerciseSource = .starter, options: RunOptions = RunOptions(),
                    progress: ((RunProgress) -> Void)? = nil) throws -> LessonResult {
        let key = try cacheKey(for: lesson, exercises: exercises, options: options)
        if options.useCache && !options.force, let cached = cache.load(key) {
            replay(cached, to: progress)
            return cached
        }
        let hash = try libraryHash()
        if options.outputsDirectory == nil {   // a sandboxed run writes its pictures inside its sandbox
            do {
                try FileManager.default.createDirectory(at: environment.outputsDirectory, withIntermediateDirectories: true)
            } catch {
                throw CacheFolderError(path: environment.outputsDirectory.path, reason: error)
            }
        }
        let compiler = LessonCompiler(environment: environment, toolchain: toolchain, timeLimit: options.compileTimeLimit,
                                      debugInfo: options.launcher.debugInfo)
        let built = try ProgramBuilder(compiler: compiler, cacheDirectory: environment.cacheDirectory, libraryHash: hash)
            .build(lesson, exercises: exercises, pins: options.pins, isolatedTimeLimit: options.isolatedTimeLimit) {
                progress?(.compiling(cached: $0))
            }
        var ordered = OrderedProgress(compileErrors: built.compileErrors, progress: progress)
        var results: [Int: CellResult] = [:]
        var runSeconds = 0.0
        if let program = built.program, let binary = built.binary, built.programFailure == nil {
            let start = Date()
            let settings = ExecutionSettings(
                timeout: options.timeout ?? lesson.frontMatter.timeout, memoryLimitMB: options.memoryLimitMB,
                outputsDirectory: options.outputsDirectory ?? environment.outputsDirectory,
                workingDirectory: options.workingDirectory ?? environment.packageRoot,
                memoDirectory: environment.cacheDirectory.appendingPathComponent("memo", isDirectory: true),
                memoReadOnly: options.memoReadOnly, libraryHash: hash, dataKey: options.dataKey,
                launcher: options.launcher)
            results = try ProgramExecutor(program: program, binary: binary, settings: settings)
                .run(progress: progress == nil ? nil : { ordered.forward($0) })
            runSeconds = Date().timeIntervalSince(start)
        }
        let all = lesson.cells.map { cell -> CellResult in
            if let result = results[cell.index] { return result }
            if let error = built.compileErrors[cell.index] {
                return ordered.report(cell.index, CellResult(index: cell.index, status: error.expected ? .ran : .failed,
                                                             outputs: [.error(error)]))
            }
            if !cell.runs { return CellResult(index: cell.index, status: .skipped) }
            return CellResult(index: cell.index, status: .notRun)
        }
        var cells = all
        if let error = built.programFailure, let first = cells.firstIndex(where: { $0.status == .notRun }) {
            cells[first] = ordered.report(first, CellResult(index: first, status: .failed, outputs: [.error(error)]))
        }
        let result = LessonResult(cells: cells, key: key.digest, compileSeconds: built.compileSeconds,
                                  runSeconds: runSeconds, programFromCache: built.fromCache)
        // A time-out depends on how busy the machine was, a broken program on the installation: never remember
        // those.
        let accidental = built.programFailure != nil
            || cells.contains { $0.error?.kind == .timeout || $0.error?.kind == .exit }
        if options.useCache && !accidental { try? cache.store(result) }
        return result
    }

    private func replay(_ result: LessonResult, to progress: ((RunProgress) -> Void)?) {
        guard let progress else { return }
        for cell in result.cells where cell.status != .skipped {
            progress(.cellStarted(cell.index))
            for output in cell.outputs {
                if case .text(let text) = output { progress(.text(cell: cell.index, text)) }
                else { progress(.output(cell: cell.index, output)) }
            }
            progress(.cellFinished(cell))
        }
    }
}

/// Cells that did not compile are reported in their place among the running cells' progress.
private struct OrderedProgress {
    var compileErrors: [Int: CellError]
    var progress: ((RunProgress) -> Void)?
    private var reported: Set<Int> = []

    init(compileErrors: [Int: CellError], progress: ((RunProgress) -> Void)?) {
        self.compileErrors = compileErrors
        self.progress = progress
    }

    mutating func forward(_ event: RunProgress) {
        if case .cellStarted(let index) = event {
            for (cell, error) in compileErrors.sorted(by: { $0.key < $1.key }) where cell < index {
                _ = report(cell, CellResult(index: cell, status: error.expected ? .ran : .failed, outputs: [.error(error)]))
            }
        }
        progress?(event)
    }

    /// Shows a result that no program produced (a compile error), once.
    mutating func report(_ index: Int, _ result: CellResult) -> CellResult {
        guard reported.insert(index).inserted, let progress else { return result }
        progress(.cellStarted(index))
        for output in result.outputs { progress(.output(cell: index, output)) }
        progress(.cellFinished(result))
        return result
    }
}
