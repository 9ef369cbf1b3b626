// Syntax highlighting done when the site is built (no JavaScript needed): a small lexer for Swift that knows
// comments, strings (with interpolation), numbers, keywords, attributes, types and calls. Other languages are
// shown as plain, escaped text, with comments picked out for Python and shell.

/// Turns source code into `<pre><code>` with `<span class="tok-…">` around its tokens.
///
///     CodeHighlighter().pre("let x = 1 // one", language: "swift").rendered
///     // <pre class="code" data-lang="swift"><code><span class="tok-kw">let</span> x = <span class="tok-num">1</span> …
struct CodeHighlighter {
    enum Token: String { case keyword = "kw", type = "ty", number = "num", string = "str", comment = "com"
        case attribute = "attr", call = "fn", literal = "lit", directive = "dir" }

    func pre(_ code: String, language: String) -> HTML {
        let lang = language.lowercased()
        let body: HTML
        switch lang {
        case "swift": body = swift(code)
        case "python", "py", "sh", "bash", "shell", "console": body = hashComments(code)
        default: body = .text(code)
        }
        return HTML.element("pre", ["class": "code", "data-lang": lang.isEmpty ? nil : lang],
                            HTML.element("code", children: [body]))
    }

    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "protocol", "public", "static", "struct", "subscript",
        "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "catch", "is", "rethrows",
        "super", "self", "Self", "throw", "throws", "try", "async", "await", "mutating", "nonmutating", "override",
        "final", "lazy", "weak", "unowned", "some", "any", "convenience", "required", "indirect", "get", "set",
        "willSet", "didSet", "consuming", "borrowing", "actor", "nonisolated",
    ]
    static let swiftLiterals: Set<String> = ["true", "false", "nil"]

    private func span(_ token: Token, _ text: String) -> HTML {
        HTML.element("span", ["class": "tok-" + token.rawValue], .text(text))
    }

    func swift(_ code: String) -> HTML {
        let c = Array(code.unicodeScalars)
        let n = c.count
        var out = HTML.empty
        var plain = ""
        var i = 0
        func flush() { if !plain.isEmpty { out += .text(plain); plain = "" } }
        func emit(_ t: Token, _ from: Int, _ to: Int) {
            flush()
            var s = ""; s.unicodeScalars.append(contentsOf: c[from..<to]); out += span(t, s)
        }
        func isIdentStart(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic }
        func isIdent(_ s: Unicode.Scalar) -> Bool { isIdentStart(s) || ("0"..."9").contains(s) }

        while i < n {
            let ch = c[i]
            // comments
            if ch == "/" && i + 1 < n && c[i + 1] == "/" {
                var j = i; while j < n && c[j] != "\n" { j += 1 }
                emit(.comment, i, j); i = j; continue
            }
            if ch == "/" && i + 1 < n && c[i + 1] == "*" {
                var depth = 0, j = i
                repeat {
                    if j + 1 < n && c[j] == "/" && c[j + 1] == "*" { depth += 1; j += 2 }
                    else if j + 1 < n && c[j] == "*" && c[j + 1] == "/" { depth -= 1; j += 2 }
                    else { j += 1 }
                } while depth > 0 && j < n
                emit(.comment, i, j); i = j; continue
            }
            // strings (single-line and multi-line), with \( … ) interpolation shown as code
            if ch == "\"" || (ch == "#" && i + 1 < n && (c[i + 1] == "\"" || c[i + 1] == "#")) {
                if let end = stringEnd(c, i) { flush(); out += stringToken(c, i, end); i = end; continue }
            }
            if ("0"..."9").contains(ch) {
                var j = i + 1
                while j < n && (isIdent(c[j]) || c[j] == "." && j + 1 < n && ("0"..."9").contains(c[j + 1])
                                || (c[j] == "-" || c[j] == "+") && (c[j - 1] == "e" || c[j - 1] == "E")) { j += 1 }
                emit(.number, i, j); i = j; continue
            }
            if ch == "@" && i + 1 < n && isIdentStart(c[i + 1]) {
                var j = i + 1; while j < n && isIdent(c[j]) { j += 1 }
                emit(.attribute, i, j); i = j; continue
            }
            if ch == "#" && i + 1 < n && isIdentStart(c[i + 1]) {
                var j = i + 1; while j < n && isIdent(c[j]) { j += 1 }
                emit(.directive, i, j); i = j; continue
            }
            if ch == "`" {
                var j = i + 1; while j < n && c[j] != "`" && c[j] != "\n" { j += 1 }
                if j < n && c[j] == "`" { flush(); var s = ""; s.unicodeScalars.append(contentsOf: c[i...j]); plain = s; i = j + 1; continue }
            }
            if isIdentStart(ch) {
                var j = i + 1; while j < n && isIdent(c[j]) { j += 1 }
                var word = ""; word.unicodeScalars.append(contentsOf: c[i..<j])
                let previous = i > 0 ? c[i - 1] : " "
                if previous == "." { plain += word }   // member access: .self, .init stay plain
                else if Self.swiftKeywords.contains(word) { emit(.keyword, i, j) }
                else if Self.swiftLiterals.contains(word) { emit(.literal, i, j) }
                else if let first = word.unicodeScalars.first, first.properties.isUppercase { emit(.type, i, j) }
                else if j < n && c[j] == "(" { emit(.call, i, j) }
                else { plain += word }
                i = j; continue
            }
            plain.unicodeScalars.append(ch)
            i += 1
        }
        flush()
        return out
    }

    /// The index just past the string literal starting at `start` (`"…"`, `"""…"""`, `#"…"#`), or nil.
    private func stringEnd(_ c: [Unicode.Scalar], _ start: Int) -> Int? {
        let n = c.count
        var i = start, hashes = 0
        while i < n && c[i] == "#" { hashes += 1; i += 1 }
        guard i < n, c[i] == "\"" else { return nil }
        let multi = i + 2 < n && c[i + 1] == "\"" && c[i + 2] == "\""
        i += multi ? 3 : 1
        while i < n {
            if c[i] == "\\" && hashes == 0 { i += 2; continue }
            if c[i] == "\n" && !multi { return i }
            if c[i] == "\"" {
                let quotes = multi ? 3 : 1
                if i + quotes <= n && c[i..<(i + quotes)].allSatisfy({ $0 == "\"" }) {
                    var j = i + quotes, h = 0
                    while j < n && c[j] == "#" && h < hashes { h += 1; j += 1 }
                    if h == hashes { return j }
                }
            }
            i += 1
        }
        return n
    }

    /// A string literal with its `\( … )` interpolations highlighted as code.
    private func stringToken(_ c: [Unicode.Scalar], _ start: Int, _ end: Int) -> HTML {
        var out = HTML.empty
        var piece = ""
        var i = start
        while i < end {
            if c[i] == "\\" && i + 1 < end && c[i + 1] == "(" {
                var depth = 1, j = i + 2
                while j < end && depth > 0 { if c[j] == "(" { depth += 1 } else if c[j] == ")" { depth -= 1 }; j += 1 }
                out += span(.string, piece + "\\("); piece = ""
                var inner = ""; inner.unicodeScalars.append(contentsOf: c[(i + 2)..<max(i + 2, j - 1)])
                out += swift(inner)
                out += span(.string, ")")
                i = j; continue
            }
            piece.unicodeScalars.append(c[i]); i += 1
        }
        if !piece.isEmpty { out += span(.string, piece) }
        return out
    }

    /// Plain text with `#` comments picked out (Python, shell).
    func hashComments(_ code: String) -> HTML {
        var out = HTML.empty
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        for (k, line) in lines.enumerated() {
            if let hash = line.firstIndex(of: "#"), !line[..<hash].contains("\""), !line[..<hash].contains("'") {
                out += .text(String(line[..<hash])) + span(.comment, String(line[hash...]))
            } else {
                out += .text(String(line))
            }
            if k < lines.count - 1 { out += .text("\n") }
        }
        return out
    }
}
