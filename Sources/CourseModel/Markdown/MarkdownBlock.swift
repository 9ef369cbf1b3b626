/// A block of a Markdown document (CommonMark plus GitHub's tables, and our math and callouts).
///
///     .heading(level: 2, [.text("Training")])
///     .table(Table(alignments: [.none, .right], header: [[.text("x")], [.text("y")]], rows: []))
public indirect enum MarkdownBlock: Equatable, Sendable {
    case paragraph([MarkdownInline])
    case heading(level: Int, [MarkdownInline])
    /// A blockquote that is not a callout.
    case quote([MarkdownBlock])
    /// `> [!NOTE] title` — a blockquote whose first line names a callout kind.
    case callout(CalloutKind, title: [MarkdownInline], [MarkdownBlock])
    /// `start` is the first number of an ordered list; a tight list's paragraphs are shown without gaps.
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    /// A code block that is shown, never run (inside a list or quote). `info` is the fence's info string.
    case code(info: String, code: String)
    /// `$$…$$` on its own: a displayed formula (TeX).
    case math(String)
    case table(Table)
    /// Raw HTML as written (the site shows it as text and drops comments).
    case html(String)
    case thematicBreak
}

/// A GitHub pipe table: header cells, alignments and rows of cells, each cell inline Markdown.
public struct Table: Equatable, Sendable {
    public enum Alignment: Equatable, Sendable { case none, left, center, right }
    public var alignments: [Alignment]
    public var header: [[MarkdownInline]]
    public var rows: [[[MarkdownInline]]]

    public init(alignments: [Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]]) {
        self.alignments = alignments
        self.header = header
        self.rows = rows
    }
}
