import Foundation

/// A code cell as HTML: a header (what kind of cell, where it is in the lesson, whether it ran or came from the
/// cache), the highlighted code with a copy button, then its outputs in the order they were produced.
///
///     let html = CellRenderer(includeSolutions: false, imageDirectory: "images").render(cell, number: 3)
struct CellRenderer {
    var includeSolutions: Bool
    /// Site-relative folder the images were copied to.
    var imageDirectory: String
    /// Image file names that were copied; an output naming another file shows a placeholder.
    var availableImages: Set<String>
    var highlighter = CodeHighlighter()

    /// Whether the cell appears on the page at all.
    func isShown(_ cell: SiteCell) -> Bool {
        switch cell.kind {
        case .hidden: return false
        case .solution: return includeSolutions
        case .hiddenCheck: return cell.outputs.contains { if case .check = $0 { return true } else { return false } }
        default: return true
        }
    }

    func render(_ cell: SiteCell, id: String, warnings: inout [String]) -> HTML {
        if cell.kind == .hiddenCheck { return hiddenCheck(cell, id: id) }
        let body = HTML.element("div", ["class": "cell-code"],
                                highlighter.pre(cell.source.trimmingTrailingNewlines(), language: cell.language))
        let section = HTML.element("section", ["class": "cell cell-\(cell.kind.rawValue) status-\(cell.status.rawValue)",
                                               "id": id],
                                   header(cell, id: id), body, outputs(cell, warnings: &warnings))
        if cell.kind == .solution {
            let summary = "Solution" + (cell.exercise.map { " of exercise “\($0.id)”" } ?? "")
            return HTML.element("details", ["class": "solution"],
                                HTML.element("summary", [:], .text(summary)), section) + HTML(trusted: "\n")
        }
        return section + HTML(trusted: "\n")
    }

    // MARK: pieces

    func header(_ cell: SiteCell, id: String) -> HTML {
        var parts: [HTML] = []
        if let label = label(cell) { parts.append(HTML.element("span", ["class": "cell-label"], .text(label))) }
        if !cell.mdLocation.isEmpty {
            parts.append(HTML.element("a", ["class": "cell-loc", "href": "#" + id, "title": "Where this cell is in the lesson source"],
                                      .text(cell.mdLocation)))
        }
        let (stamp, title) = statusStamp(cell)
        parts.append(HTML.element("span", ["class": "cell-actions"],
                                  HTML.element("span", ["class": "cell-status", "title": title], .text(stamp)),
                                  HTML.element("button", ["class": "copy", "type": "button",
                                                          "aria-label": "Copy the code"], .text("Copy"))))
        return HTML.element("div", ["class": "cell-head"], children: parts)
    }

    func label(_ cell: SiteCell) -> String? {
        let exercise = cell.exercise.map { "“\($0.id)”" }
        switch cell.kind {
        case .exercise:
            var text = "Exercise"
            if let exercise { text += " " + exercise }
            if let points = cell.exercise?.points { text += " · \(points) point\(points == 1 ? "" : "s")" }
            return text
        case .solution: return "Solution" + (exercise.map { " · " + $0 } ?? "")
        case .check: return "Check" + (exercise.map { " · " + $0 } ?? "")
        case .fails: return "Expected to fail"
        // The stamp already says "not run"; another language is named so that nobody pastes it into Swift.
        case .noRun: return cell.language.lowercased() == "swift" || cell.language.isEmpty ? nil : cell.language
        case .normal, .hidden, .hiddenCheck: return nil
        }
    }

    /// The "ran / from cache" stamp and its tooltip.
    func statusStamp(_ cell: SiteCell) -> (String, String) {
        let time = cell.duration.map { " · " + Self.formatDuration($0) } ?? ""
        switch cell.status {
        case .ran: return ("ran" + time, "Ran during this build")
        case .cached: return ("cached" + time, "Outputs taken from the result cache; nothing they depend on changed")
        case .notRun: return ("not run", "This cell was not run")
        case .failed: return ("failed" + time, "This cell failed when it ran")
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

    func outputs(_ cell: SiteCell, warnings: inout [String]) -> HTML {
        guard !cell.outputs.isEmpty else { return .empty }
        var parts: [HTML] = []
        var pendingText = ""
        var pendingStream: SiteTextStream = .stdout
        func flushText() {
            guard !pendingText.isEmpty else { return }
            parts.append(HTML.element("pre", ["class": "out out-\(pendingStream.rawValue)"],
                                      .text(pendingText.trimmingTrailingNewlines())))
            pendingText = ""
        }
        for output in cell.outputs {
            if case .text(let text, let stream) = output {
                if stream != pendingStream { flushText(); pendingStream = stream }
                pendingText += Self.withoutTerminalCodes(text)
                continue
            }
            flushText()
            switch output {
            case .text: break
            case .value(let text):
                parts.append(HTML.element("pre", ["class": "out out-value"],
                                          .text(Self.withoutTerminalCodes(text).trimmingTrailingNewlines())))
            case .image(let fileName, let width, let height, let alt, let pixelated):
                parts.append(image(fileName: fileName, width: width, height: height, alt: alt, pixelated: pixelated,
                                   cell: cell, warnings: &warnings))
            case .check(let name, let passed, let message, let hidden):
                parts.append(check(name: name, passed: passed, message: message, hidden: hidden))
            case .error(let kind, let message, let location):
                // A `fails` cell's failure is the point, unless the cell is marked failed (it did not fail as it should).
                parts.append(error(kind: kind, message: message, location: location,
                                   expected: cell.kind == .fails && cell.status != .failed))
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

    func image(fileName: String, width: Int, height: Int, alt: String, pixelated: Bool, cell: SiteCell,
               warnings: inout [String]) -> HTML {
        guard availableImages.contains(fileName) else {
            warnings.append("\(cell.mdLocation): picture \(fileName) was not given to the site builder")
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

    func error(kind: SiteErrorKind, message: String, location: String?, expected: Bool) -> HTML {
        let what: String
        switch kind {
        case .compile: what = "Compile error"
        case .trap: what = "Crashed"
        case .thrown: what = "Error thrown"
        case .timeout: what = "Time limit reached"
        case .other: what = "Failed"
        }
        var title = (expected ? "Fails as expected — " + what.lowercased() : what)
        if let location, !location.isEmpty { title += " at " + location }
        return HTML.element("div", ["class": "out out-error" + (expected ? " expected" : ""), "role": expected ? nil : "alert"],
                            HTML.element("p", ["class": "error-title"], .text(title)),
                            HTML.element("pre", [:], .text(message.trimmingTrailingNewlines())))
    }

    /// A hidden check shows only its verdicts, never its code or messages.
    func hiddenCheck(_ cell: SiteCell, id: String) -> HTML {
        var parts: [HTML] = []
        for output in cell.outputs {
            if case .check(_, let passed, _, _) = output {
                parts.append(check(name: "", passed: passed, message: "", hidden: true))
            }
        }
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
