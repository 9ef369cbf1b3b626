import CourseModel
import Foundation

/// A code cell as HTML, straight from the lesson's `Cell` and its `CellResult`: a header (what kind of cell, where
/// it is in the lesson, how long it took), the highlighted code with a copy button, then its outputs in the order
/// they were produced. This file is where the site learns a new `CellKind`.
///
/// The page never says whether a result was computed by this build or taken from the cache (that belongs in the
/// build log): a cold and a warm build give the same bytes. The time shown is the one measured when the cell ran,
/// which the cache stores with the outputs.
///
///     let html = renderer.render(cell, result: result, lessonPath: "lessons/03-x.md", id: "cell-3", warnings: &warnings)
struct CellRenderer {
    var includeSolutions: Bool
    /// Site-relative folder the images were copied to.
    var imageDirectory: String
    /// Image file names that were copied; an output naming another file shows a placeholder.
    var availableImages: Set<String>
    var highlighter = CodeHighlighter()

    /// How the site treats a kind of cell: its CSS name, whether its code is Swift, and its label.
    static func style(of kind: CellKind) -> (css: String, language: String?, label: String?) {
        switch kind {
        case .code: return ("normal", "swift", nil)
        case .hidden: return ("hidden", "swift", nil)
        // The stamp already says "not run"; another language is named so that nobody pastes it into Swift.
        case .norun: return ("noRun", "swift", nil)
        case .fails: return ("fails", "swift", "Expected to fail")
        case .exercise(let id, let points):
            return ("exercise", "swift", "Exercise “\(id)” · \(points) point\(points == 1 ? "" : "s")")
        case .solution(let id): return ("solution", "swift", "Solution · “\(id)”")
        case .check(let id, let hidden): return (hidden ? "hiddenCheck" : "check", "swift", hidden ? nil : "Check · “\(id)”")
        case .other(let language):
            let name = language ?? "text"
            return ("noRun", name, name.lowercased() == "swift" ? nil : name)
        }
    }

    /// Whether the cell appears on the page at all.
    func isShown(_ cell: Cell, result: CellResult?) -> Bool {
        switch cell.kind {
        case .hidden: return false
        case .solution: return includeSolutions
        case .check(_, hidden: true): return !(result?.checks.isEmpty ?? true)
        default: return true
        }
    }

    func render(_ cell: Cell, result: CellResult?, lessonPath: String, id: String, warnings: inout [String]) -> HTML {
        if case .check(_, hidden: true) = cell.kind { return hiddenCheck(result, id: id) }
        let style = Self.style(of: cell.kind)
        let status = Status(result)
        let body = HTML.element("div", ["class": "cell-code"],
                                highlighter.pre(cell.code.trimmingTrailingNewlines(), language: style.language ?? ""))
        let location = "\(lessonPath):\(cell.fenceLine)"
        let section = HTML.element("section", ["class": "cell cell-\(style.css) status-\(status.rawValue)", "id": id],
                                   header(label: style.label, location: location, status: status, seconds: result?.seconds,
                                          id: id),
                                   body, outputs(cell, result: result, lessonPath: lessonPath, location: location,
                                                 warnings: &warnings))
        if case .solution(let exercise) = cell.kind {
            return HTML.element("details", ["class": "solution"],
                                HTML.element("summary", [:], .text("Solution of exercise “\(exercise)”")), section)
                + HTML(trusted: "\n")
        }
        return section + HTML(trusted: "\n")
    }

    /// What the stamp on a cell says. Whether the outputs came from the cache is deliberately not among them.
    enum Status: String {
        case ran, notRun, failed

        init(_ result: CellResult?) {
            switch result?.status {
            case .ran?: self = .ran
            case .failed?: self = .failed
            case .notRun?, .skipped?, nil: self = .notRun
            }
        }
    }

    // MARK: pieces

    func header(label: String?, location: String, status: Status, seconds: Double?, id: String) -> HTML {
        var parts: [HTML] = []
        if let label { parts.append(HTML.element("span", ["class": "cell-label"], .text(label))) }
        parts.append(HTML.element("a", ["class": "cell-loc", "href": "#" + id, "title": "Where this cell is in the lesson source"],
                                  .text(location)))
        let (stamp, title) = statusStamp(status, seconds: seconds)
        parts.append(HTML.element("span", ["class": "cell-actions"],
                                  HTML.element("span", ["class": "cell-status", "title": title], .text(stamp)),
                                  HTML.element("button", ["class": "copy", "type": "button",
                                                          "aria-label": "Copy the code"], .text("Copy"))))
        return HTML.element("div", ["class": "cell-head"], children: parts)
    }

    /// The stamp (how long the cell took, or that it did not run or failed) and its tooltip.
    func statusStamp(_ status: Status, seconds: Double?) -> (String, String) {
        let time = seconds.map(Self.formatDuration)
        switch status {
        case .ran: return (time ?? "ran", "How long the cell took when it ran")
        case .notRun: return ("not run", "This cell was not run")
        case .failed: return ("failed" + (time.map { " · " + $0 } ?? ""), "This cell failed when it ran")
        }
    }

    static func formatDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 0.0005 { return "<1 ms" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let s = Int(seconds.rounded())
        return "\(s / 60) min \(s % 60) s"
    }

    func outputs(_ cell: Cell, result: CellResult?, lessonPath: String, location: String,
                 warnings: inout [String]) -> HTML {
        guard let result, !result.outputs.isEmpty else { return .empty }
        var parts: [HTML] = []
        var pendingText = ""
        var pendingStream = "stdout"
        func addText(_ text: String, stream: String) {
            if stream != pendingStream { flushText(); pendingStream = stream }
            pendingText += Self.withoutTerminalCodes(text)
        }
        func flushText() {
            guard !pendingText.isEmpty else { return }
            parts.append(HTML.element("pre", ["class": "out out-\(pendingStream)"],
                                      .text(pendingText.trimmingTrailingNewlines())))
            pendingText = ""
        }
        for output in result.outputs {
            switch output {
            case .text(let text): addText(text, stream: "stdout"); continue
            case .stderr(let text): addText(text, stream: "stderr"); continue
            default: flushText()
            }
            switch output {
            case .text, .stderr: break
            case .image(let file, let width, let height, let description):
                // What the picture shows (the lesson's words or the chart's own summary); bytes that say nothing
                // of themselves at least name their size and where they come from.
                let alt = description.flatMap { $0.isEmpty ? nil : $0 }
                    ?? "Picture, \(width) × \(height) pixels, shown by cell \(cell.index + 1)."
                parts.append(image(fileName: file, width: width, height: height,
                                   alt: alt, pixelated: max(width, height) <= 64,
                                   location: location, warnings: &warnings))
            case .check(let check):
                parts.append(self.check(name: check.check, passed: check.passed,
                                        message: check.hidden ? "" : check.message, hidden: check.hidden))
            case .error(let error):
                // A `fails` cell's failure is the point, unless the cell failed (it did not fail as it should).
                let at = "\(lessonPath):\(error.line(in: cell) ?? cell.fenceLine)"
                parts.append(self.error(error.kind, message: error.message, location: at,
                                        expected: cell.kind == .fails && result.status != .failed))
            }
        }
        flushText()
        return HTML.element("div", ["class": "cell-outputs"], children: parts)
    }

    /// Text without terminal control sequences (colours `ESC[32m`, cursor moves) and with each `\r`-redrawn
    /// line (a progress bar) reduced to its last state: what a terminal would finally show.
    static func withoutTerminalCodes(_ text: String) -> String {
        guard text.contains("\u{1B}") || text.contains("\r") else { return text }
        let c = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var line = String.UnicodeScalarView()
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "\u{1B}" {
                // CSI: ESC [ parameters… final byte in @…~ ; any other escape: ESC + one character.
                i += 1
                if i < c.count && c[i] == "[" {
                    i += 1
                    while i < c.count && !(0x40...0x7E).contains(c[i].value) { i += 1 }
                }
                i += 1
                continue
            }
            if ch == "\r" {
                if i + 1 < c.count && c[i + 1] == "\n" { i += 1; continue }   // CRLF is a plain line end
                line = String.UnicodeScalarView(); i += 1; continue
            }
            line.append(ch)
            if ch == "\n" { out.append(contentsOf: line); line = String.UnicodeScalarView() }
            i += 1
        }
        out.append(contentsOf: line)
        return String(out)
    }

    func image(fileName: String, width: Int, height: Int, alt: String, pixelated: Bool, location: String,
               warnings: inout [String]) -> HTML {
        guard availableImages.contains(fileName) else {
            warnings.append("\(location): picture \(fileName) was not given to the site builder")
            return HTML.element("p", ["class": "out out-missing"], .text("[picture missing: \(alt.isEmpty ? fileName : alt)]"))
        }
        // Small pixel images (a 28×28 digit) are shown several times larger, with hard pixel edges.
        var scale = 1
        if pixelated && width > 0 && width < 160 { scale = max(1, 224 / width) }
        let img = HTML.element("img", ["src": imageDirectory + "/" + fileName, "alt": alt,
                                       "width": width > 0 ? String(width * scale) : nil,
                                       "height": height > 0 ? String(height * scale) : nil,
                                       "class": pixelated ? "pixelated" : nil, "loading": "lazy"])
        return HTML.element("figure", ["class": "out out-image"], img)
    }

    /// A check's verdict. The site shows each exercise with its starter code, and the checks ran against that
    /// code: a check the starter does not pass is the exercise still to do, not a broken lesson, so it reads
    /// "not yet — starter code" in a neutral colour rather than as a red failure.
    func check(name: String, passed: Bool, message: String, hidden: Bool) -> HTML {
        let verdict = passed ? "passed" : "not yet — starter code"
        let title = hidden ? "Hidden check" : name
        var children: [HTML] = [
            HTML.element("span", ["class": "check-mark", "aria-hidden": "true"], .text(passed ? "✓" : "○")),
            HTML.element("span", ["class": "check-name"], .text(title.isEmpty ? "Check" : title)),
            HTML.element("span", ["class": "check-verdict"], .text(verdict)),
        ]
        if !hidden && !message.isEmpty {
            children.append(HTML.element("span", ["class": "check-message"], .text(message)))
        }
        return HTML.element("div", ["class": "out out-check " + (passed ? "check-passed" : "check-pending")],
                            children: children)
    }

    func error(_ kind: CellError.Kind, message: String, location: String, expected: Bool) -> HTML {
        let what: String
        switch kind {
        case .compile: what = "Compile error"
        case .trap: what = "Crashed"
        case .thrown: what = "Error thrown"
        case .timeout: what = "Time limit reached"
        case .unexpectedSuccess, .exit: what = "Failed"
        }
        let title = (expected ? "Fails as expected — " + what.lowercased() : what) + " at " + location
        return HTML.element("div", ["class": "out out-error" + (expected ? " expected" : ""), "role": expected ? nil : "alert"],
                            HTML.element("p", ["class": "error-title"], .text(title)),
                            HTML.element("pre", [:], .text(message.trimmingTrailingNewlines())))
    }

    /// A hidden check shows only its verdicts, never its code or messages.
    func hiddenCheck(_ result: CellResult?, id: String) -> HTML {
        let parts = (result?.checks ?? []).map { check(name: "", passed: $0.passed, message: "", hidden: true) }
        return HTML.element("section", ["class": "cell cell-hiddenCheck", "id": id],
                            HTML.element("div", ["class": "cell-outputs"], children: parts)) + HTML(trusted: "\n")
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" { s.removeLast() }
        return String(s)
    }
}
