import Foundation

/// Compiles a generated lesson program with swiftc against the built CourseKit library (DLKit, Render,
/// CourseRuntime), unoptimized (the heavy work runs inside the optimized library) and with debug info (so traps
/// name the lesson's line).
///
///     let compiler = LessonCompiler(environment: environment, toolchain: toolchain)
///     let outcome = try compiler.compile(program, to: binary)
public struct LessonCompiler: Sendable {
    public var environment: CourseEnvironment
    public var toolchain: Toolchain

    public init(environment: CourseEnvironment, toolchain: Toolchain) {
        self.environment = environment
        self.toolchain = toolchain
    }

    /// The outcome of a compile: the binary, or the diagnostics that stopped it.
    public enum Outcome: Equatable, Sendable {
        case success(binary: URL, seconds: Double)
        case failure(errors: [Diagnostic], output: String)
    }

    /// The flags after the source file; part of the compiled-program cache key.
    public var flags: [String] {
        let bin = environment.libraryDirectory.path
        var flags = ["-Onone", "-g", "-module-name", "lessons", "-swift-version", "5", "-diagnostic-style=llvm",
                     "-I", "\(bin)/Modules"]
        for folder in environment.cModuleFolders { flags += ["-I", folder.path] }
        flags += ["-L", bin, "-lCourseKit", "-Xlinker", "-rpath", "-Xlinker", bin]
        return flags
    }

    /// Compiles `program` into `binary` (written atomically: a half-written binary is never left behind).
    /// Runs in the package root so that `#sourceLocation` paths read as `lessons/NN-….md`.
    public func compile(_ program: LessonProgram, to binary: URL) throws -> Outcome {
        let fm = FileManager.default
        let work = binary.deletingLastPathComponent()
            .appendingPathComponent(".build-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))",
                                    isDirectory: true)
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let main = work.appendingPathComponent("main.swift")
        try program.source.write(to: main, atomically: true, encoding: .utf8)
        let output = work.appendingPathComponent("program")
        let start = Date()
        let result = try ChildProcess.capture(
            executable: toolchain.swiftc,
            arguments: [main.path] + flags + ["-o", output.path],
            currentDirectory: environment.packageRoot)
        let seconds = Date().timeIntervalSince(start)
        guard result.status == 0, fm.fileExists(atPath: output.path) else {
            let errors = Diagnostic.parseAll(result.output).filter { $0.severity == .error }
            return .failure(errors: errors, output: result.output)
        }
        // rename(2) replaces atomically, also when another `course` compiled the same program meanwhile.
        guard rename(output.path, binary.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: binary.path])
        }
        return .success(binary: binary, seconds: seconds)
    }
}
