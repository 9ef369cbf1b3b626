import Foundation
import Lessons
import XCTest

/// Real programs in the real sandbox (bubblewrap, cgroups): each test is one thing a hostile submission tries.
final class SandboxTests: XCTestCase {
    override func setUpWithError() throws {
        guard geteuid() == 0 else { throw XCTSkip("the sandbox tests need root (cgroups, bubblewrap as root)") }
        guard Sandbox.bubblewrap != nil else { throw XCTSkip("bubblewrap is not installed (apt-get install bubblewrap)") }
    }

    override func tearDown() { GradingFixture.removeTemporaryFolders() }

    override class func tearDown() { SandboxHostProgram.removeBuild() }

    private func sandbox(_ policy: SandboxPolicy = SandboxPolicy(memoryLimitMB: 512, processLimit: 32)) throws -> Sandbox {
        let sandbox = try Sandbox(policy: policy)
        addTeardownBlock { sandbox.remove() }
        return sandbox
    }

    private func sh(_ sandbox: Sandbox, _ script: String, timeLimit: Double = 20) throws -> ChildProcess.Output {
        try sandbox.run("/bin/sh", ["-c", script], timeLimit: timeLimit)
    }

    // MARK: Confidentiality

    func testCannotReadAProjectFile() throws {
        let lessonFile = GradingFixture.packageRoot.appendingPathComponent("lessons/02-pooling.md").path
        XCTAssertTrue(FileManager.default.isReadableFile(atPath: lessonFile), "the file exists on the host")
        let result = try sh(try sandbox(), "cat '\(lessonFile)'; ls '\(GradingFixture.packageRoot.path)'; ls /work /root")
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("No such file"), result.stderr)
    }

    func testSeesOnlyTheEnvironmentItIsGiven() throws {
        setenv("COURSE_SANDBOX_TEST_SECRET", "solution-of-02", 1)
        defer { unsetenv("COURSE_SANDBOX_TEST_SECRET") }
        let result = try sh(try sandbox(SandboxPolicy(environment: ["COURSE_CHECK_FD": "3"])), "env")
        let variables = Set(result.stdout.split(separator: "\n").map { String($0.prefix { $0 != "=" }) })
        XCTAssertEqual(variables, ["COURSE_CHECK_FD", "HOME", "LANG", "PATH", "PWD", "TMPDIR"], result.stdout)
        XCTAssertFalse(result.stdout.contains("solution-of-02"))
        XCTAssertTrue(result.stdout.contains("HOME=/sandbox"))
    }

    func testSeesOnlyItsOwnProcesses() throws {
        let hostProcesses = try FileManager.default.contentsOfDirectory(atPath: "/proc").filter { Int($0) != nil }
        XCTAssertGreaterThan(hostProcesses.count, 10)
        let result = try sh(try sandbox(), "ps -e -o pid=,comm=; echo; ls /proc | grep -c '^[0-9]'")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let commands = lines.prefix { !$0.isEmpty }.map { $0.split(separator: " ").last.map(String.init) ?? "" }
        XCTAssertEqual(Set(commands), ["bwrap", "sh", "ps"], result.stdout)
        XCTAssertLessThanOrEqual(Int(lines.last { !$0.isEmpty } ?? "") ?? 99, 5, result.stdout)
    }

    // MARK: Writing, descriptors, network

    func testCannotWriteOutsideItsWorkFolderAndTheHostsTmpIsUntouched() throws {
        let sandbox = try self.sandbox()
        let probe = "course-sandbox-probe-\(UUID().uuidString)"
        let result = try sh(sandbox, """
            echo x > /usr/\(probe) || echo usr-refused
            echo x > /etc/\(probe) || echo etc-refused
            echo x > /\(probe) || echo root-refused
            echo x > /tmp/\(probe) && echo tmp-private
            echo x > /sandbox/kept && echo work-written
            """)
        XCTAssertEqual(result.stdout.split(separator: "\n"),
                       ["usr-refused", "etc-refused", "root-refused", "tmp-private", "work-written"], result.stderr)
        for folder in ["/usr", "/etc", "/", NSTemporaryDirectory(), "/tmp"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(probe)), folder)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: sandbox.workFolder.appendingPathComponent("kept").path))
    }

    func testAnInheritedDescriptorIsNotOpenInsideButAPassedOneIsFdThree() throws {
        let probe = try DescriptorProbe()
        let result = try sandbox().run("/bin/sh", ["-c", probe.script + "; ls /proc/self/fd"], passing: [probe.passed],
                                       timeLimit: 20)
        let (leaked, wire) = try probe.finish()
        XCTAssertEqual(leaked, "", "nothing reached the caller's fd \(probe.inherited)")
        XCTAssertTrue(result.stdout.hasPrefix("no-fd-\(probe.inherited)\n"), result.stdout + result.stderr)
        XCTAssertEqual(wire, "wire\n")
        let descriptors = Set(result.stdout.split(separator: "\n").dropFirst().compactMap { Int($0) })
        XCTAssertTrue(descriptors.isSubset(of: [0, 1, 2, 3, 4]), "0–2, the passed 3, and ls's own: \(descriptors)")
    }

    func testCannotReachATCPListenerOnLoopback() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 }
        }
        XCTAssertTrue(bound)
        XCTAssertEqual(listen(listener, 8), 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let connect = "import socket; socket.create_connection(('127.0.0.1', \(port)), timeout=3); print('connected')"
        // The listener works: a program on the host reaches it.
        let host = try ChildProcess.run(executable: URL(fileURLWithPath: "/usr/bin/python3"), arguments: ["-c", connect],
                                        timeLimit: 20)
        XCTAssertEqual(host.stdout, "connected\n", host.stderr)
        let inside = try sandbox().run("/usr/bin/python3", ["-c", connect], timeLimit: 20)
        XCTAssertEqual(inside.stdout, "")
        XCTAssertTrue(inside.stderr.contains("Network is unreachable") || inside.stderr.contains("refused"), inside.stderr)
    }

    // MARK: Limits for the whole tree

    func testAForkBombIsStoppedByTheProcessLimitOfTheWholeTree() throws {
        let sandbox = try self.sandbox(SandboxPolicy(memoryLimitMB: 512, processLimit: 24))
        XCTAssertTrue(sandbox.limitsWholeTree, "cgroup v1 memory+pids are available here")
        let folders = sandbox.cgroupFolders
        let child = try sandbox.spawn("/bin/sh", ["-c", "bomb() { bomb | bomb & }; bomb; sleep 30"])
        var most = 0
        for _ in 0..<20 {
            most = max(most, sandbox.processes().count)
            usleep(20_000)
        }
        XCTAssertLessThanOrEqual(most, 24)
        XCTAssertEqual(sandbox.peakProcesses, 24, "the bomb reached the limit, and no further")
        XCTAssertGreaterThan(sandbox.refusedForks, 0, "forks were refused")
        sandbox.remove()
        XCTAssertNotNil(child.poll())
        for folder in folders { XCTAssertFalse(FileManager.default.fileExists(atPath: folder), folder) }
    }

    func testFourChildrenOf800MBAreStoppedByTheMemoryLimitOfTheWholeTree() throws {
        // Each child alone fits a 1 GiB per-process limit; together they do not.
        let sandbox = try self.sandbox(SandboxPolicy(memoryLimitMB: 1024, processLimit: 64))
        XCTAssertTrue(sandbox.limitsWholeTree)
        let result = try sh(sandbox, """
            for i in 1 2 3 4; do (head -c 800000000 /dev/zero | tail -c 800000000 > /dev/null && echo done) & done
            wait
            """, timeLimit: 120)
        let finished = result.stdout.components(separatedBy: "done").count - 1
        XCTAssertLessThan(finished, 4, "not all four held 800 MB at once")
        XCTAssertGreaterThan(sandbox.outOfMemoryKills, 0)
        XCTAssertLessThanOrEqual(sandbox.peakMemoryBytes ?? .max, 1024 << 20)
    }

    // MARK: Leftovers

    func testSysVIPCObjectsDoNotSurviveTheRun() throws {
        let made = try sh(try sandbox(), "ipcmk -M 4096 >/dev/null && ipcmk -Q >/dev/null && ipcmk -S 1 >/dev/null && ipcs")
        let keys = made.stdout.split(separator: "\n").filter { $0.hasPrefix("0x") }.map { String($0.prefix { $0 != " " }) }
        XCTAssertEqual(keys.count, 3, "a segment, a queue and a semaphore set were made: \(made.stdout) \(made.stderr)")
        let host = try ChildProcess.run(executable: URL(fileURLWithPath: "/usr/bin/ipcs"), arguments: [], timeLimit: 20).stdout
        for key in keys { XCTAssertFalse(host.contains(key), "\(key) is not on the host") }
        let next = try sh(try sandbox(), "ipcs -m -q -s | grep -c '^0x' || true")
        XCTAssertEqual(next.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "the next run sees none")
    }

    func testNoProcessAndNoFileIsLeftAfterARun() throws {
        let sandbox = try Sandbox(policy: SandboxPolicy(memoryLimitMB: 256, processLimit: 16))
        let child = try sandbox.spawn("/bin/sh", ["-c", "sleep 1000 & (sleep 1000 &) ; echo x > /sandbox/f; echo started; wait"])
        _ = try readUntil(child) { $0.contains("started") }
        let pids = sandbox.processes()
        XCTAssertGreaterThanOrEqual(pids.count, 4, "launcher/bwrap, bwrap, sh, two sleeps")
        let places = [sandbox.root.path] + sandbox.cgroupFolders
        sandbox.remove()
        for pid in pids { XCTAssertFalse(isRunning(pid), "pid \(pid)") }
        for place in places { XCTAssertFalse(FileManager.default.fileExists(atPath: place), place) }
    }

    func testInterruptingTheHostSideMidRunCleansUpAndEndsItWithTheSignal() throws {
        let (host, report) = try startHost()
        kill(host.pid, SIGINT)
        XCTAssertEqual(host.wait(), .signaled(SIGINT), "the handler re-raised the signal")
        for pid in report.pids { XCTAssertFalse(isRunning(pid), "pid \(pid)") }
        for place in [report.root] + report.cgroups { XCTAssertFalse(FileManager.default.fileExists(atPath: place), place) }
    }

    func testKillingTheHostSideMidRunKillsTheTreeAndTheNextRunRemovesTheRest() throws {
        let (host, report) = try startHost()
        kill(host.pid, SIGKILL)
        XCTAssertEqual(host.wait(), .signaled(SIGKILL))
        let deadline = Date().addingTimeInterval(5)
        while report.pids.contains(where: isRunning) && Date() < deadline { usleep(20_000) }
        for pid in report.pids { XCTAssertFalse(isRunning(pid), "pid \(pid) died with its parent") }
        Sandbox.removeLeftovers()
        for place in [report.root] + report.cgroups { XCTAssertFalse(FileManager.default.fileExists(atPath: place), place) }
    }

    // MARK: A compiled Swift program

    func testACompiledSwiftProgramRunsInsideAndFindsNothingOfTheHost() throws {
        let binary = try SandboxHostProgram.probe()
        var policy = SandboxPolicy()
        policy.readOnly = [.init(host: binary.path, inside: "/program/probe")]
        let sandbox = try self.sandbox(policy)
        let lessonFile = GradingFixture.packageRoot.appendingPathComponent("lessons/02-pooling.md").path
        let result = try sandbox.run("/program/probe", [lessonFile], timeLimit: 60)
        XCTAssertEqual(result.end, .exited(0), result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "readable: false")
        XCTAssertEqual(lines.dropFirst().first, "root: bin,dev,etc,lib,lib64,opt,proc,program,sandbox,sbin,tmp,usr,var")
        XCTAssertEqual(lines.dropFirst(2).first, "environment: HOME,LANG,PATH,PWD,TMPDIR")
        XCTAssertEqual(lines.dropFirst(3).first, "cwd: /sandbox")
        XCTAssertEqual(lines.last, "probe done")
        XCTAssertEqual(try String(contentsOf: sandbox.workFolder.appendingPathComponent("note.txt"), encoding: .utf8), "written")
    }

    // MARK: Helpers

    private struct HostReport { var root: String; var cgroups: [String]; var pids: [pid_t] }

    /// Starts the compiled host program and reads where its sandbox is.
    private func startHost() throws -> (ChildProcess, HostReport) {
        let host = try ChildProcess.spawn(executable: try SandboxHostProgram.host())
        addTeardownBlock { host.killGroup(); _ = host.wait() }
        let text = try readUntil(host) { $0.contains("pids=") && $0.hasSuffix("\n") }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { fields[String(parts[0])] = String(parts[1]) }
        }
        let report = HostReport(root: fields["root"] ?? "", cgroups: (fields["cgroups"] ?? "").split(separator: ",").map(String.init),
                                pids: (fields["pids"] ?? "").split(separator: ",").compactMap { pid_t($0) })
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.root), text)
        XCTAssertGreaterThanOrEqual(report.pids.count, 4, text)
        return (host, report)
    }

    /// Reads the process's stdout until `done` holds for all that was read; returns it.
    private func readUntil(_ process: ChildProcess, timeout: Double = 120, _ done: (String) -> Bool) throws -> String {
        var text = ""
        let deadline = Date().addingTimeInterval(timeout)
        while !done(text) {
            guard Date() < deadline else { XCTFail("waited \(timeout) s, read: \(text)"); throw CancellationError() }
            text += String(decoding: ChildProcess.readAvailable(process.stdout) ?? [], as: UTF8.self)
            usleep(10_000)
        }
        return text
    }

    /// Whether `pid` is a live process (a zombie waiting for its parent is not running).
    private func isRunning(_ pid: pid_t) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        return !status.split(separator: "\n").contains { $0.hasPrefix("State:") && $0.contains("Z") }
    }
}
