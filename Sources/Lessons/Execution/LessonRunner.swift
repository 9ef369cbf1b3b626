import Checksum
import Foundation

/// Runs lessons: generate the program, compile it (or reuse the compiled binary), run it, collect each cell's
/// outputs — or take all of that from the result cache when nothing that could change it changed.
///
///     let runner = try LessonRunner(environment: CourseEnvironment.locate())
///     let result = try runner.run(lesson) { progress in … }       // streams as cells compute
///     result.cells[4].text                                         // what cell 4 printed
///
/// A compile error does not stop the lesson: the failing cell (and, unless it is an isolated `fails` cell or
/// exercise, every later cell) is left out, the rest is compiled again and runs, and the failing cell shows the
/// compiler's message with its lesson line.
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

        let cells = lesson.cells
        var leftOut: Set<Int> = []
        var compileErrors: [Int: CellError] = [:]
        var cutAt: Int?
        var compileSeconds = 0.0
        var programFromCache = true
        let compiler = LessonCompiler(environment: environment, toolchain: toolchain)
        var compiled: (program: LessonProgram, binary: URL)?
        var programFailure: CellError?

        // Compile; on errors leave the failing cells out and try again (bounded: each round removes a cell).
        for _ in 0...cells.count {
            let program = LessonProgram(lesson: lesson, exercises: exercises, leavingOut: leftOut)
            let binary = try programFile(for: program, flags: compiler.flags)
            if FileManager.default.isExecutableFile(atPath: binary.path) {
                progress?(.compiling(cached: true))
                compiled = (program, binary)
                break
            }
            progress?(.compiling(cached: false))
            programFromCache = false
            switch try compiler.compile(program, to: binary) {
            case .success(_, let seconds):
                compileSeconds += seconds
                compiled = (program, binary)
                pruneCompiledPrograms(keeping: 64)
            case .failure(let errors, let output):
                var failing: [Int: [Diagnostic]] = [:]
                for error in errors {
                    if let cell = program.cell(file: error.file, line: error.line) { failing[cell, default: []].append(error) }
                }
                guard !failing.isEmpty else {
                    // Not in any cell: the generated program itself (or the library) is broken.
                    programFailure = CellError(kind: .compile,
                        message: "the lesson program did not compile, and the error is not in a cell",
                        detail: output)
                    break
                }
                for (cell, diagnostics) in failing {
                    let span = program.span(file: diagnostics[0].file, line: diagnostics[0].line)
                    compileErrors[cell] = CellError(
                        kind: .compile,
                        message: diagnostics.map(\.message).joined(separator: "\n"),
                        lineInCell: span.map { diagnostics[0].line - $0.firstLine + 1 },
                        expected: cells[cell].kind == .fails,
                        detail: output)
                    let group = program.isolationGroup(of: cell)
                    if group.isEmpty {
                        cutAt = min(cutAt ?? cell, cell)
                    } else {
                        leftOut.formUnion(group)
                    }
                }
                if let cutAt { leftOut.formUnion(cells.map(\.index).filter { $0 >= cutAt }) }
                // Errors after the cut are consequences we cannot judge; show only the first.
                compileErrors = compileErrors.filter { cutAt == nil || $0.key <= cutAt! }
                continue
            }
            break
        }

        // Cells that did not compile are reported in their place among the running cells' output.
        var reported: Set<Int> = []
        func reportCompileErrors(before limit: Int) {
            for (index, error) in compileErrors.sorted(by: { $0.key < $1.key }) where index < limit {
                guard reported.insert(index).inserted else { continue }
                let result = CellResult(index: index, status: error.expected ? .ran : .failed, outputs: [.error(error)])
                progress?(.cellStarted(index))
                progress?(.output(cell: index, .error(error)))
                progress?(.cellFinished(result))
            }
        }
        let inOrder: (RunProgress) -> Void = { event in
            if case .cellStarted(let index) = event { reportCompileErrors(before: index) }
            progress?(event)
        }

        var results: [Int: CellResult] = [:]
        var runSeconds = 0.0
        if let (program, binary) = compiled, programFailure == nil {
            let start = Date()
            let executor = ProgramExecutor(
                program: program, binary: binary, timeout: options.timeout ?? lesson.frontMatter.timeout,
                outputsDirectory: environment.outputsDirectory, workingDirectory: environment.packageRoot,
                memoryLimitMB: options.memoryLimitMB,
                memoDirectory: environment.cacheDirectory.appendingPathComponent("memo", isDirectory: true),
                libraryHash: try libraryHash(), environment: options.environment, inheriting: options.inheriting)
            results = try executor.run(progress: progress == nil ? nil : inOrder)
            runSeconds = Date().timeIntervalSince(start)
        }

        var all: [CellResult] = []
        for cell in cells {
            if let result = results[cell.index] {
                all.append(result)
            } else if let error = compileErrors[cell.index] {
                reportCompileErrors(before: cell.index + 1)
                all.append(CellResult(index: cell.index, status: error.expected ? .ran : .failed, outputs: [.error(error)]))
            } else if !cell.runs {
                all.append(CellResult(index: cell.index, status: .skipped))
            } else if let error = programFailure, !all.contains(where: { $0.status == .failed }) {
                let result = CellResult(index: cell.index, status: .failed, outputs: [.error(error)])
                progress?(.cellStarted(cell.index))
                progress?(.output(cell: cell.index, .error(error)))
                progress?(.cellFinished(result))
                all.append(result)
            } else {
                all.append(CellResult(index: cell.index, status: .notRun))
            }
        }
        let result = LessonResult(cells: all, key: key.digest, compileSeconds: compileSeconds, runSeconds: runSeconds,
                                  programFromCache: programFromCache)
        // A time-out depends on how busy the machine was, a broken program on the installation: never remember
        // those.
        let accidental = programFailure != nil || all.contains { $0.error?.kind == .timeout || $0.error?.kind == .exit }
        if options.useCache && !accidental { try? cache.store(result) }
        return result
    }

    /// The compiled program's path: keyed by its source, the flags, the library and the compiler.
    func programFile(for program: LessonProgram, flags: [String]) throws -> URL {
        let hasher = Checksum.Hasher(.sha256)
        hasher.update(program.source)
        hasher.update("\u{0}" + flags.joined(separator: "\u{0}"))
        hasher.update("\u{0}" + (try libraryHash()))
        hasher.update("\u{0}" + toolchain.version)
        let folder = environment.cacheDirectory.appendingPathComponent("programs", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(hasher.finish())
    }

    /// Removes all but the `count` most recently compiled programs (each edit of a lesson compiles a new one).
    func pruneCompiledPrograms(keeping count: Int) {
        let folder = environment.cacheDirectory.appendingPathComponent("programs", isDirectory: true)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path), names.count > count else { return }
        let dated = names.filter { !$0.hasPrefix(".") }.map { name -> (String, Date) in
            let date = (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate]
                as? Date) ?? .distantPast
            return (name, date)
        }.sorted { $0.1 > $1.1 }
        for (name, _) in dated.dropFirst(count) { try? fm.removeItem(at: folder.appendingPathComponent(name)) }
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

/// How to run a lesson.
///
///     RunOptions(force: true)                       // ignore cached results
///     RunOptions(useCache: false, timeout: 5)       // grading: never cache, 5 s per cell
public struct RunOptions: Equatable, Sendable {
    /// Run even when results are cached (and store the new ones).
    public var force: Bool
    /// Read and write the result cache (compiled programs are cached regardless).
    public var useCache: Bool
    /// Seconds per cell; nil: the lesson's front matter `timeout:`.
    public var timeout: Double?
    /// The program's address-space limit (setrlimit RLIMIT_AS), in MiB.
    public var memoryLimitMB: Int
    /// Extra environment variables for the program (e.g. a grader's channel).
    public var environment: [String: String]
    /// Descriptors the program inherits under the same numbers (e.g. a grader's pipe).
    public var inheriting: [Int32]
    /// The checksums of the data files lessons read, part of the cache key (default: `$COURSE_DATA_KEY`).
    public var dataKey: String

    public init(force: Bool = false, useCache: Bool = true, timeout: Double? = nil, memoryLimitMB: Int = 16384,
                environment: [String: String] = [:], inheriting: [Int32] = [],
                dataKey: String = ProcessInfo.processInfo.environment["COURSE_DATA_KEY"] ?? "") {
        self.force = force
        self.useCache = useCache
        self.timeout = timeout
        self.memoryLimitMB = memoryLimitMB
        self.environment = environment
        self.inheriting = inheriting
        self.dataKey = dataKey
    }
}
