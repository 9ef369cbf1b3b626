import CourseWire
import Foundation

/// How `course run` shows a lesson in the terminal: a header per cell with its lesson line, outputs as they
/// arrive, pictures inline when the terminal can draw them (else their path, see `TerminalPictures`), checks as ✓/✗, errors in red with their lesson line, and a summary.
/// Pure: returns strings; the CLI prints them. Colour only when asked (the CLI asks on a TTY).
///
///     let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: env.outputsDirectory, color: true)
///     print(formatter.header(for: lesson.cells[0]), terminator: "")
public struct TerminalFormatter: Sendable {
    public var lesson: Lesson
    public var outputsDirectory: URL
    public var color: Bool
    /// Pass what cells print to the terminal as it is (control sequences included), not made safe.
    public var raw: Bool
    /// How pictures are shown: inline (kitty, iTerm2, sixel) or as their path.
    public var pictures: TerminalPictures

    public init(lesson: Lesson, outputsDirectory: URL, color: Bool, raw: Bool = false,
                pictures: TerminalPictures = .paths) {
        self.lesson = lesson
        self.outputsDirectory = outputsDirectory
        self.color = color
        self.raw = raw
        self.pictures = pictures
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The title line of the lesson.
    public func title() -> String {
        paint("\(lesson.id) · \(lesson.title)", "1") + "  (\(lesson.displayPath))\n"
    }

    /// The line that opens a cell's outputs: `── [3] lessons/03-x.md:41 ─────`.
    public func header(for cell: Cell) -> String {
        var label = "[\(cell.index + 1)] \(lesson.displayPath):\(cell.fenceLine)"
        switch cell.kind {
        case .hidden: label += " (hidden setup)"
        case .fails: label += " (expected to fail)"
        case .exercise(let id, let points):
            label += " exercise \(id), \(points) point\(points == 1 ? "" : "s") · starter code"
        case .check(let id, let hidden): label += hidden ? " hidden check of \(id)" : " check of \(id)"
        default: break
        }
        let rule = String(repeating: "─", count: max(3, 72 - label.count - 4))
        return paint("── \(label) \(rule)", "2") + "\n"
    }

    /// One non-text output, as a line (or a few).
    public func format(_ output: CellOutput, of cell: Cell) -> String {
        switch output {
        case .text(let text):
            return printed(text)
        case .stderr(let text):
            return paint(printed(text.hasSuffix("\n") ? text : text + "\n"), "33")
        case .image(let file, let width, let height, let description):
            // The first sentence (`Line chart “Loss”`): the picture itself, or its file, follows.
            let words = (description ?? "picture").replacingOccurrences(of: "\n", with: " ")
            let caption = TerminalText.safe(words.components(separatedBy: ". ").first ?? words, keepColour: false)
            return pictures.show(file: outputsDirectory.appendingPathComponent(file), width: width, height: height,
                                 caption: caption)
        case .check(let check):
            let name = "\(check.exercise): \(check.check)"
            if check.passed { return paint("✓ \(name)", "32") + "\n" }
            let message = check.hidden ? "" : (check.message.isEmpty ? "" : " — \(check.message)")
            // Lessons run their exercises' starter code: a check it fails is the exercise still to do.
            return paint("○ not yet (starter code) · \(name)\(message)", "33") + "\n"
        case .error(let error):
            return format(error, of: cell)
        }
    }

    /// Text a cell printed: colour and `\r` redraws pass, cursor movement, screen clearing and OSC do not
    /// (unless `raw`).
    public func printed(_ text: String) -> String {
        raw ? text : TerminalText.safe(text, keepColour: color)
    }

    /// An error with its lesson line.
    public func format(_ error: CellError, of cell: Cell) -> String {
        let location = error.line(in: cell).map { "\(lesson.displayPath):\($0): " } ?? "\(lesson.displayPath):\(cell.fenceLine): "
        let what: String
        switch error.kind {
        case .compile: what = "compile error"
        case .trap: what = "trap"
        case .thrown: what = "uncaught error"
        case .timeout: what = "time limit"
        case .unexpectedSuccess: what = "did not fail"
        case .exit: what = "program ended"
        }
        var text = "\(location)\(what): \(error.message)"
        if error.expected { return paint("expected failure — \(text)", "33") + "\n" }
        text = paint(text, "31;1")
        return text + "\n"
    }

    /// A Keras-style progress line: `epoch 2/5 [=========>          ] 470/938  loss 0.1234 · 5.1k/s · ETA 4 s`.
    public func progressLine(_ report: ProgressReport, width: Int = 30) -> String {
        let filled = report.total > 0 ? min(width, report.done * width / report.total) : width
        let bar = String(repeating: "=", count: max(0, filled - 1)) + (filled > 0 ? (filled == width ? "=" : ">") : "")
            + String(repeating: " ", count: width - filled)
        var parts = ["\(report.label) [\(bar)] \(report.done)/\(report.total)"]
        parts += report.metrics.map { "\($0.name) \(String(format: "%.4g", $0.value))" }
        if let rate = report.rate { parts.append(rate >= 1000 ? String(format: "%.1fk/s", rate / 1000) : String(format: "%.0f/s", rate)) }
        if report.finished {
            parts.append(String(format: "%.1f s", report.elapsed))
        } else if let remaining = report.remaining {
            parts.append(String(format: "ETA %.0f s", remaining))
        }
        return parts.joined(separator: "  ")
    }

    /// A note for cells that never ran.
    public func notRunNote(for cell: Cell) -> String {
        paint("(not run: an earlier cell failed)", "2") + "\n"
    }

    /// The last line: what ran, what came from the cache, how long it took.
    public func summary(_ result: LessonResult) -> String {
        let ran = result.cells.filter { $0.status == .ran || $0.status == .failed }.count
        let failed = result.failures.count
        let notRun = result.cells.filter { $0.status == .notRun }.count
        var parts: [String] = []
        if result.fromCache {
            parts.append("\(ran) cells from the cache (nothing changed; --force runs again)")
        } else {
            parts.append("\(ran) cells run in \(String(format: "%.1f", result.runSeconds)) s")
            parts.append(result.programFromCache ? "program already compiled"
                         : "compiled in \(String(format: "%.1f", result.compileSeconds)) s")
        }
        if failed > 0 { parts.append(paint("\(failed) failed", "31;1")) }
        if notRun > 0 { parts.append("\(notRun) not run") }
        var text = "lesson \(lesson.id): " + parts.joined(separator: " · ") + "\n"
        let exercises = lesson.cells.filter { if case .exercise = $0.kind { return true } else { return false } }.count
        if exercises > 0 {
            text += paint("\(exercises) exercise\(exercises == 1 ? "" : "s") to solve: course exercises \(lesson.id) --out DIR, "
                          + "edit the workbook, then course check DIR/…", "2") + "\n"
        }
        return text
    }
}
