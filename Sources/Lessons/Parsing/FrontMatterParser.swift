import CourseModel

// Reading the front matter: the settings themselves (`FrontMatter`) belong to the model.
extension FrontMatter {
    /// Splits the front matter off `lines`. Returns the settings and how many lines they took (including both
    /// `---`). `defaultOrder` is used when there is no `order:` (the number in the file name).
    static func parse(lines: [Substring], path: String, defaultOrder: Int?) throws -> (FrontMatter, lineCount: Int) {
        guard let first = lines.first, first.trimmingTrailingSpace() == "---" else {
            throw LessonError.badFrontMatter(path: path, line: 1,
                reason: "a lesson starts with front matter: a line '---', then 'title: …', then '---'")
        }
        guard lines.dropFirst().contains(where: { $0.trimmingTrailingSpace() == "---" }) else {
            throw LessonError.badFrontMatter(path: path, line: 1, reason: "the front matter has no closing '---' line")
        }
        let (values, end) = try keyValues(lines: lines, path: path)
        return (try settings(values, path: path, defaultOrder: defaultOrder), end + 1)
    }

    private typealias KeyValues = [String: (value: String, line: Int)]

    /// The `key: value` lines up to the closing `---` (comments and blank lines skipped), and that line's offset.
    private static func keyValues(lines: [Substring], path: String) throws -> (KeyValues, end: Int) {
        var values: KeyValues = [:]
        var end: Int?
        for (offset, raw) in lines.enumerated().dropFirst() {
            let line = offset + 1
            var text = raw.trimmingTrailingSpace()
            if text == "---" { end = offset; break }
            if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]) }
            if text.hasPrefix("#") || text.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let colon = text.firstIndex(of: ":") else {
                throw LessonError.badFrontMatter(path: path, line: line, reason: "expected 'key: value', found '\(text)'")
            }
            let key = text[..<colon].trimming(" \t")
            let value = text[text.index(after: colon)...].trimming(" \t")
            guard ["title", "order", "seed", "timeout"].contains(key) else {
                throw LessonError.badFrontMatter(path: path, line: line,
                    reason: "unknown key '\(key)' (known: title, order, seed, timeout)")
            }
            guard values[key] == nil else {
                throw LessonError.badFrontMatter(path: path, line: line, reason: "'\(key)' is given twice")
            }
            values[key] = (value, line)
        }
        guard let end else {
            throw LessonError.badFrontMatter(path: path, line: 1, reason: "the front matter has no closing '---' line")
        }
        return (values, end)
    }

    /// The settings the values give, each checked.
    private static func settings(_ values: KeyValues, path: String, defaultOrder: Int?) throws -> FrontMatter {
        guard let title = values["title"], !title.value.isEmpty else {
            throw LessonError.badFrontMatter(path: path, line: 1, reason: "'title:' is missing")
        }
        var matter = FrontMatter(title: unquote(title.value), order: defaultOrder ?? 0)
        if let order = values["order"] {
            guard let number = Int(order.value) else {
                throw LessonError.badFrontMatter(path: path, line: order.line, reason: "order '\(order.value)' is not a whole number")
            }
            matter.order = number
        } else if defaultOrder == nil {
            throw LessonError.badFrontMatter(path: path, line: 1,
                reason: "'order:' is missing (or name the file NN-slug.md)")
        }
        if let seed = values["seed"] {
            guard let number = UInt64(seed.value) else {
                throw LessonError.badFrontMatter(path: path, line: seed.line, reason: "seed '\(seed.value)' is not a whole number ≥ 0")
            }
            matter.seed = number
        }
        if let timeout = values["timeout"] {
            guard let seconds = Double(timeout.value), seconds > 0, seconds <= 86_400 else {
                throw LessonError.badFrontMatter(path: path, line: timeout.line,
                    reason: "timeout '\(timeout.value)' is not a number of seconds between 0 and 86400 (one day)")
            }
            matter.timeout = seconds
        }
        return matter
    }

    private static func unquote(_ text: String) -> String {
        for quote in ["\"", "'"] where text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(quote) {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}

extension StringProtocol {
    func trimmingTrailingSpace() -> String {
        var text = String(self)
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }

    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
