import CourseModel

/// The pass that turns GitHub's alert syntax into callouts: a blockquote whose first line is `[!NOTE]`,
/// `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` or `[!ERRATUM]` (any case), optionally followed by a title.
///
///     CalloutPass.apply([.quote([.paragraph([.text("[!TIP] Shapes"), .softBreak, .text("Check them.")])])])
///     // [.callout(.tip, title: [.text("Shapes")], [.paragraph([.text("Check them.")])])]
enum CalloutPass {
    static func apply(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        blocks.map { block in
            switch block {
            case .quote(let children):
                let inner = apply(children)
                return callout(inner) ?? .quote(inner)
            case .callout(let kind, let title, let children):
                return .callout(kind, title: title, apply(children))
            case .list(let ordered, let start, let tight, let items):
                return .list(ordered: ordered, start: start, tight: tight, items: items.map(apply))
            default:
                return block
            }
        }
    }

    /// The callout a quote's blocks make, when its first paragraph's first line is a marker.
    private static func callout(_ children: [MarkdownBlock]) -> MarkdownBlock? {
        guard case .paragraph(let inlines)? = children.first,
              case .text(let first)? = inlines.first else { return nil }
        // The marker line: the inlines up to the first line break, text and formulas only (as GitHub reads it).
        let lineEnd = inlines.firstIndex { $0 == .softBreak || $0 == .lineBreak } ?? inlines.endIndex
        let line = inlines[..<lineEnd]
        guard line.allSatisfy({ if case .text = $0 { return true }; if case .math = $0 { return true }; return false })
        else { return nil }
        let marker = first.drop(while: { $0 == " " })
        guard marker.hasPrefix("[!"), let close = marker.firstIndex(of: "]"),
              let kind = CalloutKind(rawValue: marker[marker.index(marker.startIndex, offsetBy: 2)..<close].uppercased())
        else { return nil }
        var title = Array(line.dropFirst())
        let after = marker[marker.index(after: close)...].drop(while: { $0 == " " })
        if !after.isEmpty { title.insert(.text(String(after)), at: 0) }
        if case .text(let last)? = title.last {
            let kept = last.trimming(" ")
            if kept.isEmpty { title.removeLast() } else { title[title.count - 1] = .text(kept) }
        }
        let rest = Array(inlines.dropFirst(min(lineEnd + 1, inlines.count)))
        let body = (rest.isEmpty ? [] : [MarkdownBlock.paragraph(rest)]) + children.dropFirst()
        return .callout(kind, title: title, body)
    }
}
