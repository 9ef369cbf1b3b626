import Foundation
import Lessons
import XCTest

/// A graded program (memo read-only) cannot start other programs, whatever C door it finds: glibc's `wordexp`
/// runs `/bin/sh` for `$(…)` and was not on the screen's list of names. The same cells run normally in `course run`,
/// which shows the attack would work without the ban (the filter, not a missing shell, stops it).
final class ExecBanTests: XCTestCase {
    private var fixture: RunnerFixture!

    override func setUpWithError() throws { fixture = try RunnerFixture() }
    override func tearDown() { fixture?.remove() }

    private let attempts = """
        ```swift
        import Foundation
        var words = wordexp_t()
        let status = wordexp("$(echo reached-a-shell)", &words, 0)
        let expanded = status == 0 ? (0..<Int(words.we_wordc)).map { String(cString: words.we_wordv[$0]!) } : []
        print("wordexp:", expanded)
        ```

        ```swift
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/echo")
        child.arguments = ["started-a-program"]
        do { try child.run(); child.waitUntilExit(); print("process: exit", child.terminationStatus) }
        catch { print("process: refused") }
        ```

        ```swift
        let pid = fork()                                   // a fork inherits the ban
        if pid == 0 {
            var again = wordexp_t()
            _exit(wordexp("$(echo child-reached-a-shell)", &again, 0) == 0 && again.we_wordc > 0 ? 0 : 9)
        }
        var end: Int32 = 0
        waitpid(pid, &end, 0)
        print("forked child: exit", (end >> 8) & 0xff)
        ```
        """

    func testCourseRunStartsProgramsSoTheAttemptsAreReal() throws {
        let result = try fixture.runner.run(try fixture.lesson(attempts), exercises: .starter,
                                            options: RunOptions(useCache: false))
        XCTAssertEqual(result.cells.map(\.text), ["wordexp: [\"reached-a-shell\"]\n",
                                                  "started-a-program\nprocess: exit 0\n", "forked child: exit 0\n"])
    }

    func testAGradedRunCannotStartAProgramThroughAnyDoor() throws {
        let result = try fixture.runner.run(try fixture.lesson(attempts), exercises: .starter,
                                            options: RunOptions(useCache: false, memoReadOnly: true))
        XCTAssertEqual(result.cells.map(\.status), [.ran, .ran, .ran])
        XCTAssertEqual(result.cells.map(\.text), ["wordexp: []\n", "process: refused\n", "forked child: exit 9\n"])
    }
}
