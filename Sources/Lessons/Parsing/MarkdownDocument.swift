import CCmarkGFM

/// A Markdown text parsed by cmark-gfm, once: CommonMark with smart punctuation, GitHub's table, strikethrough,
/// autolink and tagfilter extensions, and our `$…$` math (`MathSyntax`). The lesson parser reads its top-level
/// nodes (code blocks become cells); `MarkdownTree` turns the rest into `MarkdownBlock`s.
///
///     let document = MarkdownDocument("# Title\n\n```swift\nprint(1)\n```\n")
///     document.nodes.count          // 2
///     document.codeBlocks[0].line   // 3
final class MarkdownDocument {
    /// The extensions every parse attaches, by the names cmark-gfm registers them under.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter"]
    static let options = CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8

    private let root: OpaquePointer

    init(_ markdown: String) {
        cmark_gfm_core_extensions_ensure_registered()
        let parser = cmark_parser_new(Self.options)!
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        cmark_parser_attach_syntax_extension(parser, MathSyntax.extension)
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parser_feed(parser, $0, buffer.count)
            }
        }
        root = cmark_parser_finish(parser)!
    }

    deinit { cmark_node_free(root) }

    /// The top-level nodes, in order.
    var nodes: [OpaquePointer] { MarkdownTree.children(of: root) }

    /// A top-level code block: where it is and what it holds.
    struct CodeBlock {
        /// The first and last line of the block (the fences included).
        var lines: ClosedRange<Int>
        var info: String
        var code: String
        /// The opening fence (```` ``` ```` or `~~~`, possibly longer); nil for an indented block.
        var fence: (character: Character, length: Int)?
    }

    /// `node` as a code block, when it is one.
    static func codeBlock(_ node: OpaquePointer) -> CodeBlock? {
        guard cmark_node_get_type(node) == CMARK_NODE_CODE_BLOCK else { return nil }
        var length: Int32 = 0, offset: Int32 = 0
        var character: CChar = 0
        let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0
        let start = Int(cmark_node_get_start_line(node)), end = Int(cmark_node_get_end_line(node))
        return CodeBlock(lines: start...max(start, end),
                         info: MarkdownTree.string(cmark_node_get_fence_info(node)).trimming(" \t"),
                         code: MarkdownTree.string(cmark_node_get_literal(node)),
                         fence: fenced ? (Character(Unicode.Scalar(UInt8(bitPattern: character))), Int(length)) : nil)
    }

    /// The top-level code blocks, in order (a workbook's answers).
    var codeBlocks: [CodeBlock] { nodes.compactMap(Self.codeBlock) }
}
