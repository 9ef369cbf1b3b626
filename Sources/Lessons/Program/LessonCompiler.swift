import CourseWire
import Foundation

/// Compiles a generated lesson program with swiftc against the built CourseKit library (DLKit, Render,
/// CourseRuntime), unoptimized (the heavy work runs inside the optimized library) and with debug info (so the
/// backtracer names the lesson's line), within a time limit. Linked with lld when the toolchain has it.
///
///     let compiler = LessonCompiler(environment: environment, toolchain: toolchain)
///     let outcome = try compiler.compile(program, to: binary)
public struct LessonCompiler: Sendable {
    public var environment: CourseEnvironment
    public var toolchain: Toolchain
    /// Seconds a compile may take before swiftc and its frontends are killed.
    public var timeLimit: Double
    /// How much debug information the program carries (the launcher that runs it decides).
    public var debugInfo: DebugInfo

    public init(environment: CourseEnvironment, toolchain: Toolchain, timeLimit: Double = 300,
                debugInfo: DebugInfo = .full) {
        self.environment = environment
        self.toolchain = toolchain
        self.timeLimit = timeLimit
        self.debugInfo = debugInfo
    }

    /// The outcome of a compile: the binary, or the diagnostics that stopped it.
    public enum Outcome: Equatable, Sendable {
        case success(binary: URL, seconds: Double)
        case failure(errors: [Diagnostic], output: String)
        /// The compiler ran longer than `timeLimit` and was stopped.
        case tooSlow(seconds: Double)
    }

    /// The flags after the source file; part of the compiled-program cache key.
    public var flags: [String] {
        let bin = environment.libraryDirectory.path
        var flags = ["-Onone", debugInfo.flag, "-module-name", "lessons", "-swift-version", "5", "-diagnostic-style=llvm",
                     "-I", "\(bin)/Modules"]
        for folder in environment.cModuleFolders { flags += ["-I", folder.path] }
        flags += ["-L", bin, "-lCourseKit", "-Xlinker", "-rpath", "-Xlinker", bin]
        if toolchain.hasLLD { flags.append("-use-ld=lld") }
        return flags
    }

    /// Compiles `program` into `binary` (written atomically: a half-written binary is never left behind, and the
    /// scratch folder is removed on every exit path, Ctrl-C included). Runs in the package root so that
    /// `#sourceLocation` paths read as `lessons/NN-….md`. A `.lessonAndScopes` program links `lessonObject` —
    /// compiled first when it is not there yet — with its scopes compiled now.
    public func compile(_ program: LessonProgram, to binary: URL, lessonObject: URL? = nil) throws -> Outcome {
        let fm = FileManager.default
        let work = binary.deletingLastPathComponent()
            .appendingPathComponent(".build-\(getpid())-\(UInt32.random(in: 0...UInt32.max))", isDirectory: true)
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
            try program.source.write(to: work.appendingPathComponent("main.swift"), atomically: true, encoding: .utf8)
        } catch {
            try? fm.removeItem(at: work)
            throw CacheFolderError(path: work.deletingLastPathComponent().path, reason: error)
        }
        let cleanup = Interrupts.register { try? FileManager.default.removeItem(at: work) }
        defer {
            Interrupts.unregister(cleanup)
            try? fm.removeItem(at: work)
        }
        let output = work.appendingPathComponent("program")
        let start = Date()
        let steps: [Step]
        if program.layout == .lessonAndScopes, let lessonObject {
            steps = try separateSteps(program, work: work, lessonObject: lessonObject, output: output)
        } else {
            steps = [Step(executable: toolchain.swiftc,
                          arguments: [work.appendingPathComponent("main.swift").path] + flags + ["-o", output.path])]
        }
        for step in steps where !step.isDone() {
            do { try step.prepare() } catch { throw CacheFolderError(path: work.path, reason: error) }
            let remaining = timeLimit - Date().timeIntervalSince(start)
            let result = try ChildProcess.run(executable: step.executable, arguments: step.arguments,
                                              currentDirectory: environment.packageRoot, timeLimit: max(1, remaining),
                                              isolated: true)
            if case .timedOut = result.end { return .tooSlow(seconds: Date().timeIntervalSince(start)) }
            guard result.end.isSuccess, fm.fileExists(atPath: step.output?.path ?? output.path) else {
                let errors = Diagnostic.parseAll(result.text).filter { $0.severity == .error }
                // lld words a full disk as an `error:` line, and a compile error quotes the code it is about, which
                // could say anything: a full disk is also told by the folder's own free space.
                let full = Self.isNearlyFull(work)
                if full || errors.isEmpty
                    && (result.text.contains("No space left") || result.text.contains("Permission denied")) {
                    let reason = full ? String(cString: strerror(ENOSPC))
                        : result.text.trimmingCharacters(in: .whitespacesAndNewlines)
                    throw CacheFolderError(path: work.path, reason: CocoaError(.fileWriteUnknown,
                        userInfo: [NSLocalizedDescriptionKey: reason]))
                }
                return .failure(errors: errors, output: result.text)
            }
            try step.finish()
        }
        let seconds = Date().timeIntervalSince(start)
        try Self.move(output, to: binary)
        return .success(binary: binary, seconds: seconds)
    }

    /// True when the folder's file system has less than 8 MiB free (no compile fits; statvfs, not the compiler's
    /// output, decides).
    static func isNearlyFull(_ folder: URL) -> Bool {
        var info = statvfs()
        guard statvfs(folder.path, &info) == 0 else { return false }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize) < 8 << 20
    }

    /// rename(2) replaces atomically, also when another `course` compiled the same file meanwhile.
    static func move(_ file: URL, to destination: URL) throws {
        guard rename(file.path, destination.path) == 0 else {
            throw CacheFolderError(path: destination.path, reason: CocoaError(.fileWriteUnknown,
                userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))]))
        }
    }
}
