import Foundation
import Lessons
import XCTest

/// A real Swift program for the sandbox tests, compiled once from the sandbox's own sources plus a `main`:
/// run on the host it plays `course` (makes a sandbox, starts a shell inside, reports where everything is, waits
/// to be interrupted or killed); run inside a sandbox with `probe` it looks around with Foundation.
enum SandboxHostProgram {
    static let main = #"""
        import Foundation

        if CommandLine.arguments.dropFirst().first == "probe" {
            // Inside the sandbox: what a hostile submission would try with Foundation.
            let project = CommandLine.arguments[2]
            print("readable: \(FileManager.default.isReadableFile(atPath: project))")
            print("root: \((try? FileManager.default.contentsOfDirectory(atPath: "/"))?.sorted().joined(separator: ",") ?? "-")")
            print("environment: \(ProcessInfo.processInfo.environment.keys.sorted().joined(separator: ","))")
            print("cwd: \(FileManager.default.currentDirectoryPath)")
            try "written".write(toFile: "note.txt", atomically: true, encoding: .utf8)
            print("probe done")
            exit(0)
        }

        // On the host: a stand-in for `course check` with a sandbox running.
        Interrupts.install()
        let sandbox = try Sandbox(policy: SandboxPolicy(memoryLimitMB: 256, processLimit: 16))
        let child = try sandbox.spawn("/bin/sh", ["-c", "sleep 1000 & sleep 1000 & echo started; wait"])
        var seen = ""
        while !seen.contains("started") {
            if let bytes = SpawnedProcess.readAvailable(child.stdout) { seen += String(decoding: bytes, as: UTF8.self) }
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
    nonisolated(unsafe) private static var built: URL?

    /// Removes the folder of the compiled program.
    static func removeBuild() {
        lock.lock(); defer { lock.unlock() }
        if let built { try? FileManager.default.removeItem(at: built.deletingLastPathComponent()) }
        built = nil
    }

    /// The compiled program (built on first use, in a folder of its own).
    static func binary() throws -> URL {
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        let root = GradingFixture.packageRoot
        let sources = root.appendingPathComponent("Sources/Lessons/Grading/Sandbox")
        let folder = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("course-sandboxtests-\(getpid())", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let mainFile = folder.appendingPathComponent("main.swift")
        try main.write(to: mainFile, atomically: true, encoding: .utf8)
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
            .map { sources.appendingPathComponent($0).path }
            + [root.appendingPathComponent("Sources/Lessons/Execution/Interrupts.swift").path]
        let output = folder.appendingPathComponent("sandbox-host")
        let swiftc = ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"].first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/bin/swiftc"
        let result = try LimitedProcess.run(swiftc, files + [mainFile.path, "-o", output.path], timeLimit: 600)
        guard result.termination == .exited(0) else {
            throw CannotCompile(output: String(result.stderr.suffix(2000)))
        }
        built = output
        return output
    }
}
