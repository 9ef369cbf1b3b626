import Checksum
import Foundation

/// The one compile-and-drop loop: generate the program from the plan, compile it (or take the compiled binary
/// from the cache), and when a cell does not compile leave it out — an isolated scope alone, a shared cell with
/// every cell after it — and compile again. The failing cell keeps the compiler's message with its lesson line.
///
///     let built = try ProgramBuilder(compiler: compiler, cacheDirectory: cache, libraryHash: hash)
///         .build(lesson, exercises: .starter, pins: [:], isolatedTimeLimit: 60)
struct ProgramBuilder {
    var compiler: LessonCompiler
    var cacheDirectory: URL
    var libraryHash: String

    struct Built {
        /// The program that compiled (nil when none did: the generated program itself is broken).
        var program: LessonProgram?
        var binary: URL?
        /// Cells that did not compile, with the compiler's message.
        var compileErrors: [Int: CellError] = [:]
        /// A failure that is in no cell (the library or the generated program).
        var programFailure: CellError?
        var compileSeconds = 0.0
        var fromCache = true
    }

    func build(_ lesson: Lesson, exercises: ExerciseSource, pins: [String: [String]] = [:],
               isolatedTimeLimit: Double?, compiling: ((Bool) -> Void)? = nil) throws -> Built {
        var built = Built()
        var leftOut: Set<Int> = []
        let cells = lesson.cells
        for _ in 0...cells.count {   // each round removes at least one cell
            let plan = LessonPlan(lesson: lesson, exercises: exercises, leavingOut: leftOut, pins: pins)
            let program = LessonProgram(plan: plan, isolatedTimeLimit: isolatedTimeLimit, layout: layout)
            let binary = try programFile(for: program)
            if FileManager.default.isExecutableFile(atPath: binary.path) {
                compiling?(true)
                built.program = program
                built.binary = binary
                return built
            }
            compiling?(false)
            built.fromCache = false
            let lessonObject = layout == .lessonAndScopes ? try lessonObjectFile(for: program) : nil
            switch try compiler.compile(program, to: binary, lessonObject: lessonObject) {
            case .success(_, let seconds):
                built.compileSeconds += seconds
                built.program = program
                built.binary = binary
                pruneCompiledPrograms(keeping: 64)
                pruneCompiledPrograms(keeping: 32, in: "lesson-objects")
                return built
            case .tooSlow(let seconds):
                built.programFailure = CellError(kind: .compile, message: "compiling took longer than "
                    + "\(Int(seconds)) s and was stopped (limit \(Int(compiler.timeLimit)) s)")
                return built
            case .failure(let errors, let output):
                let removed = blame(errors, output: output, in: program, built: &built)
                guard !removed.isEmpty else {
                    built.programFailure = CellError(kind: .compile,
                        message: "the lesson program did not compile, and the error is not in a cell", detail: output)
                    return built
                }
                leftOut.formUnion(removed)
            }
        }
        return built
    }

    /// Records each failing cell's errors and returns the cells to leave out.
    private func blame(_ errors: [Diagnostic], output: String, in program: LessonProgram, built: inout Built) -> Set<Int> {
        var failing: [Int: [Diagnostic]] = [:]
        for error in errors {
            if let cell = program.cell(file: error.file, line: error.line) { failing[cell, default: []].append(error) }
        }
        let cells = program.lesson.cells
        var removed: Set<Int> = []
        var cutAt: Int?
        for (cell, diagnostics) in failing {
            let span = program.span(file: diagnostics[0].file, line: diagnostics[0].line)
            built.compileErrors[cell] = CellError(kind: .compile, message: diagnostics.map(\.message).joined(separator: "\n"),
                                                  lineInCell: span.map { diagnostics[0].line - $0.firstLine + 1 },
                                                  expected: cells[cell].kind == .fails, detail: output,
                                                  location: "\(diagnostics[0].file):\(diagnostics[0].line):\(diagnostics[0].column)")
            let group = program.plan.isolationGroup(of: cell)
            if group.isEmpty { cutAt = min(cutAt ?? cell, cell) } else { removed.formUnion(group) }
        }
        if let cutAt {
            removed.formUnion(cells.map(\.index).filter { $0 >= cutAt })
            // Errors after the cut are consequences we cannot judge; keep only the first.
            built.compileErrors = built.compileErrors.filter { $0.key <= cutAt }
        }
        return removed
    }

    /// Graded programs (line tables only) share the lesson's compiled object; the others are one file.
    var layout: ProgramLayout { compiler.debugInfo == .lineTables ? .lessonAndScopes : .oneFile }

    /// The compiled program's path: keyed by its sources, the flags, the library and the compiler.
    func programFile(for program: LessonProgram) throws -> URL {
        try cacheFile(in: "programs", for: [program.source, program.scopesSource])
    }

    /// The compiled object of the lesson's own `main.swift` (the same for every submission of a lesson).
    func lessonObjectFile(for program: LessonProgram) throws -> URL {
        try cacheFile(in: "lesson-objects", for: [program.source, program.scopesStub]).appendingPathExtension("o")
    }

    private func cacheFile(in name: String, for sources: [String]) throws -> URL {
        let hasher = Checksum.Hasher(.sha256)
        hasher.update(sources.joined(separator: "\u{0}"))
        hasher.update("\u{0}" + compiler.flags.joined(separator: "\u{0}"))
        hasher.update("\u{0}" + libraryHash)
        hasher.update("\u{0}" + compiler.toolchain.version)
        let folder = cacheDirectory.appendingPathComponent(name, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CacheFolderError(path: folder.path, reason: error)
        }
        return folder.appendingPathComponent(hasher.finish())
    }

    /// Removes all but the `count` most recently compiled programs (each edit of a lesson compiles a new one).
    func pruneCompiledPrograms(keeping count: Int, in name: String = "programs") {
        let folder = cacheDirectory.appendingPathComponent(name, isDirectory: true)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path), names.count > count else { return }
        let dated = names.filter { !$0.hasPrefix(".") }.map { name -> (String, Date) in
            let date = (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.modificationDate]
                as? Date) ?? .distantPast
            return (name, date)
        }.sorted { $0.1 > $1.1 }
        for (name, _) in dated.dropFirst(count) { try? fm.removeItem(at: folder.appendingPathComponent(name)) }
    }
}
