import Foundation
import Lessons
import XCTest

/// The cache folder cannot be written (read-only, full), or `course` is stopped while it compiles: a clear line,
/// and nothing half-made left in the cache.
final class CacheFolderTests: XCTestCase {
    private var fixture: RunnerFixture!
    private var course: CourseProcess!

    override func setUpWithError() throws {
        fixture = try RunnerFixture()
        course = try CourseProcess(fixture: fixture)
        try fixture.lesson("```swift\nprint(6 * 7)\n```\n")
    }

    override func tearDown() { fixture?.remove() }

    private var cache: URL { fixture.root.appendingPathComponent(".course-cache") }

    /// `course run 01` with the cache folder mounted as `mount` describes, in a mount namespace of its own.
    private func runWithCache(mounted options: String) throws -> CourseProcess.Outcome {
        guard geteuid() == 0 else { throw XCTSkip("mounting a read-only or tiny cache folder needs root") }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let probe = try course.run(["--help"], in: fixture.root, through: ["/usr/bin/unshare", "--mount", "/bin/true"])
        guard probe.status == 0 else { throw XCTSkip("no mount namespaces here (unshare --mount failed)") }
        return try course.run(["run", "01"], in: fixture.root,
                              through: ["/usr/bin/unshare", "--mount", "/bin/sh", "-c", options + " && exec \"$@\"",
                                        cache.path])
    }

    func testAReadOnlyCacheFolderIsOneClearLine() throws {
        let outcome = try runWithCache(mounted: "mount --bind -o ro \"$0\" \"$0\"")
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertTrue(outcome.stderr.hasPrefix("course: cannot write to the cache folder \(cache.path)"), outcome.both)
        XCTAssertTrue(outcome.stderr.contains("Read-only file system"), outcome.both)
        XCTAssertFalse(outcome.stderr.contains("Error Domain"), outcome.both)
        XCTAssertEqual(outcome.stderr.split(separator: "\n").count, 1, outcome.both)
    }

    func testAFullCacheFolderIsOneClearLine() throws {
        // 16 KiB of room: the compiled program (≈ 100 KiB) does not fit.
        let outcome = try runWithCache(mounted: "mount -t tmpfs -o size=16k tmpfs \"$0\"")
        XCTAssertEqual(outcome.status, 1, outcome.both)
        XCTAssertTrue(outcome.stderr.hasPrefix("course: cannot write to the cache folder"), outcome.both)
        XCTAssertTrue(outcome.stderr.contains("No space left on device"), outcome.both)
        XCTAssertFalse(outcome.stderr.contains("not in a cell"), outcome.both)
    }

    func testCtrlCWhileCompilingLeavesNoScratchFolderAndNoCompiler() throws {
        let lines = (0..<30_000).map { "let v\($0): [[Double]] = [[\($0), 1.5], [2, \($0) * 0.5]]" }.joined(separator: "\n")
        try fixture.lesson("```swift\n\(lines)\nprint(1)\n```\n")
        let process = Process()
        process.executableURL = course.executable
        process.arguments = ["run", "01"]
        process.currentDirectoryURL = fixture.root
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let programs = cache.appendingPathComponent("programs")
        func scratch() -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: programs.path)) ?? []).filter { $0.hasPrefix(".build-") }
        }
        let deadline = Date().addingTimeInterval(60)
        while scratch().isEmpty && Date() < deadline { usleep(20_000) }
        XCTAssertFalse(scratch().isEmpty, "the compile never started")
        usleep(500_000)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(scratch(), [], "a .build-* folder was left in the cache")
        usleep(300_000)
        let compilers = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { entry in
            guard Int(entry) != nil, let command = try? String(contentsOfFile: "/proc/\(entry)/cmdline", encoding: .utf8)
            else { return false }
            return command.contains("swift-frontend") && command.contains(programs.path)
        }
        XCTAssertEqual(compilers, [], "the compiler outlived course")
    }
}
