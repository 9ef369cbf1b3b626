import CourseModel
import Foundation

/// Turns the text of a lesson into a `Lesson`: the front matter, then one cmark-gfm parse of the rest
/// (`MarkdownDocument`). Top-level code blocks become cells; the nodes between them become `Prose`, a document
/// tree over which the callout and math passes run before anything renders it (the way mdBook runs its
/// preprocessors before its renderer).
///
/// Only top-level fenced blocks are cells. A fence inside a list item or a blockquote stays part of the prose and
/// is shown as code, never run.
///
///     let lesson = try LessonParser.parse(text, url: url, displayPath: "lessons/03-shallow-network.md")
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
            let document = MarkdownDocument(body)
            blocks = try withExtendedLifetime(document) { try split(document, lines: lines, firstLine: headerLines + 1) }
            try ExerciseValidation.validate(blocks)
        } catch let error as LessonError {
            throw LessonError.inLesson(path: displayPath, error)
        }
        return Lesson(url: url, displayPath: displayPath, id: id, slug: slug, frontMatter: frontMatter, blocks: blocks)
    }

    /// Markdown that is not a lesson (the index page's introduction) as prose, through the same parser and passes.
    ///
    ///     LessonParser.prose("A course in *Swift*.").blocks.count   // 1
    public static func prose(_ markdown: String) -> Prose {
        let document = MarkdownDocument(markdown)
        return withExtendedLifetime(document) { prose(markdown: markdown, line: 1, nodes: document.nodes) }
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

    private static func split(_ document: MarkdownDocument, lines: [Substring], firstLine: Int) throws -> [Block] {
        var blocks: [Block] = []
        var proseStart = firstLine
        var pending: [OpaquePointer] = []
        var cellCount = 0
        func source(upTo endLine: Int) -> String {
            guard endLine >= proseStart else { return "" }
            return lines[(proseStart - 1)..<min(endLine, lines.count)].joined(separator: "\n")
        }
        for node in document.nodes {
            guard let code = MarkdownDocument.codeBlock(node) else { pending.append(node); continue }
            let start = code.lines.lowerBound
            if let fence = code.fence, !isClosed(code, fence: fence, lines: lines) {
                throw LessonError.badInfoString(line: start, info: code.info, reason: "this code fence is never closed")
            }
            let text = source(upTo: start - 1)
            let isBlank = text.allSatisfy(\.isWhitespace)
            if !isBlank { blocks.append(.prose(prose(markdown: text, line: proseStart, nodes: pending))) }
            let kind = code.fence != nil ? try CellKind(infoString: code.info, line: start) : .other(language: nil)
            blocks.append(.cell(Cell(index: cellCount, kind: kind, code: code.code, info: code.info,
                                     fenceLine: code.fence != nil ? start : start - 1,
                                     precedingProse: isBlank ? "" : text)))
            cellCount += 1
            proseStart = code.lines.upperBound + 1
            pending = []
        }
        let tail = source(upTo: lines.count)
        if !tail.allSatisfy(\.isWhitespace) { blocks.append(.prose(prose(markdown: tail, line: proseStart, nodes: pending))) }
        return blocks
    }

    /// The tree of `nodes`, after the passes.
    private static func prose(markdown: String, line: Int, nodes: [OpaquePointer]) -> Prose {
        let (blocks, warnings) = MathPass.apply(CalloutPass.apply(nodes.map(MarkdownTree.block)))
        return Prose(markdown: markdown, line: line, blocks: blocks, warnings: warnings)
    }

    /// Whether a fenced block ends with its closing fence (cmark runs an unclosed one to the end of the file):
    /// the last line is the opening fence's character, at least as many times, then only spaces.
    private static func isClosed(_ code: MarkdownDocument.CodeBlock, fence: (character: Character, length: Int),
                                 lines: [Substring]) -> Bool {
        let end = code.lines.upperBound
        guard end > code.lines.lowerBound, lines.indices.contains(end - 1) else { return false }
        let line = lines[end - 1]
        let indent = line.prefix(while: { $0 == " " }).count
        let run = line.dropFirst(indent).prefix(while: { $0 == fence.character }).count
        return indent <= 3 && run >= fence.length
            && line.dropFirst(indent + run).allSatisfy { $0 == " " || $0 == "\t" }
    }
}
