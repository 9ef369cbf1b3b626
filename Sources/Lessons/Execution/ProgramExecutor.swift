import Foundation

/// Runs a compiled lesson program and splits what it prints into per-cell results, enforcing the per-cell time
/// limit: the program runs in its own process group, which is killed (SIGKILL) when a cell overruns.
struct ProgramExecutor {
    var program: LessonProgram
    var binary: URL
    var timeout: Double
    var outputsDirectory: URL
    var workingDirectory: URL
    var memoryLimitMB: Int
    /// Where `memo` keeps tensors, and the library's hash (part of every memo key).
    var memoDirectory: URL
    var libraryHash: String
    var environment: [String: String]
    var inheriting: [Int32]

    /// Runs the program; returns a result for every cell in `program.plan` (in plan order).
    func run(progress: ((RunProgress) -> Void)?) throws -> [Int: CellResult] {
        let nonce = (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
        var childEnvironment = environment
        childEnvironment["COURSE_NONCE"] = nonce
        childEnvironment["COURSE_OUTPUT_DIR"] = outputsDirectory.path
        childEnvironment["COURSE_WORKDIR"] = workingDirectory.path
        childEnvironment["COURSE_MEMORY_LIMIT_MB"] = String(memoryLimitMB)
        childEnvironment["COURSE_MEMO_DIR"] = memoDirectory.path
        childEnvironment["COURSE_LIBRARY_HASH"] = libraryHash
        childEnvironment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,color=no"
        try FileManager.default.createDirectory(at: outputsDirectory, withIntermediateDirectories: true)
        let child = try ChildProcess.spawn(executable: binary, environment: childEnvironment, inheriting: inheriting)

        var collector = CellCollector(program: program, nonce: nonce, memoryLimitMB: memoryLimitMB, progress: progress)
        var splitter = OutputSplitter(nonce: nonce)
        var stdoutOpen = true, stderrOpen = true
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65536)

        func drain(_ fd: Int32) -> Bool {   // false at end of stream
            while true {
                let count = read(fd, &buffer, buffer.count)
                if count > 0 {
                    let bytes = Array(buffer[0..<count])
                    if fd == child.stderr {
                        collector.stderr(bytes)
                    } else {
                        for item in splitter.feed(bytes) { collector.handle(item) }
                    }
                } else if count == 0 {
                    return false
                } else {
                    return errno == EAGAIN || errno == EINTR
                }
            }
        }

        while stdoutOpen || stderrOpen {
            let remaining = collector.cellStart.addingTimeInterval(timeout).timeIntervalSinceNow
            if remaining <= 0 {
                timedOut = true
                child.killGroup()
                break
            }
            var fds: [pollfd] = []
            if stderrOpen { fds.append(pollfd(fd: child.stderr, events: Int16(POLLIN), revents: 0)) }
            if stdoutOpen { fds.append(pollfd(fd: child.stdout, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000).rounded(.up)))
            if ready < 0 && errno != EINTR { break }
            // stderr first: it carries its own cell markers, and what a cell wrote there before its end should be
            // in before stdout says the next cell started.
            for entry in fds where entry.revents != 0 {
                if entry.fd == child.stderr { stderrOpen = drain(child.stderr) }
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == child.stdout { stdoutOpen = drain(child.stdout) }
            }
        }
        let termination = child.wait()
        if timedOut {
            _ = drain(child.stderr)
            _ = drain(child.stdout)
        }
        for item in splitter.finish() { collector.handle(item) }
        collector.end(termination: termination, timedOut: timedOut, timeout: timeout)
        return collector.results
    }
}

/// Gathers the outputs of each cell from the program's stream of text and events.
struct CellCollector {
    let program: LessonProgram
    let progress: ((RunProgress) -> Void)?
    private(set) var results: [Int: CellResult] = [:]
    private(set) var current: Int?
    private(set) var cellStart = Date()
    private var sawEnd = false
    private var storedText: [Int: Int] = [:]
    static let textLimit = 1 << 20
    /// stderr, split by the cell markers the runtime writes there too.
    private var stderrSplitter: OutputSplitter
    private var stderrCell: Int?
    private var stderrByCell: [Int: String] = [:]

    let memoryLimitMB: Int

    init(program: LessonProgram, nonce: String, memoryLimitMB: Int, progress: ((RunProgress) -> Void)?) {
        self.program = program
        self.memoryLimitMB = memoryLimitMB
        self.progress = progress
        stderrSplitter = OutputSplitter(nonce: nonce)
    }

    mutating func stderr(_ bytes: [UInt8]) {
        for item in stderrSplitter.feed(bytes) { stderr(item) }
    }

    private mutating func stderr(_ item: OutputSplitter.Item) {
        switch item {
        case .text(let text):
            // Before the first marker (the runtime failed to start): the first planned cell.
            let cell = stderrCell ?? program.plan.first ?? -1
            stderrByCell[cell, default: ""] += text
        case .event(.cellStarted(let index)):
            stderrCell = index
        case .event:
            break
        }
    }

    /// Takes what cell `index` wrote to stderr so far.
    private mutating func takeStderr(_ index: Int) -> String {
        defer { stderrByCell[index] = nil }
        return stderrByCell[index] ?? ""
    }

    mutating func handle(_ item: OutputSplitter.Item) {
        switch item {
        case .text(let text):
            guard let index = current else { return }   // nothing prints before the first cell
            progress?(.text(cell: index, text))
            // Keep at most `textLimit` bytes per cell: the terminal saw everything, the page needs no more.
            let stored = storedText[index, default: 0]
            if stored < CellCollector.textLimit {
                storedText[index] = stored + text.utf8.count
                append(.text(text), to: index)
                if stored + text.utf8.count >= CellCollector.textLimit {
                    append(.text("\n… (output cut here: more than \(CellCollector.textLimit >> 20) MiB)\n"), to: index)
                }
            }
        case .event(let event):
            handle(event)
        }
    }

    private mutating func handle(_ event: WireEvent) {
        switch event {
        case .cellStarted(let index):
            finishCurrent(status: .ran)
            current = index
            cellStart = Date()
            results[index] = CellResult(index: index, status: .ran)
            progress?(.cellStarted(index))
        case .image(let file, let width, let height):
            emit(.image(file: file, width: width, height: height))
        case .check(let verdict):
            emit(.check(verdict))
        case .isolatedFinished(_, let expectFailure, let exitCode, let signal, let rawStderr):
            let stderr = withoutMarkers(rawStderr)
            let failed = signal != nil || (exitCode ?? 0) != 0
            if failed {
                // Starter code that stops (`fatalError("write this")`) is what an unsolved exercise does.
                let expected = expectFailure || (program.exercises == .starter && current.map(isExercisePart) == true)
                let error = crashError(stderr: stderr, signal: signal.map(Int32.init), exitCode: exitCode,
                                       expected: expected)
                if !error.earlierOutput.isEmpty { emit(.stderr(error.earlierOutput)) }
                emit(.error(error.error))
                finishCurrent(status: expected ? .ran : .failed)
            } else {
                if !stderr.isEmpty { emit(.stderr(stderr)) }
                if expectFailure {
                    emit(.error(CellError(kind: .unexpectedSuccess,
                        message: "this cell is marked `swift fails`, but it ran without failing")))
                    finishCurrent(status: .failed)
                } else {
                    finishCurrent(status: .ran)
                }
            }
        case .finished:
            finishCurrent(status: .ran)
            sawEnd = true
        }
    }

    /// The program ended: give the running cell its trap or time-out, and mark cells that never started.
    mutating func end(termination: ChildProcess.Termination, timedOut: Bool, timeout: Double) {
        if timedOut {
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            emitOrFirst(.error(CellError(kind: .timeout,
                message: "stopped: the cell ran longer than the time limit of \(seconds) s (front matter `timeout:`)")))
            finishCurrent(status: .failed)
        } else if !sawEnd || termination != .exited(0) {
            var signal: Int32?
            var exitCode: Int?
            switch termination {
            case .signaled(let number): signal = number
            case .exited(let code): exitCode = Int(code)
            }
            for item in stderrSplitter.finish() { stderr(item) }
            let crashed = current ?? program.plan.first ?? -1
            let crash = crashError(stderr: takeStderr(crashed), signal: signal, exitCode: exitCode, expected: false)
            if !crash.earlierOutput.isEmpty { emitOrFirst(.stderr(crash.earlierOutput)) }
            emitOrFirst(.error(crash.error))
            finishCurrent(status: .failed)
        } else {
            finishCurrent(status: .ran)
        }
        for index in program.plan where results[index] == nil {
            results[index] = CellResult(index: index, status: .notRun)
        }
        // stderr that came in after its cell ended.
        for item in stderrSplitter.finish() { stderr(item) }
        for (index, text) in stderrByCell where !text.isEmpty && results[index] != nil {
            results[index]?.outputs.append(.stderr(text))
        }
    }

    // MARK: - Helpers

    /// The text of `stderr` without cell markers (a child's stderr, captured by its parent).
    private func withoutMarkers(_ stderr: String) -> String {
        var splitter = stderrSplitter.fresh()
        return (splitter.feed(Array(stderr.utf8)) + splitter.finish()).map {
            if case .text(let text) = $0 { return text } else { return "" }
        }.joined()
    }

    private func isExercisePart(_ index: Int) -> Bool {
        let cells = program.lesson.cells
        guard cells.indices.contains(index) else { return false }
        switch cells[index].kind {
        case .exercise, .check: return true
        default: return false
        }
    }

    private mutating func emit(_ output: CellOutput) {
        guard let index = current else { return }
        append(output, to: index)
        progress?(.output(cell: index, output))
    }

    /// Outputs before any cell started (the program failed at once) go to the first planned cell.
    private mutating func emitOrFirst(_ output: CellOutput) {
        if current == nil, let first = program.plan.first {
            current = first
            results[first] = CellResult(index: first, status: .ran)
            progress?(.cellStarted(first))
        }
        emit(output)
    }

    private mutating func append(_ output: CellOutput, to index: Int) {
        guard var result = results[index] else { return }
        if case .text(let more) = output, case .text(let text)? = result.outputs.last {
            result.outputs[result.outputs.count - 1] = .text(text + more)
        } else {
            result.outputs.append(output)
        }
        results[index] = result
    }

    private mutating func finishCurrent(status: CellStatus) {
        guard let index = current, var result = results[index] else { return }
        let stderrText = takeStderr(index)
        if !stderrText.isEmpty {
            result.outputs.append(.stderr(stderrText))
            progress?(.output(cell: index, .stderr(stderrText)))
        }
        result.outputs = result.outputs.map {
            if case .text(let text) = $0 { return .text(collapseCarriageReturns(text)) } else { return $0 }
        }
        if result.status != .failed { result.status = status }
        result.seconds = Date().timeIntervalSince(cellStart)
        results[index] = result
        current = nil
        progress?(.cellFinished(result))
    }

    private func crashError(stderr: String, signal: Int32?, exitCode: Int?, expected: Bool)
        -> (error: CellError, earlierOutput: String) {
        let files = Array(Set(program.spans.map(\.file)))
        let report = CrashReport(stderr: stderr, files: files, signal: signal)
        var lineInCell: Int?
        var message = report.message
        if let location = report.location {
            // The line counts when it is in the running cell; elsewhere (a function defined in an earlier
            // cell) it is named in the message.
            if let span = program.span(file: location.file, line: location.line), span.cell == current {
                lineInCell = location.line - span.firstLine + 1
            } else {
                message += " (at \(location.file):\(location.line))"
            }
        }
        if message.contains("failed to allocate") {
            message += " — over the lesson program's memory limit of \(memoryLimitMB) MiB"
        }
        var kind: CellError.Kind = report.thrown ? .thrown : .trap
        if signal == nil, report.detail.isEmpty, let exitCode {
            kind = .exit
            message = "the program ended with exit status \(exitCode) before the end of the lesson"
        }
        return (CellError(kind: kind, message: message, lineInCell: lineInCell, expected: expected,
                          detail: report.detail), report.earlierOutput)
    }
}

/// A progress bar redraws its line with `\r`; keep what the line finally showed.
func collapseCarriageReturns(_ text: String) -> String {
    // Work on scalars: in Swift "\r\n" is one Character, and a redraw often ends with "\r" before a newline.
    let scalars = text.unicodeScalars
    guard scalars.contains("\r") else { return text }
    var out = String.UnicodeScalarView()
    for line in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.offset > 0 { out.append("\n") }
        let parts = line.element.split(separator: "\r", omittingEmptySubsequences: false)
        out.append(contentsOf: parts.last(where: { !$0.isEmpty }) ?? Substring.UnicodeScalarView())
    }
    return String(out)
}
