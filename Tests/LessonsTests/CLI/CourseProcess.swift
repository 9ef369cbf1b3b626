import Foundation
import Lessons
import XCTest

/// Runs the built `course` executable (next to the test binary) as a child process, as a user would: in a
/// folder, with extra environment variables, reading both its outputs.
struct CourseProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// Both outputs, for assertion messages.
        var both: String { "status \(status)\nstdout:\n\(stdout)\nstderr:\n\(stderr)" }
    }

    let executable: URL

    init(fixture: RunnerFixture) throws {
        executable = fixture.environment.libraryDirectory.appendingPathComponent("course")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("the course executable is not built next to the tests (\(executable.path))")
        }
    }

    /// Runs `course arguments…`, or `through… course arguments…` (a wrapper such as `unshare`).
    func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:],
             through wrapper: [String] = []) throws -> Outcome {
        let process = Process()
        let command = wrapper + [executable.path] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both at once so that neither pipe fills up.
        var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                       stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh empty folder, removed at the end of `test`.
    static func scratchFolder(_ test: XCTestCase) throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
