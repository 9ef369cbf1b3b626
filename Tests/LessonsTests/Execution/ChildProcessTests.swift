import Foundation
import Lessons
import XCTest

/// The host's one process layer with real programs: what a child gets (its folder, descriptors, stdin), what is
/// kept of what it writes, and time limits that leave nothing running.
final class ChildProcessTests: XCTestCase {
    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    private func sh(_ script: String, in folder: URL? = nil, timeLimit: Double = 20, outputLimit: Int = 4 << 20)
        throws -> ChildProcess.Output {
        try ChildProcess.run(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", script],
                             currentDirectory: folder, timeLimit: timeLimit, outputLimit: outputLimit)
    }

    func testStdoutAndStderrAreKeptApartAndTheChildRunsInItsFolderWithStdinFromDevNull() throws {
        let folder = try GradingFixture.temporaryFolder().resolvingSymlinksInPath()
        let result = try sh("pwd; echo problem >&2; readlink /proc/self/fd/0; exit 3", in: folder)
        XCTAssertEqual(result.end, .exited(3))
        XCTAssertEqual(result.stdout, "\(folder.path)\n/dev/null\n")
        XCTAssertEqual(result.stderr, "problem\n")
    }

    func testAPassedDescriptorIsThreeAndAnInheritedOneIsNotOpen() throws {
        let probe = try DescriptorProbe()
        let child = try ChildProcess.spawn(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", probe.script],
                                           passing: [probe.passed])
        let result = child.collect(timeLimit: 20)
        let (leaked, wire) = try probe.finish()
        XCTAssertEqual(leaked, "", "nothing reached the caller's fd \(probe.inherited)")
        XCTAssertEqual(result.stdout, "no-fd-\(probe.inherited)\n", result.stderr)
        XCTAssertEqual(wire, "wire\n")
    }

    func testOutputBeyondTheLimitIsCutAndTheRunStillEnds() throws {
        let result = try sh("head -c 300000 /dev/zero | tr '\\0' a; echo done >&2", outputLimit: 1000)
        XCTAssertEqual(result.end, .exited(0))
        XCTAssertEqual(result.stdout, String(repeating: "a", count: 1000))
        XCTAssertEqual(result.stderr, "done\n")
    }

    func testAChildThatClosesItsOutputsIsWaitedForWithoutSpinning() throws {
        var before = rusage(), after = rusage()
        getrusage(RUSAGE_SELF.rawValue, &before)
        let result = try sh("exec >&- 2>&-; sleep 1; exit 4")
        getrusage(RUSAGE_SELF.rawValue, &after)
        XCTAssertEqual(result.end, .exited(4))
        func seconds(_ usage: rusage) -> Double {
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        }
        XCTAssertLessThan(seconds(after) - seconds(before), 0.3, "the closed pipes were not polled in a busy loop")
    }

    func testATimeLimitKillsTheChildAndWhatItLeftInItsGroup() throws {
        let duration = "1000.\(Int.random(in: 100_000...999_999))"   // names this test's sleeps in /proc
        let start = Date()
        let result = try sh("sleep \(duration) & sleep \(duration); wait", timeLimit: 1)
        XCTAssertEqual(result.end, .timedOut(seconds: 1))
        XCTAssertLessThan(Date().timeIntervalSince(start), 10)
        usleep(200_000)
        XCTAssertEqual(runningProcesses(mentioning: "sleep \(duration)"), [])
    }

    func testACompileThatTakesTooLongIsKilledWithEveryFrontendItStarted() throws {
        // The driver starts each swift-frontend in a process group of its own: only the PID namespace takes them.
        let folder = try GradingFixture.temporaryFolder()
        let main = folder.appendingPathComponent("slow-\(UUID().uuidString).swift")
        let lines = (0..<50_000).map { "let v\($0) = [\($0), \($0) + 1.5, Double(\($0)) * 2].map { $0 * 3 - 1 }" }
        try lines.joined(separator: "\n").write(to: main, atomically: true, encoding: .utf8)
        let swiftc = try Toolchain.find().swiftc
        let start = Date()
        let result = try ChildProcess.run(executable: swiftc,
                                          arguments: [main.path, "-o", folder.appendingPathComponent("slow").path],
                                          timeLimit: 3, isolated: true)
        XCTAssertEqual(result.end, .timedOut(seconds: 3))
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
        usleep(200_000)
        XCTAssertEqual(runningProcesses(mentioning: main.lastPathComponent), [], "swiftc and swift-frontend are gone")
    }

    /// Live processes (not zombies) whose command line contains `text`.
    private func runningProcesses(mentioning text: String) -> [String] {
        let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap { pid_t($0) } ?? []
        return pids.compactMap { pid in
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  !status.split(separator: "\n").contains(where: { $0.hasPrefix("State:") && $0.contains("Z") }),
                  let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(text) ? "\(pid): \(line.prefix(120))" : nil
        }
    }
}

/// What a child is given and what it inherits: a descriptor of ours without close-on-exec, open on an empty file
/// (as `course check W 9>>file` leaves fd 9), and a pipe whose write end the child is passed as fd 3.
struct DescriptorProbe {
    /// The caller's descriptor the child must not have.
    let inherited: Int32
    /// The write end of the pipe, to pass.
    let passed: Int32
    private let file: URL
    private let readEnd: Int32

    init() throws {
        file = try GradingFixture.temporaryFolder().appendingPathComponent("private")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let opened = open(file.path, O_WRONLY | O_APPEND)
        var number: Int32 = 9
        while fcntl(number, F_GETFD) != -1 { number += 1 }
        guard dup2(opened, number) == number else { throw POSIXError(.EBADF) }
        close(opened)
        inherited = number
        var channel: [Int32] = [0, 0]
        guard pipe(&channel) == 0 else { throw POSIXError(.EMFILE) }
        readEnd = channel[0]
        passed = channel[1]
    }

    /// A shell script that writes to the inherited descriptor if it can, and `wire` to fd 3.
    var script: String { "echo leaked > /proc/self/fd/\(inherited) || echo no-fd-\(inherited); echo wire >&3" }

    /// Once the child has ended: what reached the file and what came through the pipe (closes everything).
    func finish() throws -> (leaked: String, wire: String?) {
        close(inherited)
        close(passed)
        defer { close(readEnd) }
        let wire = ChildProcess.readAvailable(readEnd).map { String(decoding: $0, as: UTF8.self) }
        return (try String(contentsOf: file, encoding: .utf8), wire)
    }
}
