/// The Markdown between two cells of a lesson, parsed: the text as written and its document tree.
///
///     let prose = lesson.blocks.compactMap { if case .prose(let p) = $0 { return p } else { return nil } }.first
///     prose?.markdown     // "# Title\n\nSome *prose*."
///     prose?.blocks       // [.heading(level: 1, [.text("Title")]), .paragraph([.text("Some "), .emphasis(…)])]
///
/// Math and callouts are already nodes of the tree (`.math`, `.callout`): the passes that make them run before
/// anything renders it.
public struct Prose: Equatable, Sendable {
    /// The text exactly as written (front matter removed).
    public var markdown: String
    /// The line of the file where `markdown` starts (1-based).
    public var line: Int
    /// The document tree.
    public var blocks: [MarkdownBlock]
    /// What an author should fix and a reader would trip over ("display math … has no closing $$"), one line each.
    public var warnings: [String]

    public init(markdown: String, line: Int = 1, blocks: [MarkdownBlock], warnings: [String] = []) {
        self.markdown = markdown
        self.line = line
        self.blocks = blocks
        self.warnings = warnings
    }
}
