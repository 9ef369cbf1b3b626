import CourseWire
import Foundation

/// Gathers the outputs of each cell from a lesson program's stream of text and events: text and stderr (each
/// capped per cell), pictures, check verdicts (decided here, by `CheckJudge`), memo lines, and how isolated scopes
/// and the program ended.
struct CellCollector {
    let program: LessonProgram
    let progress: ((RunProgress) -> Void)?
    let memoryLimitMB: Int
    private(set) var results: [Int: CellResult] = [:]
    private(set) var current: Int?
    private(set) var cellStart = Date()
    /// The running cell is part of an isolated scope (its own time limit, enforced by the program).
    private(set) var currentIsIsolated = false
    private var sawEnd = false
    private var stored = OutputBudget()
    /// stderr, split by the cell markers the runtime writes there too.
    private var stderrSplitter: WireSplitter
    private var stderrCell: Int?
    private var stderrByCell: [Int: String] = [:]
    private let isolatedCells: Set<Int>

    init(program: LessonProgram, nonce: String, memoryLimitMB: Int, progress: ((RunProgress) -> Void)?) {
        self.program = program
        self.memoryLimitMB = memoryLimitMB
        self.progress = progress
        stderrSplitter = WireSplitter(nonce: nonce)
        isolatedCells = Set(program.plan.steps.flatMap { step -> [Int] in
            if case .isolated(let scope) = step { return [scope.cell] + scope.checks.map(\.cell) }
            return []
        })
    }

    mutating func stderr(_ bytes: [UInt8]) {
        for item in stderrSplitter.feed(bytes) {
            switch item {
            case .text(let text):
                // Before the first marker (the runtime failed to start): the first planned cell.
                let cell = stderrCell ?? program.runOrder.first ?? -1
                if let kept = stored.take(text, cell: cell, stream: .stderr) { stderrByCell[cell, default: ""] += kept }
            case .event(.cellStarted(let index)):
                stderrCell = index
            case .event:
                break
            }
        }
    }

    /// Takes what cell `index` wrote to stderr so far.
    private mutating func takeStderr(_ index: Int) -> String {
        defer { stderrByCell[index] = nil }
        return stderrByCell[index] ?? ""
    }

    mutating func handle(_ item: WireSplitter.Item) {
        switch item {
        case .text(let text):
            guard let index = current else { return }   // nothing prints before the first cell
            progress?(.text(cell: index, text))
            // The terminal saw everything; the page keeps at most `OutputBudget.limit` bytes per cell.
            if let kept = stored.take(text, cell: index, stream: .stdout) { append(.text(kept), to: index) }
        case .event(let event):
            handle(event)
        }
    }

    private mutating func handle(_ event: WireEvent) {
        switch event {
        case .cellStarted(let index):
            guard program.runOrder.contains(index) else { return }
            finishCurrent(status: .ran)
            current = index
            currentIsIsolated = isolatedCells.contains(index)
            cellStart = Date()
            results[index] = CellResult(index: index, status: .ran)
            progress?(.cellStarted(index))
        case .image(let image):
            emit(.image(file: image.file, width: image.width, height: image.height, description: image.description))
        case .check(let call):
            guard let index = current else { return }
            emit(.check(verdict(on: call, in: index)))
        case .memo(let report):
            guard let index = current else { return }
            progress?(.text(cell: index, report.line + "\n"))
            append(.text(report.line + "\n"), to: index)
        case .progress(let report):
            if let index = current { progress?(.progress(cell: index, report)) }
        case .isolatedEnded(_, let expectFailure, let end, let rawStderr):
            isolatedEnded(expectFailure: expectFailure, end: end, stderr: stderrSplitter.textOnly(Array(rawStderr.utf8)))
        case .finished:
            finishCurrent(status: .ran)
            sawEnd = true
        }
    }

    /// The verdict on a check call, labelled with its exercise (hidden checks say only passed or failed).
    private func verdict(on call: CheckCall, in index: Int) -> CheckResult {
        let cells = program.lesson.cells
        var exercise = "", hidden = false, points = 0
        if cells.indices.contains(index), case .check(let id, let isHidden) = cells[index].kind {
            exercise = id
            hidden = isHidden
            points = cells.first { $0.kind.exerciseID == id && $0.kind != .solution(id: id) }
                .flatMap { if case .exercise(_, let p) = $0.kind { return p } else { return nil } } ?? 0
        }
        let (passed, message) = CheckJudge.judge(call)
        return CheckResult(exercise: exercise, check: call.functionName + (call.line > 0 ? " at line \(call.line)" : ""),
                           passed: passed, message: hidden ? (passed ? "passed" : "failed") : message,
                           hidden: hidden, points: points, call: call)
    }

    private mutating func isolatedEnded(expectFailure: Bool, end: ProcessEnd, stderr: String) {
        if case .exited(0) = end {
            if !stderr.isEmpty { emit(.stderr(stderr)) }
            if expectFailure {
                emit(.error(CellError(kind: .unexpectedSuccess,
                    message: "this cell is marked `swift fails`, but it ran without failing")))
                finishCurrent(status: .failed)
            } else {
                finishCurrent(status: .ran)
            }
            return
        }
        // Starter code that stops (`fatalError("write this")`) is what an unsolved exercise does.
        let expected = expectFailure || (program.exercises == .starter && current.map(isExercisePart) == true)
        if case .timedOut(let seconds) = end {
            emit(.error(CellError(kind: .timeout, message: "stopped: the cell ran longer than its time limit of "
                                  + "\(ProcessEnd.seconds(seconds)) s", expected: expected)))
        } else {
            let error = crashError(stderr: stderr, end: end, expected: expected)
            if !error.earlierOutput.isEmpty { emit(.stderr(error.earlierOutput)) }
            emit(.error(error.error))
        }
        finishCurrent(status: expected ? .ran : .failed)
    }

    /// The program ended: give the running cell its trap or time-out, and mark cells that never started.
    mutating func end(termination: ProcessEnd, timedOut: Bool, timeout: Double) {
        for item in stderrSplitter.finish() {
            if case .text(let text) = item, let kept = stored.take(text, cell: stderrCell ?? -1, stream: .stderr) {
                stderrByCell[stderrCell ?? program.runOrder.first ?? -1, default: ""] += kept
            }
        }
        if timedOut {
            emitOrFirst(.error(CellError(kind: .timeout, message: "stopped: the cell ran longer than the time limit "
                + "of \(ProcessEnd.seconds(currentIsIsolated ? program.isolatedTimeLimit : timeout)) s (front matter `timeout:`)")))
            finishCurrent(status: .failed)
        } else if !sawEnd || !termination.isSuccess {
            let crashed = current ?? program.runOrder.first ?? -1
            let crash = crashError(stderr: takeStderr(crashed), end: termination, expected: false)
            if !crash.earlierOutput.isEmpty { emitOrFirst(.stderr(crash.earlierOutput)) }
            emitOrFirst(.error(crash.error))
            finishCurrent(status: .failed)
        } else {
            finishCurrent(status: .ran)
        }
        for index in program.runOrder where results[index] == nil {
            results[index] = CellResult(index: index, status: .notRun)
        }
        for (index, text) in stderrByCell where !text.isEmpty && results[index] != nil {
            results[index]?.outputs.append(.stderr(text))
        }
        for (index, note) in stored.notes() where results[index] != nil {
            results[index]?.outputs.append(.stderr(note))
        }
    }

    // MARK: - Helpers

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
        if current == nil, let first = program.runOrder.first {
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
        currentIsIsolated = false
        progress?(.cellFinished(result))
    }

    private func crashError(stderr: String, end: ProcessEnd, expected: Bool) -> (error: CellError, earlierOutput: String) {
        var signal: Int32?
        var exitCode: Int?
        switch end {
        case .signaled(let number): signal = number
        case .exited(let code): exitCode = Int(code)
        case .timedOut: break
        }
        let files = Array(Set(program.spans.map(\.file)))
        let report = CrashReport(stderr: stderr, files: files, signal: signal)
        var lineInCell: Int?
        var message = report.message
        if report.thrown, let line = report.statementLine,
           let span = program.spans.first(where: { $0.cell == current && line >= $0.firstLine && line < $0.firstLine + $0.lineCount }) {
            // An error thrown out of top-level code: its backtrace names only `main`; the marked statement is exact.
            lineInCell = line - span.firstLine + 1
        } else if let location = report.location {
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
