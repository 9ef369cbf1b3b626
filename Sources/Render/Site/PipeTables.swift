// cmark implements CommonMark, which has no tables; lessons use GitHub's pipe tables. Table blocks are cut out of
// the Markdown before cmark parses it (after math is protected, so a `|` inside `$|x|$` is safe), replaced by a
// placeholder paragraph, and written as <table> with each cell's text rendered as inline Markdown.

/// A GitHub-style pipe table.
struct PipeTable: Equatable {
    enum Alignment: Equatable { case none, left, center, right }
    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]]
}

/// Finds pipe tables outside fenced code.
///
///     let (text, tables) = PipeTables.extract("| a | b |\n|---|--:|\n| 1 | 2 |\n")
///     // text == "\u{E002}0\u{E003}\n", tables[0].alignments == [.none, .right]
enum PipeTables {
    static let open: Character = "\u{E002}"
    static let close: Character = "\u{E003}"

    static func placeholder(_ index: Int) -> String { "\(open)\(index)\(close)" }

    static func extract(_ markdown: String) -> (text: String, tables: [PipeTable]) {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [String] = []
        var tables: [PipeTable] = []
        var fence: (Character, Int)? = nil
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if let marker = fenceMarker(line) {
                if let f = fence { if marker.0 == f.0 && marker.1 >= f.1 { fence = nil } } else { fence = marker }
                out.append(line); i += 1; continue
            }
            if fence == nil, i + 1 < lines.count, line.contains("|"),
               let alignments = delimiterRow(lines[i + 1]) {
                let header = cells(line)
                if header.count == alignments.count {
                    var rows: [[String]] = []
                    var j = i + 2
                    while j < lines.count, lines[j].contains("|"), !lines[j].trimmingCharacters(in: .whitespaces).isEmpty {
                        var row = cells(lines[j])
                        if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
                        rows.append(Array(row.prefix(header.count)))
                        j += 1
                    }
                    // A table may interrupt a paragraph; the placeholder must be a paragraph of its own.
                    if let last = out.last, !last.trimmingCharacters(in: .whitespaces).isEmpty { out.append("") }
                    out.append(placeholder(tables.count))
                    if j < lines.count, !lines[j].trimmingCharacters(in: .whitespaces).isEmpty { out.append("") }
                    tables.append(PipeTable(header: header, alignments: alignments, rows: rows))
                    i = j
                    continue
                }
            }
            out.append(line); i += 1
        }
        return (out.joined(separator: "\n"), tables)
    }

    private static func fenceMarker(_ line: String) -> (Character, Int)? {
        let trimmed = line.drop(while: { $0 == " " })
        guard line.count - trimmed.count < 4, let c = trimmed.first, c == "`" || c == "~" else { return nil }
        let run = trimmed.prefix(while: { $0 == c }).count
        return run >= 3 ? (c, run) : nil
    }

    /// `|---|:--:|--:|` → alignments, or nil when the line is not a delimiter row.
    static func delimiterRow(_ line: String) -> [PipeTable.Alignment]? {
        guard line.contains("-") else { return nil }
        let parts = cells(line)
        guard !parts.isEmpty else { return nil }
        var result: [PipeTable.Alignment] = []
        for part in parts {
            let p = part.trimmingCharacters(in: .whitespaces)
            let left = p.hasPrefix(":"), right = p.hasSuffix(":")
            let dashes = p.trimmingCharacters(in: CharacterSet(charactersIn: ":"))
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? .center : right ? .right : left ? .left : .none)
        }
        return result
    }

    /// The cells of a row: split at `|` that is neither escaped (`\|`) nor inside a code span.
    static func cells(_ line: String) -> [String] {
        var s = line.trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("|") { s.removeFirst() }
        if s.hasSuffix("|") && !s.hasSuffix("\\|") { s.removeLast() }
        var result: [String] = []
        var current = ""
        var inCode = 0   // length of the open backtick run, 0 outside code
        let chars = Array(s)
        var k = 0
        while k < chars.count {
            let c = chars[k]
            if c == "\\" && k + 1 < chars.count && chars[k + 1] == "|" { current.append("|"); k += 2; continue }
            if c == "`" {
                var run = 0
                while k + run < chars.count && chars[k + run] == "`" { run += 1 }
                if inCode == 0 { inCode = run } else if inCode == run { inCode = 0 }
                current += String(repeating: "`", count: run); k += run; continue
            }
            if c == "|" && inCode == 0 { result.append(current.trimmingCharacters(in: .whitespaces)); current = ""; k += 1; continue }
            current.append(c); k += 1
        }
        result.append(current.trimmingCharacters(in: .whitespaces))
        return result
    }
}

import Foundation
