/// A piece of text inside a block: plain text, emphasis, a link, a formula…
///
///     [.text("Area "), .math("\\pi r^2", display: false), .text(".")]
public indirect enum MarkdownInline: Equatable, Sendable {
    case text(String)
    case softBreak
    case lineBreak
    /// `` `code` ``
    case code(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    /// `~~gone~~`
    case strikethrough([MarkdownInline])
    case link(url: String, title: String, [MarkdownInline])
    case image(url: String, title: String, alt: [MarkdownInline])
    /// Raw inline HTML as written (`<br>`, `<!-- … -->`).
    case html(String)
    /// `$…$` (display false) or `$$…$$` (display true): TeX, exactly as written between the dollars.
    case math(String, display: Bool)
}

extension Array where Element == MarkdownInline {
    /// The text a reader sees, formulas as `$TeX$` (search index, anchors, summaries).
    public var plainText: String {
        map { inline -> String in
            switch inline {
            case .text(let text), .code(let text): return text
            case .softBreak, .lineBreak: return " "
            case .html: return ""
            case .math(let tex, let display): return display ? "$$\(tex)$$" : "$\(tex)$"
            case .emphasis(let children), .strong(let children), .strikethrough(let children),
                 .link(_, _, let children), .image(_, _, let children):
                return children.plainText
            }
        }.joined()
    }
}
