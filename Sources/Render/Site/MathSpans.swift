// `$…$` and `$$…$$` would be mangled by a Markdown parser (`_` and `*` are emphasis, `\\` an escape), so the
// spans are cut out before cmark sees the text and put back, as KaTeX-ready markup, when the HTML is written.

/// A TeX formula cut out of Markdown prose.
struct MathSpan: Equatable {
    var tex: String
    var display: Bool
}

/// Replaces math spans with placeholders that cmark passes through untouched.
///
///     let (text, spans) = MathSpans.protect("Area $\\pi r^2$.")
///     // text == "Area \u{E000}0\u{E001}.", spans == [MathSpan(tex: "\\pi r^2", display: false)]
///
/// Rules (as in Pandoc): `$$…$$` is display math and may span lines; `$…$` is inline, its opening `$` is followed
/// by a non-space and its closing `$` preceded by a non-space and not followed by a digit (so "$5 and $10" is
/// not math). `\$` is a literal dollar. Nothing inside code spans or fenced code blocks is touched. A blank line
/// ends a formula that was not closed.
enum MathSpans {
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    static func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }

    static func protect(_ markdown: String) -> (text: String, spans: [MathSpan]) {
        let chars = Array(markdown)
        var out = ""
        out.reserveCapacity(markdown.utf8.count)
        var spans: [MathSpan] = []
        var fence: (char: Character, length: Int)? = nil
        var i = 0
        let n = chars.count

        func atLineStart(_ k: Int) -> Bool { k == 0 || chars[k - 1] == "\n" }
        func lineEnd(_ k: Int) -> Int { var e = k; while e < n && chars[e] != "\n" { e += 1 }; return e }
        /// A fence marker (``` or ~~~, at least 3) after up to 3 spaces at `k`, or nil.
        func fenceMarker(_ k: Int) -> (Character, Int)? {
            var p = k, spaces = 0
            while p < n && chars[p] == " " && spaces < 4 { p += 1; spaces += 1 }
            guard spaces < 4, p < n, chars[p] == "`" || chars[p] == "~" else { return nil }
            let c = chars[p]; var len = 0
            while p < n && chars[p] == c { p += 1; len += 1 }
            return len >= 3 ? (c, len) : nil
        }
        func isBlankLineBreak(_ k: Int) -> Bool {
            // chars[k] == "\n" and the next line is blank
            guard chars[k] == "\n" else { return false }
            var p = k + 1
            while p < n && (chars[p] == " " || chars[p] == "\t") { p += 1 }
            return p >= n || chars[p] == "\n"
        }

        while i < n {
            if atLineStart(i) {
                if let f = fence {
                    let end = lineEnd(i)
                    if let m = fenceMarker(i), m.0 == f.char, m.1 >= f.length { fence = nil }
                    out += String(chars[i..<min(end + 1, n)])
                    i = end + 1
                    continue
                } else if let m = fenceMarker(i) {
                    fence = (m.0, m.1)
                    let end = lineEnd(i)
                    out += String(chars[i..<min(end + 1, n)])
                    i = end + 1
                    continue
                }
            }
            let c = chars[i]
            if c == "\\" && i + 1 < n {
                out.append(c); out.append(chars[i + 1]); i += 2; continue
            }
            if c == "`" {
                var run = 0
                while i + run < n && chars[i + run] == "`" { run += 1 }
                if let closeAt = findBacktickRun(chars, from: i + run, length: run) {
                    out += String(chars[i..<(closeAt + run)])
                    i = closeAt + run
                } else {
                    out += String(repeating: "`", count: run)
                    i += run
                }
                continue
            }
            if c == "$" {
                if i + 1 < n && chars[i + 1] == "$" {
                    // display: find the closing $$
                    var j = i + 2
                    var found: Int? = nil
                    while j + 1 < n {
                        if chars[j] == "\\" { j += 2; continue }
                        if chars[j] == "\n" && isBlankLineBreak(j) { break }
                        if chars[j] == "$" && chars[j + 1] == "$" { found = j; break }
                        j += 1
                    }
                    if let end = found {
                        let tex = String(chars[(i + 2)..<end]).trimmingCharacters(in: .whitespacesAndNewlines)
                        if !tex.isEmpty {
                            out += placeholder(spans.count)
                            spans.append(MathSpan(tex: tex, display: true))
                            i = end + 2
                            continue
                        }
                    }
                    out += "$$"; i += 2; continue
                }
                // inline
                if i + 1 < n, !chars[i + 1].isWhitespace {
                    var j = i + 1
                    var found: Int? = nil
                    while j < n {
                        if chars[j] == "\\" { j += 2; continue }
                        if chars[j] == "\n" && isBlankLineBreak(j) { break }
                        if chars[j] == "$" {
                            let before = chars[j - 1]
                            let after: Character? = j + 1 < n ? chars[j + 1] : nil
                            if !before.isWhitespace && !(after?.isNumber ?? false) { found = j }
                            break
                        }
                        j += 1
                    }
                    if let end = found, end > i + 1 {
                        out += placeholder(spans.count)
                        spans.append(MathSpan(tex: String(chars[(i + 1)..<end]), display: false))
                        i = end + 1
                        continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        return (out, spans)
    }

    private static func findBacktickRun(_ chars: [Character], from start: Int, length: Int) -> Int? {
        var j = start
        while j < chars.count {
            if chars[j] == "`" {
                var run = 0
                while j + run < chars.count && chars[j + run] == "`" { run += 1 }
                if run == length { return j }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }

    /// Splits text that may contain placeholders into plain pieces and formulas.
    static func pieces(_ text: String, spans: [MathSpan]) -> [Piece] {
        guard text.contains(open) else { return [.text(text)] }
        var result: [Piece] = []
        var rest = Substring(text)
        while let o = rest.firstIndex(of: open) {
            if o > rest.startIndex { result.append(.text(String(rest[..<o]))) }
            let after = rest.index(after: o)
            guard let c = rest[after...].firstIndex(of: close), let k = Int(rest[after..<c]), k < spans.count
            else { result.append(.text(String(rest[o...o]))); rest = rest[after...]; continue }
            result.append(.math(spans[k]))
            rest = rest[rest.index(after: c)...]
        }
        if !rest.isEmpty { result.append(.text(String(rest))) }
        return result
    }

    enum Piece: Equatable {
        case text(String)
        case math(MathSpan)
    }
}
