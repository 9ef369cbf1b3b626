import Foundation
import Lessons
import XCTest

/// Two real Swift programs for the sandbox tests, each compiled once: the `probe` (Foundation only), run inside a
/// sandbox, looks around as a hostile submission would; the `host`, compiled from the sandbox's own sources and
/// the process layer they use (linked to the built CourseKit for CourseWire), plays `course` — makes a sandbox,
/// starts a shell inside, reports where everything is, waits to be interrupted or killed.
enum SandboxHostProgram {
    static let probeMain = #"""
        import Foundation

        let project = CommandLine.arguments[1]
        print("readable: \(FileManager.default.isReadableFile(atPath: project))")
        print("root: \((try? FileManager.default.contentsOfDirectory(atPath: "/"))?.sorted().joined(separator: ",") ?? "-")")
        print("environment: \(ProcessInfo.processInfo.environment.keys.sorted().joined(separator: ","))")
        print("cwd: \(FileManager.default.currentDirectoryPath)")
        try "written".write(toFile: "note.txt", atomically: true, encoding: .utf8)
        print("probe done")
        """#

    static let hostMain = #"""
        import Foundation

        // A stand-in for `course check` with a sandbox running.
        Interrupts.install()
        let sandbox = try Sandbox(policy: SandboxPolicy(memoryLimitMB: 256, processLimit: 16))
        let child = try sandbox.spawn("/bin/sh", ["-c", "sleep 1000 & sleep 1000 & echo started; wait"])
        var seen = ""
        while !seen.contains("started") {
            if let bytes = ChildProcess.readAvailable(child.stdout) { seen += String(decoding: bytes, as: UTF8.self) }
            usleep(10_000)
        }
        let pids = sandbox.processes().map(String.init).joined(separator: ",")
        print("root=\(sandbox.root.path)")
        print("cgroups=\(sandbox.cgroupFolders.joined(separator: ","))")
        print("pids=\(pids)")
        fflush(stdout)
        _ = child.wait()
        """#

    struct CannotCompile: Error { var output: String }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: [String: URL] = [:]

    private static var folder: URL {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-sandboxtests-\(getpid())", isDirectory: true)
    }

    /// Removes the folder of the compiled programs.
    static func removeBuild() {
        lock.lock(); defer { lock.unlock() }
        try? FileManager.default.removeItem(at: folder)
        built = [:]
    }

    /// The probe: Foundation alone, so that it runs where only the Swift runtime is.
    static func probe() throws -> URL { try compile("probe", main: probeMain, sources: [], flags: []) }

    /// The host: Sources/Lessons/Grading/Sandbox and the process layer (Execution/ChildProcess*, the launcher
    /// that runs the compiler isolated, Interrupts, Program/DebugInfo), with CourseWire from the built library.
    static func host() throws -> URL {
        let root = GradingFixture.packageRoot.appendingPathComponent("Sources/Lessons")
        let fm = FileManager.default
        let sandbox = root.appendingPathComponent("Grading/Sandbox"), execution = root.appendingPathComponent("Execution")
        let sources = try fm.contentsOfDirectory(atPath: sandbox.path).filter { $0.hasSuffix(".swift") }
            .map { sandbox.appendingPathComponent($0).path }
            + (try fm.contentsOfDirectory(atPath: execution.path))
            .filter { $0.hasPrefix("ChildProcess") || $0 == "Interrupts.swift" || $0 == "ProgramLauncher.swift" }
            .map { execution.appendingPathComponent($0).path }
            + [root.appendingPathComponent("Program/DebugInfo.swift").path]   // what a launcher asks for
        let bin = try CourseEnvironment.locate(from: GradingFixture.packageRoot).libraryDirectory.path
        return try compile("host", main: hostMain, sources: sources,
                           flags: ["-I", bin + "/Modules", "-L", bin, "-lCourseKit", "-Xlinker", "-rpath", "-Xlinker", bin])
    }

    private static func compile(_ name: String, main: String, sources: [String], flags: [String]) throws -> URL {
        lock.lock(); defer { lock.unlock() }
        if let binary = built[name] { return binary }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mainFile = folder.appendingPathComponent("\(name)/main.swift")
        try FileManager.default.createDirectory(at: mainFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try main.write(to: mainFile, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("sandbox-\(name)")
        let swiftc = ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/bin/swiftc"
        let result = try ChildProcess.run(executable: URL(fileURLWithPath: swiftc),
                                          arguments: sources + [mainFile.path] + flags + ["-o", output.path],
                                          timeLimit: 600, isolated: true)
        guard result.end == .exited(0) else { throw CannotCompile(output: String(result.stderr.suffix(2000))) }
        built[name] = output
        return output
    }
}
