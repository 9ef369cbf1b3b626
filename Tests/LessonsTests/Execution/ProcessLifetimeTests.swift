import Foundation
import Lessons
import XCTest

/// No process outlives its run: what a cell starts — in the background, in a new session, holding the program's
/// stdout — ends when the program ends, and the run is over when the program exits.
final class ProcessLifetimeTests: XCTestCase {
    private func sleepers(_ marker: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).filter { entry in
            guard Int(entry) != nil,
                  let command = try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline")) else { return false }
            return String(decoding: command, as: UTF8.self).contains("sleep\u{0}\(marker)")
        }
    }

    func testProcessesACellStartsEndWithTheProgramAndDoNotHoldTheRun() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let marker = String(Int.random(in: 100_000...999_999))
        // One child in a session of its own, one that keeps the program's stdout and stderr open.
        let lesson = try fixture.lesson("""
            ```swift
            import Foundation
            let detached = Process()
            detached.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            detached.arguments = ["/bin/sleep", "\(marker)"]
            try detached.run()
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/bin/sleep")
            holder.arguments = ["\(marker)"]
            try holder.run()
            usleep(200_000)
            print("started two sleepers")
            ```

            ```swift
            print("the next cell")
            ```
            """, timeout: 30)
        let start = Date()
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false))
        let seconds = Date().timeIntervalSince(start)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .ran], "\(result.cells)")
        XCTAssertEqual(result.cells[1].text, "the next cell\n")
        XCTAssertLessThan(seconds, 20, "the run waited for a child that held its stdout")
        usleep(300_000)
        let left = sleepers(marker)
        for pid in left { kill(Int32(pid)!, SIGKILL) }
        XCTAssertEqual(left, [], "a process the lesson started outlived the run")
    }
}
