// The search index: one entry per section (a heading and the prose under it) of every lesson, written as a script
// (`window.COURSE_SEARCH = […]`) so that search works from static files, even opened straight from disk.

struct SearchEntry: Equatable {
    /// Page file (`03-shallow.html`), the lesson's title, its order, the heading and its anchor, the text.
    var page: String
    var lessonTitle: String
    var order: Int
    var heading: String?
    var anchor: String?
    var text: String
    /// Names used in the section's shown code cells (`conv2d`, `Tensor`…), so that an API name finds its uses.
    var code: [String] = []
}

enum SearchIndex {
    /// Longest text kept per entry; enough for a snippet around any word of a section.
    static let maxText = 1_500

    static func script(_ entries: [SearchEntry]) -> String {
        var out = "window.COURSE_SEARCH = [\n"
        for (k, e) in entries.enumerated() {
            var fields = ["\"p\":" + json(e.page), "\"t\":" + json(e.lessonTitle), "\"o\":\(e.order)"]
            if let h = e.heading { fields.append("\"h\":" + json(h)) }
            if let a = e.anchor { fields.append("\"a\":" + json(a)) }
            fields.append("\"x\":" + json(String(e.text.prefix(maxText))))
            if !e.code.isEmpty { fields.append("\"c\":" + json(e.code.joined(separator: " "))) }
            out += "{" + fields.joined(separator: ",") + "}" + (k < entries.count - 1 ? ",\n" : "\n")
        }
        return out + "];\n"
    }

    /// The distinct identifiers of Swift code (at least 3 characters, keywords left out), sorted.
    static func identifiers(in code: String) -> Set<String> {
        var words: Set<String> = []
        var current = ""
        for scalar in code.unicodeScalars {
            if scalar == "_" || scalar.properties.isAlphabetic || (!current.isEmpty && ("0"..."9").contains(scalar)) {
                current.unicodeScalars.append(scalar)
            } else {
                if current.count >= 3 && !CodeHighlighter.swiftKeywords.contains(current) { words.insert(current) }
                current = ""
            }
        }
        if current.count >= 3 && !CodeHighlighter.swiftKeywords.contains(current) { words.insert(current) }
        return words
    }

    /// A JSON string literal that is also safe inside an HTML page (`<`, `>` and `&` as \\u escapes).
    static func json(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
