import CourseModel

/// The pass over a parsed document that finishes the math `MathSyntax` read: a paragraph that is nothing but a
/// `$$…$$` formula becomes a displayed `.math` block, and a `$$` left without its closing `$$` is reported.
///
///     MathPass.apply([.paragraph([.math("E = mc^2", display: true)])]).blocks   // [.math("E = mc^2")]
enum MathPass {
    static func apply(_ blocks: [MarkdownBlock]) -> (blocks: [MarkdownBlock], warnings: [String]) {
        var warnings: [String] = []
        let result = blocks.map { transform($0, &warnings) }
        return (result, warnings)
    }

    private static func transform(_ block: MarkdownBlock, _ warnings: inout [String]) -> MarkdownBlock {
        switch block {
        case .paragraph(let inlines):
            let content = inlines.filter { inline in
                if case .softBreak = inline { return false }
                if case .text(let text) = inline { return !text.allSatisfy(\.isWhitespace) }
                return true
            }
            if content.count == 1, case .math(let tex, true) = content[0] { return .math(tex) }
            check(inlines, &warnings)
            return block
        case .heading(_, let inlines):
            check(inlines, &warnings)
            return block
        case .quote(let children):
            return .quote(children.map { transform($0, &warnings) })
        case .callout(let kind, let title, let children):
            return .callout(kind, title: title, children.map { transform($0, &warnings) })
        case .list(let ordered, let start, let tight, let items):
            return .list(ordered: ordered, start: start, tight: tight,
                         items: items.map { $0.map { transform($0, &warnings) } })
        case .table(let table):
            for cell in table.header + table.rows.joined() { check(cell, &warnings) }
            return block
        case .code, .math, .html, .thematicBreak:
            return block
        }
    }

    /// A `$$` in the text of `inlines` (or of emphasis, links… inside them) opened a formula that never closed.
    private static func check(_ inlines: [MarkdownInline], _ warnings: inout [String]) {
        var reported = false
        for inline in inlines {
            switch inline {
            case .text(let text):
                if !reported, let range = text.range(of: "$$") {
                    warnings.append("display math \"\(text[range.lowerBound...].prefix(40))…\" has no closing $$ in its paragraph")
                    reported = true
                }
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children):
                check(children, &warnings)
            default:
                break
            }
        }
    }
}
