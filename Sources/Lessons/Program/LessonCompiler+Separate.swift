import Foundation

/// A `.lessonAndScopes` program compiled in pieces: the lesson's own `main.swift` into an object once per lesson
/// (against the scopes' empty stubs, so that no submission's code is in it), the submission's `scopes.swift`
/// (its exercise code and the lesson's checks) into an object of its own, and the two linked. swiftc's frontend
/// compiles one primary file and reads the other only for the declarations it uses: the lesson's cells are
/// neither type-checked nor compiled again for each submission.
///
///     let outcome = try compiler.compile(program, to: binary, lessonObject: cache.appendingPathComponent("…o"))
extension LessonCompiler {
    /// One process of a compile: what it runs, the file it makes, and what to do with that file after.
    struct Step {
        var executable: URL
        var arguments: [String]
        var output: URL?
        var isDone: () -> Bool = { false }
        var prepare: () throws -> Void = {}
        var finish: () throws -> Void = {}
    }

    /// The frontend's flags for one primary file (what swiftc passes its frontend for `-Onone -gline-tables-only`).
    var frontendFlags: [String] {
        let bin = environment.libraryDirectory.path
        var flags = ["-module-name", "lessons", "-Onone", debugInfo.flag, "-debug-info-format=dwarf",
                     "-dwarf-version=4", "-swift-version", "5", "-diagnostic-style=llvm",
                     "-enable-anonymous-context-mangled-names", "-file-compilation-dir", environment.packageRoot.path,
                     "-I", "\(bin)/Modules"]
        for folder in environment.cModuleFolders { flags += ["-I", folder.path] }
        return flags
    }

    /// The frontend beside swiftc (swiftc is the driver; `swiftc -frontend` would start the driver first).
    var frontend: URL {
        let beside = toolchain.swiftc.deletingLastPathComponent().appendingPathComponent("swift-frontend")
        return FileManager.default.isExecutableFile(atPath: beside.path) ? beside : toolchain.swiftc
    }

    func separateSteps(_ program: LessonProgram, work: URL, lessonObject: URL, output: URL) throws -> [Step] {
        let fm = FileManager.default
        let main = work.appendingPathComponent("main.swift"), scopes = work.appendingPathComponent("scopes.swift")
        let stubFolder = work.appendingPathComponent("stub", isDirectory: true)
        let stub = stubFolder.appendingPathComponent("scopes.swift")
        do {
            try program.scopesSource.write(to: scopes, atomically: true, encoding: .utf8)
            try fm.createDirectory(at: stubFolder, withIntermediateDirectories: true)
            try program.scopesStub.write(to: stub, atomically: true, encoding: .utf8)
            try fm.createDirectory(at: lessonObject.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw CacheFolderError(path: work.path, reason: error)
        }
        let prefix = ["-frontend", "-c"]
        let mainObject = work.appendingPathComponent("main.o"), scopesObject = work.appendingPathComponent("scopes.o")
        let bin = environment.libraryDirectory.path
        // Linked from a hard link in the work folder: the driver writes its `.autolink` file beside the first
        // object, and two submissions linking at once must not share it.
        let lessonLink = work.appendingPathComponent("lesson.o")
        var linkArguments = [lessonLink.path, scopesObject.path, "-L", bin, "-lCourseKit", "-Xlinker", "-rpath", "-Xlinker", bin]
        if toolchain.hasLLD { linkArguments.append("-use-ld=lld") }
        return [
            Step(executable: frontend, arguments: prefix + ["-primary-file", main.path, stub.path] + frontendFlags
                    + ["-o", mainObject.path], output: mainObject,
                 isDone: { fm.fileExists(atPath: lessonObject.path) },
                 finish: { try Self.move(mainObject, to: lessonObject) }),
            Step(executable: frontend, arguments: prefix + [main.path, "-primary-file", scopes.path] + frontendFlags
                    + ["-o", scopesObject.path], output: scopesObject),
            Step(executable: toolchain.swiftc, arguments: linkArguments + ["-o", output.path], output: output,
                 prepare: {
                     if link(lessonObject.path, lessonLink.path) != 0 { try fm.copyItem(at: lessonObject, to: lessonLink) }
                 }),
        ]
    }
}
