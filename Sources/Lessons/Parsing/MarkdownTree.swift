import CCmarkGFM
import CourseModel

/// cmark-gfm's nodes as the model's `MarkdownBlock`s and `MarkdownInline`s: the one place that reads them.
///
///     let blocks = MarkdownDocument("Some *prose*.").nodes.map(MarkdownTree.block)
///     // [.paragraph([.text("Some "), .emphasis([.text("prose")]), .text(".")])]
enum MarkdownTree {
    static func block(_ node: OpaquePointer) -> MarkdownBlock {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(inlines(of: node))
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), inlines(of: node))
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(children(of: node).map(block))
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0,
                         items: children(of: node).map { children(of: $0).map(block) })
        case CMARK_NODE_CODE_BLOCK:
            return .code(info: string(cmark_node_get_fence_info(node)), code: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK:
            return .html(string(cmark_node_get_literal(node)))
        case CMARK_NODE_THEMATIC_BREAK:
            return .thematicBreak
        default:
            if typeName(node) == "table" { return .table(table(node)) }
            // Anything else (a custom block) keeps its content.
            return .quote(children(of: node).map(block))
        }
    }

    static func table(_ node: OpaquePointer) -> Table {
        let columns = Int(cmark_gfm_extensions_get_table_columns(node))
        let codes = cmark_gfm_extensions_get_table_alignments(node)
        let alignments: [Table.Alignment] = (0..<columns).map { k in
            switch codes.map({ UnicodeScalar($0[k]) }) {
            case "l"?: return .left
            case "c"?: return .center
            case "r"?: return .right
            default: return .none
            }
        }
        var header: [[MarkdownInline]] = []
        var rows: [[[MarkdownInline]]] = []
        for row in children(of: node) {
            let cells = children(of: row).map { inlines(of: $0) }
            if cmark_gfm_extensions_get_table_row_is_header(row) != 0 { header = cells } else { rows.append(cells) }
        }
        return Table(alignments: alignments, header: header, rows: rows)
    }

    /// The inline children of `parent`; neighbouring text nodes (cmark splits text at `[`, `!`…) are joined.
    static func inlines(of parent: OpaquePointer) -> [MarkdownInline] {
        var result: [MarkdownInline] = []
        for node in children(of: parent) {
            let inline = self.inline(node)
            if case .text(let more) = inline, case .text(let text)? = result.last {
                result[result.count - 1] = .text(text + more)
            } else {
                result.append(inline)
            }
        }
        return result
    }

    static func inline(_ node: OpaquePointer) -> MarkdownInline {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE:
            if let formula = MathSyntax.formula(node) { return .math(formula.tex, display: formula.display) }
            return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis(inlines(of: node))
        case CMARK_NODE_STRONG: return .strong(inlines(of: node))
        case CMARK_NODE_LINK:
            return .link(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                         inlines(of: node))
        case CMARK_NODE_IMAGE:
            return .image(url: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)),
                          alt: inlines(of: node))
        case CMARK_NODE_HTML_INLINE: return .html(string(cmark_node_get_literal(node)))
        default:
            if typeName(node) == "strikethrough" { return .strikethrough(inlines(of: node)) }
            return .emphasis(inlines(of: node))
        }
    }

    static func children(of parent: OpaquePointer) -> [OpaquePointer] {
        var result: [OpaquePointer] = []
        var node = cmark_node_first_child(parent)
        while let current = node {
            result.append(current)
            node = cmark_node_next(current)
        }
        return result
    }

    static func typeName(_ node: OpaquePointer) -> String { string(cmark_node_get_type_string(node)) }
    static func string(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
}
