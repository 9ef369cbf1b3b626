import Foundation
import Lessons
import Render
import XCTest

/// Runs small real lessons end to end: generate, compile with swiftc against CourseKit, run, split per cell.
final class LessonRunnerTests: XCTestCase {
    private var fixture: RunnerFixture!

    override func setUpWithError() throws { fixture = try RunnerFixture() }
    override func tearDown() { fixture?.remove() }

    private func run(_ lesson: Lesson, _ options: RunOptions = RunOptions(useCache: false),
                     exercises: ExerciseSource = .starter) throws -> LessonResult {
        try fixture.runner.run(lesson, exercises: exercises, options: options)
    }

    func testCellsShareStateAndEachCellGetsItsOwnOutput() throws {
        let lesson = try fixture.lesson("""
            ```swift
            var total = 0
            for i in 1...10 { total += i }
            print("total", total)
            ```

            Prose between.

            ```swift hidden
            total *= 2
            ```

            ```python
            print("never run")
            ```

            ```swift
            print("doubled", total)
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .ran, .skipped, .ran])
        XCTAssertEqual(result.cells[0].text, "total 55\n")
        XCTAssertEqual(result.cells[1].text, "")
        XCTAssertEqual(result.cells[3].text, "doubled 110\n")
        XCTAssertTrue(result.failures.isEmpty)
    }

    func testCompileErrorShowsInItsCellWithTheMarkdownLineAndEarlierCellsStillRun() throws {
        let lesson = try fixture.lesson("""
            ```swift
            print("first")
            ```

            ```swift
            let fine = 1
            let broken: Int = "text"
            ```

            ```swift
            print("third")
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .failed, .notRun])
        XCTAssertEqual(result.cells[0].text, "first\n")
        let error = try XCTUnwrap(result.cells[1].error)
        XCTAssertEqual(error.kind, .compile)
        XCTAssertEqual(error.line(in: lesson.cells[1]), try fixture.line(of: "let broken", in: lesson))
        XCTAssertTrue(error.message.contains("cannot convert value of type 'String'"), error.message)
    }

    func testTrapIsShownInPlaceWithTheMarkdownLine() throws {
        let lesson = try fixture.lesson("""
            ```swift
            print("before")
            ```

            ```swift
            let empty: [Int] = []
            print("about to trap")
            let first = empty[0]
            ```

            ```swift
            print("never")
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .failed, .notRun])
        XCTAssertEqual(result.cells[1].text, "about to trap\n")
        let error = try XCTUnwrap(result.cells[1].error)
        XCTAssertEqual(error.kind, .trap)
        XCTAssertTrue(error.message.contains("Index out of range"), error.message)
        XCTAssertEqual(error.line(in: lesson.cells[1]), try fixture.line(of: "empty[0]", in: lesson))
    }

    func testFatalErrorNamesItsLine() throws {
        let lesson = try fixture.lesson("```swift\nlet n = 3\nif n > 2 { fatalError(\"n is \\(n)\") }\n```\n")
        let error = try XCTUnwrap(try run(lesson).cells[0].error)
        XCTAssertEqual(error.kind, .trap)
        XCTAssertTrue(error.message.contains("n is 3"), error.message)
        XCTAssertEqual(error.line(in: lesson.cells[0]), try fixture.line(of: "fatalError", in: lesson))
    }

    func testCellOverTheTimeLimitIsStoppedAndShownInPlace() throws {
        let lesson = try fixture.lesson("""
            ```swift
            print("quick")
            ```

            ```swift
            print("spinning")
            var spins = 0
            while spins >= 0 { spins &+= 1 }
            ```

            ```swift
            print("never")
            ```
            """, timeout: 1)
        let start = Date()
        let result = try run(lesson)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .failed, .notRun])
        XCTAssertEqual(result.cells[1].text, "spinning\n")
        XCTAssertEqual(result.cells[1].error?.kind, .timeout)
        XCTAssertTrue(result.cells[1].error?.message.contains("time limit of 1 s") == true)
    }

    func testUncaughtErrorIsShownAsThrown() throws {
        let lesson = try fixture.lesson("""
            ```swift
            struct ShapeMismatch: Error {}
            func load() throws -> Int { throw ShapeMismatch() }
            let value = try load()
            ```
            """)
        let error = try XCTUnwrap(try run(lesson).cells[0].error)
        XCTAssertEqual(error.kind, .thrown)
        XCTAssertTrue(error.message.contains("ShapeMismatch"), error.message)
    }

    func testFailsCellFailureIsExpectedAndTheLessonGoesOn() throws {
        let lesson = try fixture.lesson("""
            ```swift
            var log = ["start"]
            ```

            ```swift fails
            log.append("inside")
            let values = [1, 2, 3]
            print(values[3])
            ```

            ```swift fails
            let wrong: Int = "a type error is a failure too"
            ```

            ```swift
            print(log)
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.status), [.ran, .ran, .ran, .ran])
        XCTAssertTrue(result.failures.isEmpty)
        guard case .error(let trap)? = result.cells[1].outputs.last else { return XCTFail("no error shown") }
        XCTAssertTrue(trap.expected)
        XCTAssertEqual(trap.kind, .trap)
        XCTAssertEqual(trap.line(in: lesson.cells[1]), try fixture.line(of: "values[3]", in: lesson))
        guard case .error(let compile)? = result.cells[2].outputs.last else { return XCTFail("no error shown") }
        XCTAssertTrue(compile.expected)
        XCTAssertEqual(compile.kind, .compile)
        // The isolated cell ran in a child process: its change to `log` is gone.
        XCTAssertEqual(result.cells[3].text, "[\"start\"]\n")
    }

    func testFailsCellThatDoesNotFailIsAnError() throws {
        let lesson = try fixture.lesson("```swift fails\nprint(\"all good\")\n```\n")
        let result = try run(lesson)
        XCTAssertEqual(result.cells[0].status, .failed)
        XCTAssertEqual(result.cells[0].error?.kind, .unexpectedSuccess)
        XCTAssertEqual(result.cells[0].text, "all good\n")
    }

    private let exerciseLesson = """
        ```swift
        let base = 40
        ```

        Write `answer`.

        ```swift exercise id=answer points=2
        let answer = 0
        ```

        ```swift solution id=answer
        let answer = base + 2
        ```

        ```swift check id=answer
        print("answer is", answer)
        ```

        ```swift
        print("after the exercise")
        ```
        """

    func testExerciseRunsWithItsChecksAndTheSolutionReplacesTheStarter() throws {
        let lesson = try fixture.lesson(exerciseLesson)
        let starter = try run(lesson)
        XCTAssertEqual(starter.cells.map(\.status), [.ran, .ran, .skipped, .ran, .ran])
        XCTAssertEqual(starter.cells[3].text, "answer is 0\n")
        XCTAssertEqual(starter.cells[4].text, "after the exercise\n")
        let solved = try run(lesson, exercises: .solution)
        XCTAssertEqual(solved.cells[3].text, "answer is 42\n")
        let submitted = try run(lesson, exercises: .submission(["answer": CodeSnippet(code: "let answer = base * 2\n",
                                                                                        file: "mine.md", line: 3)]))
        XCTAssertEqual(submitted.cells[3].text, "answer is 80\n")
    }

    func testSubmissionThatDoesNotCompileFailsAloneWithItsOwnFileLine() throws {
        let lesson = try fixture.lesson(exerciseLesson)
        let code = CodeSnippet(code: "let answer = 1\nlet oops: String = answer\n", file: "work/01-test.md", line: 20)
        let result = try run(lesson, exercises: .submission(["answer": code]))
        XCTAssertEqual(result.cells[1].status, .failed)
        XCTAssertEqual(result.cells[1].error?.kind, .compile)
        XCTAssertEqual(result.cells[1].error?.lineInCell, 2)
        XCTAssertEqual(result.cells[3].status, .notRun)
        XCTAssertEqual(result.cells[4].text, "after the exercise\n")
    }

    func testStarterThatTrapsIsAnExpectedFailure() throws {
        let lesson = try fixture.lesson("""
            ```swift exercise id=todo
            func relu(_ x: Float) -> Float { fatalError("write relu") }
            let y = relu(1)
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells[0].status, .ran)
        guard case .error(let error)? = result.cells[0].outputs.last else { return XCTFail("no error shown") }
        XCTAssertTrue(error.expected)
        XCTAssertTrue(error.message.contains("write relu"), error.message)
    }

    func testPrintedMarkerWithoutTheNonceIsJustText() throws {
        let forged = "\\u{1E}course:0000 {\\\"type\\\":\\\"cell\\\",\\\"index\\\":1}"
        let lesson = try fixture.lesson("""
            ```swift
            print("\(forged)")
            print("still cell one")
            ```

            ```swift
            print("cell two")
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells[0].text, "\u{1E}course:0000 {\"type\":\"cell\",\"index\":1}\nstill cell one\n")
        XCTAssertEqual(result.cells[1].text, "cell two\n")
    }

    func testTextWithoutNewlineBeforeTheNextCellStaysInItsCell() throws {
        let lesson = try fixture.lesson("```swift\nprint(\"no newline\", terminator: \"\")\n```\n```swift\nprint(\"next\")\n```\n")
        let result = try run(lesson)
        XCTAssertEqual(result.cells.map(\.text), ["no newline", "next\n"])
    }

    func testStderrIsKeptWithTheCellThatWroteIt() throws {
        let lesson = try fixture.lesson("""
            ```swift
            import Foundation
            FileHandle.standardError.write("careful\\n".data(using: .utf8)!)
            print("out one")
            ```

            ```swift
            print("out two")
            ```
            """)
        let result = try run(lesson)
        XCTAssertEqual(result.cells[0].outputs, [.text("out one\n"), .stderr("careful\n")])
        XCTAssertEqual(result.cells[1].outputs, [.text("out two\n")])
    }

    func testProgressBarRedrawsKeepTheirLastStateButStreamAll() throws {
        let lesson = try fixture.lesson("""
            ```swift
            for step in 1...3 { print("step \\(step)/3\\r", terminator: "") }
            print("")
            print("trained")
            ```
            """)
        var streamed = ""
        var started: [Int] = []
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false)) { progress in
            if case .text(_, let text) = progress { streamed += text }
            if case .cellStarted(let index) = progress { started.append(index) }
        }
        XCTAssertEqual(streamed, "step 1/3\rstep 2/3\rstep 3/3\r\ntrained\n")
        XCTAssertEqual(result.cells[0].text, "step 3/3\ntrained\n")
        XCTAssertEqual(started, [0])
    }

    func testShownPictureIsStoredUnderItsContentHash() throws {
        let lesson = try fixture.lesson("""
            ```swift
            let picture = try GrayImage(bytes: [0, 64, 128, 255], width: 2, height: 2).png(scale: 1)
            show(picture)
            ```
            """)
        let result = try run(lesson)
        guard case .image(let file, let width, let height, _)? = result.cells[0].outputs.first else {
            return XCTFail("no picture in \(result.cells[0].outputs)")
        }
        let url = fixture.environment.outputsDirectory.appendingPathComponent(file)
        let bytes = try [UInt8](Data(contentsOf: url))
        let decoded = try PNGImage(pngData: bytes)
        XCTAssertEqual([decoded.width, decoded.height], [width, height])
        XCTAssertEqual(file, try sha256(of: url) + ".png")
    }

    private func sha256(of url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix(64))
    }
}

extension LessonRunnerTests {
    func testCellOverTheMemoryLimitFailsInPlace() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let lesson = try fixture.lesson("""
            ```swift
            print("small")
            ```

            ```swift
            var big = [UInt8](repeating: 1, count: 3 << 30)
            big[0] = 2
            print(big.count)
            ```
            """)
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false, memoryLimitMB: 1024))
        XCTAssertEqual(result.cells[0].text, "small\n")
        XCTAssertEqual(result.cells[1].status, .failed)
        XCTAssertEqual(result.cells[1].text, "")
        let message = try XCTUnwrap(result.cells[1].error?.message)
        XCTAssertTrue(message.contains("failed to allocate") && message.contains("memory limit of 1024 MiB"), message)
    }
}

extension LessonRunnerTests {
    func testCellThatDoesNotCompileIsReportedInItsPlace() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let lesson = try fixture.lesson("""
            ```swift
            print("one")
            ```

            ```swift fails
            let n: Int = "two"
            ```

            ```swift
            print("three")
            ```
            """)
        var order: [Int] = []
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false)) { progress in
            if case .cellStarted(let index) = progress { order.append(index) }
        }
        XCTAssertEqual(order, [0, 1, 2])
        XCTAssertEqual(result.cells.map(\.status), [.ran, .ran, .ran])
        XCTAssertEqual(result.cells[2].text, "three\n")
    }
}

extension LessonRunnerTests {
    func testHugeOutputIsCutButTheCellFinishes() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let lesson = try fixture.lesson("""
            ```swift
            let line = String(repeating: "x", count: 1023)
            for _ in 0..<3000 { print(line) }
            ```

            ```swift
            print("next")
            ```
            """)
        let result = try fixture.runner.run(lesson, options: RunOptions(useCache: false))
        let text = result.cells[0].text
        XCTAssertLessThan(text.utf8.count, 1_200_000)
        XCTAssertGreaterThan(text.utf8.count, 1_000_000)
        // 3000 lines of 1024 bytes: 3000 KiB printed, the first 1024 KiB kept, 1976 KiB (≈ 2 MiB) said dropped.
        XCTAssertEqual(result.cells[0].outputs.last, .stderr("\n… 2 MiB more of printed output not kept (the first 1 MiB is above)\n"))
        XCTAssertEqual(result.cells[1].text, "next\n")
    }
}

extension LessonRunnerTests {
    /// `course` stopped the hard way must not leave the lesson program running (it runs in a PID namespace that
    /// ends with `course`, and watches its parent).
    func testLessonProgramEndsWhenCourseEnds() throws {
        let fixture = try RunnerFixture()
        defer { fixture.remove() }
        let lesson = try fixture.lesson("""
            ```swift
            import Foundation
            print("pid", getpid())   // inside the program's PID namespace: not a pid of ours
            while true { usleep(10_000) }
            ```
            """, timeout: 120)
        let course = fixture.environment.libraryDirectory.appendingPathComponent("course")
        let process = Process()
        process.executableURL = course
        process.arguments = ["run", lesson.id]
        process.currentDirectoryURL = fixture.root
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // Wait for the program to report its pid, then stop `course` the hard way.
        var output = ""
        let deadline = Date().addingTimeInterval(60)
        while !output.contains("pid "), Date() < deadline {
            output += String(decoding: pipe.fileHandleForReading.availableData, as: UTF8.self)
        }
        XCTAssertNotNil(output.split(separator: "\n").first { $0.hasPrefix("pid ") })
        XCTAssertFalse(RunnerFixture.programsRunning(from: fixture.root).isEmpty, "the program is not running")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var left: [Int32] = []
        for _ in 0..<50 {
            usleep(100_000)
            left = RunnerFixture.programsRunning(from: fixture.root)
            if left.isEmpty { break }
        }
        for pid in left { kill(pid, SIGKILL) }
        XCTAssertEqual(left, [], "the lesson program outlived course")
    }
}
