import CCmark
import Foundation

/// Turns the text of a lesson into a `Lesson`: front matter, then libcmark finds the code blocks; the text
/// between them is kept verbatim as prose (the site renders it, with cmark, later).
///
/// Only top-level fenced blocks are cells. A fence inside a list item or a blockquote stays part of the prose and
/// is shown as code, never run.
public enum LessonParser {
    /// Parses `text`, the contents of the file at `url`. Errors name `displayPath` and the line.
    public static func parse(_ text: String, url: URL, displayPath: String) throws -> Lesson {
        let (id, slug, fileOrder) = names(of: url)
        // "\r\n" is one Character in Swift: split on both.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        let (frontMatter, headerLines) = try FrontMatter.parse(lines: lines, path: displayPath, defaultOrder: fileOrder)

        // Blank out the front matter so that cmark's line numbers are the file's line numbers.
        let body = (Array(repeating: Substring(""), count: headerLines) + lines.dropFirst(headerLines))
            .joined(separator: "\n")
        let blocks: [Block]
        do {
            blocks = try splitBlocks(body: body, lines: lines, firstLine: headerLines + 1)
            try validateExercises(blocks)
        } catch let error as LessonError {
            throw LessonError.inLesson(path: displayPath, error)
        }
        return Lesson(url: url, displayPath: displayPath, id: id, slug: slug, frontMatter: frontMatter, blocks: blocks)
    }

    /// `03-shallow-network.md` → ("03", "shallow-network", 3).
    static func names(of url: URL) -> (id: String, slug: String, order: Int?) {
        let name = url.deletingPathExtension().lastPathComponent
        let digits = name.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty else { return (name, name, nil) }
        var rest = name.dropFirst(digits.count)
        if rest.first == "-" || rest.first == "_" { rest = rest.dropFirst() }
        return (String(digits), rest.isEmpty ? String(digits) : String(rest), Int(digits))
    }

    private struct RawBlock { var startLine: Int; var endLine: Int; var info: String; var code: String; var fenced: Bool }

    private static func splitBlocks(body: String, lines: [Substring], firstLine: Int) throws -> [Block] {
        var raw: [RawBlock] = []
        let utf8 = Array(body.utf8)
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }) else { return [] }
        defer { cmark_node_free(document) }

        var node = cmark_node_first_child(document)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_CODE_BLOCK {
                let start = Int(cmark_node_get_start_line(current))
                let end = Int(cmark_node_get_end_line(current))
                let info = cmark_node_get_fence_info(current).map { String(cString: $0) } ?? ""
                let code = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
                let fence = fenceMarker(lines.indices.contains(start - 1) ? lines[start - 1] : "")
                if let fence, end == start
                    || !isClosingFence(lines.indices.contains(end - 1) ? lines[end - 1] : "", opening: fence) {
                    throw LessonError.badInfoString(line: start, info: info, reason: "this code fence is never closed")
                }
                raw.append(RawBlock(startLine: start, endLine: end, info: info.trimming(" \t"), code: code,
                                    fenced: fence != nil))
            }
            node = cmark_node_next(current)
        }

        var blocks: [Block] = []
        var proseStart = firstLine
        func prose(upTo endLine: Int) -> String {
            guard endLine >= proseStart else { return "" }
            return lines[(proseStart - 1)..<min(endLine, lines.count)].joined(separator: "\n")
        }
        for (index, block) in raw.enumerated() {
            let text = prose(upTo: block.startLine - 1)
            if !text.allSatisfy(\.isWhitespace) { blocks.append(.prose(markdown: text, line: proseStart)) }
            let kind = block.fenced ? try CellKind(infoString: block.info, line: block.startLine) : .other(language: nil)
            blocks.append(.cell(Cell(index: index, kind: kind, code: block.code, info: block.info,
                                     fenceLine: block.fenced ? block.startLine : block.startLine - 1,
                                     precedingProse: text.allSatisfy(\.isWhitespace) ? "" : text)))
            proseStart = block.endLine + 1
        }
        let tail = prose(upTo: lines.count)
        if !tail.allSatisfy(\.isWhitespace) { blocks.append(.prose(markdown: tail, line: proseStart)) }
        return blocks
    }

    /// The fence (```` ``` ```` or `~~~`, possibly longer) opening on `line`, or nil for an indented block.
    private static func fenceMarker(_ line: Substring) -> String? {
        let indent = line.prefix(while: { $0 == " " })
        guard indent.count <= 3 else { return nil }
        let rest = line.dropFirst(indent.count)
        guard let char = rest.first, char == "`" || char == "~" else { return nil }
        let run = rest.prefix(while: { $0 == char })
        return run.count >= 3 ? String(run) : nil
    }

    private static func isClosingFence(_ line: Substring, opening: String) -> Bool {
        guard let marker = fenceMarker(line), marker.first == opening.first, marker.count >= opening.count else {
            return false
        }
        return line.drop(while: { $0 == " " }).dropFirst(marker.count).allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// Every check and solution names an exercise that exists; each exercise id is used once.
    private static func validateExercises(_ blocks: [Block]) throws {
        var exercises: [String: Int] = [:]
        var cells: [Cell] = []
        for case .cell(let cell) in blocks { cells.append(cell) }
        for cell in cells {
            if case .exercise(let id, _) = cell.kind {
                if let first = exercises[id] {
                    throw LessonError.badExercise(line: cell.fenceLine,
                        reason: "exercise id=\(id) is used twice (first at line \(first))")
                }
                exercises[id] = cell.fenceLine
            }
        }
        var solutions: Set<String> = []
        for cell in cells {
            switch cell.kind {
            case .solution(let id), .check(let id, _):
                guard exercises[id] != nil else {
                    let known = exercises.keys.sorted().joined(separator: ", ")
                    throw LessonError.badExercise(line: cell.fenceLine,
                        reason: "'\(cell.info)' names no exercise of this lesson (exercises: \(known.isEmpty ? "none" : known))")
                }
                if case .solution = cell.kind {
                    guard solutions.insert(id).inserted else {
                        throw LessonError.badExercise(line: cell.fenceLine, reason: "exercise id=\(id) has two solutions")
                    }
                }
            default: break
            }
        }
    }
}
