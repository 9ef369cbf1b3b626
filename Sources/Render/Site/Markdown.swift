import CourseModel
import Foundation

/// Prose rendered to HTML, plus what the page needs from it (headings for the table of contents and the search
/// index).
///
/// The prose arrives parsed (Lessons parses each lesson once, with cmark-gfm, and runs the math and callout passes
/// over the tree); this walk only writes HTML. Raw HTML is not passed through — `<!-- comments -->` are dropped,
/// a few harmless inline tags without attributes (`<br>`, `<sub>`, `<sup>`, `<kbd>`, `<mark>`, `<b>`, `<i>`,
/// `<u>`, `<small>`, `<s>`) are kept, and anything else shows as text. Links with a `javascript:`/`data:`
/// scheme lose their target; pictures from `http(s)` URLs become plain links (no request leaves the page).
struct RenderedProse {
    var html: HTML
    var headings: [Heading]
    /// Plain-text sections for the search index: the heading above (or nil) and the text under it.
    var sections: [(heading: Heading?, text: String)]
    var warnings: [String]
    /// Whether the prose holds any formula (the page then loads KaTeX).
    var hasMath: Bool
    /// The first paragraph outside callouts and quotes, if any: the lesson's summary on the index page.
    var firstParagraph: [MarkdownInline]? = nil
}

struct Heading: Equatable {
    var level: Int
    /// Plain text, formulas as `$TeX$` (search index, anchors).
    var text: String
    var id: String
    /// The heading's content as HTML (formulas typeset), for the table of contents.
    var html: HTML
}

struct MarkdownRenderer {
    /// Maps an image path written in prose to the site path it was copied to (`fig.png` → `images/fig.png`).
    var imagePath: (String) -> String? = { _ in nil }
    var highlighter = CodeHighlighter()

    func render(_ prose: Prose, anchors: inout AnchorNamer, context: String) -> RenderedProse {
        var walker = ProseWalker(anchors: anchors, renderer: self, context: context)
        walker.warnings = prose.warnings.map { "\(context): \($0)" }
        let html = walker.blocks(prose.blocks)
        anchors = walker.anchors
        walker.closeSection()
        return RenderedProse(html: html, headings: walker.headings, sections: walker.sections,
                             warnings: walker.warnings, hasMath: walker.hasMath, firstParagraph: walker.firstParagraph)
    }
}

private struct ProseWalker {
    var anchors: AnchorNamer
    let renderer: MarkdownRenderer
    let context: String
    var headings: [Heading] = []
    var sections: [(heading: Heading?, text: String)] = []
    var warnings: [String] = []
    var hasMath = false
    var firstParagraph: [MarkdownInline]? = nil
    private var quoteDepth = 0
    private var currentHeading: Heading? = nil
    private var currentText: [String] = []

    init(anchors: AnchorNamer, renderer: MarkdownRenderer, context: String) {
        self.anchors = anchors
        self.renderer = renderer
        self.context = context
    }

    mutating func closeSection() {
        let text = currentText.joined(separator: " ")
        if currentHeading != nil || !text.isEmpty { sections.append((currentHeading, text)) }
        currentText = []
    }

    // MARK: blocks

    mutating func blocks(_ blocks: [MarkdownBlock], tight: Bool = false) -> HTML {
        var out = HTML.empty
        for block in blocks { out += self.block(block, tight: tight) }
        return out
    }

    mutating func block(_ block: MarkdownBlock, tight: Bool) -> HTML {
        let newline = HTML(trusted: "\n")
        switch block {
        case .paragraph(let content):
            currentText.append(content.plainText)
            if firstParagraph == nil && quoteDepth == 0 { firstParagraph = content }
            let inner = inlines(content)
            return tight ? inner : HTML.element("p", children: [inner]) + newline
        case .heading(let level, let content):
            let text = content.plainText
            let id = anchors.name(for: text)
            closeSection()
            let html = inlines(content)
            let heading = Heading(level: level, text: text, id: id, html: html)
            headings.append(heading)
            currentHeading = heading
            let anchor = HTML.element("a", ["class": "anchor", "href": "#" + id, "aria-hidden": "true"], .text("#"))
            return HTML.element("h\(min(max(level, 1), 6))", ["id": id], children: [html, anchor]) + newline
        case .quote(let children):
            quoteDepth += 1
            defer { quoteDepth -= 1 }
            return HTML.element("blockquote", children: [blocks(children)]) + newline
        case .callout(let kind, let title, let children):
            quoteDepth += 1
            defer { quoteDepth -= 1 }
            let label = HTML.element("p", ["class": "callout-title"],
                                     .text(title.isEmpty ? kind.label : "\(kind.label): \(title.plainText)"))
            return HTML.element("aside", ["class": "callout callout-" + kind.rawValue.lowercased(), "role": "note"],
                                children: [label, blocks(children)]) + newline
        case .list(let ordered, let start, let tight, let items):
            let rendered = items.map { HTML.element("li", children: [blocks($0, tight: tight)]) + newline }
            let attributes: [(String, String?)] = ordered && start != 1 ? [("start", String(start))] : []
            return HTML.element(ordered ? "ol" : "ul", attributes: attributes, children: [newline] + rendered) + newline
        case .code(let info, let code):
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            return HTML.element("div", ["class": "code-block"],
                                HTML.element("button", ["class": "copy", "type": "button", "aria-label": "Copy the code"],
                                             .text("Copy")),
                                renderer.highlighter.pre(code, language: language)) + newline
        case .math(let tex):
            currentText.append("$$\(tex)$$")
            hasMath = true
            return HTML.element("span", ["class": "math display"], .text(tex)) + newline
        case .table(let table):
            return self.table(table)
        case .html(let raw):
            if raw.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<!--") { return .empty }
            return HTML.element("p", ["class": "raw-html"], .text(raw)) + newline
        case .thematicBreak:
            return HTML(trusted: "<hr>\n")
        }
    }

    mutating func table(_ table: Table) -> HTML {
        func align(_ k: Int) -> String? {
            switch k < table.alignments.count ? table.alignments[k] : .none {
            case .none: return nil
            case .left: return "align-left"
            case .center: return "align-center"
            case .right: return "align-right"
            }
        }
        var headCells: [HTML] = []
        for (k, cell) in table.header.enumerated() {
            headCells.append(HTML.element("th", ["class": align(k)], children: [inlines(cell)]))
        }
        var rows: [HTML] = [HTML(trusted: "\n")]
        for row in table.rows {
            var cells: [HTML] = []
            for (k, cell) in row.enumerated() {
                cells.append(HTML.element("td", ["class": align(k)], children: [inlines(cell)]))
            }
            rows.append(HTML.element("tr", children: cells) + HTML(trusted: "\n"))
            currentText.append(row.map(\.plainText).joined(separator: " "))
        }
        let head = HTML.element("thead", HTML.element("tr", children: headCells))
        return HTML.element("div", ["class": "table-wrap"],
                            HTML.element("table", head, HTML.element("tbody", children: rows))) + HTML(trusted: "\n")
    }

    // MARK: inlines

    mutating func inlines(_ content: [MarkdownInline]) -> HTML {
        var out = HTML.empty
        for inline in content { out += self.inline(inline) }
        return out
    }

    mutating func inline(_ inline: MarkdownInline) -> HTML {
        switch inline {
        case .text(let text): return .text(text)
        case .softBreak: return HTML(trusted: "\n")
        case .lineBreak: return HTML(trusted: "<br>\n")
        case .code(let code): return HTML.element("code", [:], .text(code))
        case .emphasis(let children): return HTML.element("em", children: [inlines(children)])
        case .strong(let children): return HTML.element("strong", children: [inlines(children)])
        case .strikethrough(let children): return HTML.element("del", children: [inlines(children)])
        case .math(let tex, let display):
            hasMath = true
            return HTML.element("span", ["class": display ? "math display" : "math inline"], .text(tex))
        case .link(let url, let title, let children):
            let safe = Self.isSafeLink(url)
            if !safe {
                warnings.append("\(context): link to \"\(url)\" removed (only http(s), mailto and relative links are kept)")
            }
            return HTML.element("a", ["href": safe ? url : nil, "title": title.isEmpty ? nil : title],
                                children: [inlines(children)])
        case .image(let url, _, let altInlines):
            return image(url: url, alt: altInlines.plainText)
        case .html(let raw):
            if raw.hasPrefix("<!--") { return .empty }
            if let tag = Self.allowedInlineTag(raw) { return HTML(trusted: tag) }
            return .text(raw)
        }
    }

    mutating func image(url: String, alt: String) -> HTML {
        let lower = url.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") {
            warnings.append("\(context): picture \(url) is remote; shown as a link so that the page makes no requests")
            return HTML.element("a", ["href": url], .text(alt.isEmpty ? url : alt))
        }
        guard let local = renderer.imagePath(url) else {
            warnings.append("\(context): picture \"\(url)\" was not given to the site builder")
            return HTML.element("span", ["class": "missing-image"], .text("[picture missing: \(alt.isEmpty ? url : alt)]"))
        }
        return HTML.element("img", ["src": local, "alt": alt, "loading": "lazy"])
    }

    static let allowedTags: Set<String> = ["br", "sub", "sup", "kbd", "mark", "b", "i", "u", "small", "s"]

    /// `<sub>`, `</sub>`, `<br/>`… without attributes, normalised; nil for anything else.
    static func allowedInlineTag(_ raw: String) -> String? {
        var body = raw.trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix("<"), body.hasSuffix(">") else { return nil }
        body = String(body.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        var closing = false
        if body.hasPrefix("/") { closing = true; body.removeFirst() }
        if body.hasSuffix("/") { body.removeLast(); body = body.trimmingCharacters(in: .whitespaces) }
        let name = body.lowercased()
        guard allowedTags.contains(name) else { return nil }
        if name == "br" { return "<br>" }
        return closing ? "</\(name)>" : "<\(name)>"
    }

    static func isSafeLink(_ url: String) -> Bool {
        let lower = url.lowercased().trimmingCharacters(in: .whitespaces)
        guard let colon = lower.firstIndex(of: ":") else { return true }   // relative or fragment
        if let slash = lower.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), slash < colon { return true }
        return ["http", "https", "mailto"].contains(String(lower[..<colon]))
    }
}
