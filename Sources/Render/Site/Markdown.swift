import CCmark
import Foundation

/// Markdown prose rendered to HTML with libcmark, plus what the page needs from it (headings for the table of
/// contents and the search index).
///
/// The dialect is described in `SiteBuilder`'s documentation. Raw HTML is not passed through — `<!-- comments -->` are dropped,
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
    /// The first paragraph's plain text (formulas as `$TeX$`), if any.
    var firstParagraph: String? = nil
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
    static func parse(_ text: String) -> OpaquePointer? {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8
        return text.withCString { cmark_parse_document($0, strlen($0), options) }
    }

    /// Maps an image path written in prose to the site path it was copied to (`fig.png` → `images/fig.png`).
    var imagePath: (String) -> String? = { _ in nil }
    var highlighter = CodeHighlighter()

    func render(_ markdown: String, anchors: inout AnchorNamer, context: String) -> RenderedProse {
        let (mathFree, spans) = MathSpans.protect(markdown)
        let (protected, tables) = PipeTables.extract(mathFree)
        guard let doc = Self.parse(protected) else {
            return RenderedProse(html: .text(markdown), headings: [], sections: [], warnings: [], hasMath: false)
        }
        defer { cmark_node_free(doc) }
        var walker = Walker(spans: spans, tables: tables, anchors: anchors, renderer: self, context: context)
        let html = walker.blocks(of: doc)
        anchors = walker.anchors
        walker.closeSection()
        return RenderedProse(html: html, headings: walker.headings, sections: walker.sections,
                             warnings: walker.warnings, hasMath: !spans.isEmpty,
                             firstParagraph: walker.firstParagraph)
    }
}

private struct Walker {
    let spans: [MathSpan]
    let tables: [PipeTable]
    var anchors: AnchorNamer
    let renderer: MarkdownRenderer
    let context: String
    var headings: [Heading] = []
    var sections: [(heading: Heading?, text: String)] = []
    var warnings: [String] = []
    /// The first paragraph outside callouts and quotes: the lesson's summary on the index page.
    var firstParagraph: String? = nil
    private var quoteDepth = 0
    private var currentHeading: Heading? = nil
    private var currentText: [String] = []

    init(spans: [MathSpan], tables: [PipeTable], anchors: AnchorNamer, renderer: MarkdownRenderer, context: String) {
        self.spans = spans
        self.tables = tables
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

    mutating func blocks(of parent: OpaquePointer, tight: Bool = false) -> HTML {
        var out = HTML.empty
        var child = cmark_node_first_child(parent)
        while let node = child {
            out += block(node, tight: tight)
            child = cmark_node_next(node)
        }
        return out
    }

    mutating func block(_ node: OpaquePointer, tight: Bool) -> HTML {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_PARAGRAPH:
            if let table = loneTable(node) { return tableHTML(table) }
            let text = plainText(node)
            currentText.append(text)
            if let display = loneDisplayMath(node) { return mathHTML(display) + HTML(trusted: "\n") }
            if firstParagraph == nil && quoteDepth == 0 { firstParagraph = text }
            let inner = inlines(of: node)
            return tight ? inner : HTML.element("p", children: [inner]) + HTML(trusted: "\n")
        case CMARK_NODE_HEADING:
            let level = Int(cmark_node_get_heading_level(node))
            let text = plainText(node)
            let id = anchors.name(for: text)
            closeSection()
            let content = inlines(of: node)
            let heading = Heading(level: level, text: text, id: id, html: content)
            headings.append(heading)
            currentHeading = heading
            let anchor = HTML.element("a", ["class": "anchor", "href": "#" + id, "aria-hidden": "true"],
                                      .text("#"))
            return HTML.element("h\(min(max(level, 1), 6))", ["id": id], children: [content, anchor])
                + HTML(trusted: "\n")
        case CMARK_NODE_BLOCK_QUOTE:
            return blockQuote(node)
        case CMARK_NODE_LIST:
            let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
            let start = Int(cmark_node_get_list_start(node))
            let isTight = cmark_node_get_list_tight(node) != 0
            var items: [HTML] = []
            var child = cmark_node_first_child(node)
            while let item = child {
                items.append(HTML.element("li", children: [blocks(of: item, tight: isTight)]) + HTML(trusted: "\n"))
                child = cmark_node_next(item)
            }
            let attrs: [(String, String?)] = ordered && start != 1 ? [("start", String(start))] : []
            return HTML.element(ordered ? "ol" : "ul", attributes: attrs,
                                children: [HTML(trusted: "\n")] + items) + HTML(trusted: "\n")
        case CMARK_NODE_CODE_BLOCK:
            let info = string(cmark_node_get_fence_info(node))
            let language = info.split(separator: " ").first.map(String.init) ?? ""
            let code = restoreMath(string(cmark_node_get_literal(node)))
            return HTML.element("div", ["class": "code-block"],
                                HTML.element("button", ["class": "copy", "type": "button", "aria-label": "Copy the code"],
                                             .text("Copy")),
                                renderer.highlighter.pre(code, language: language)) + HTML(trusted: "\n")
        case CMARK_NODE_HTML_BLOCK:
            let raw = restoreMath(string(cmark_node_get_literal(node)))
            if raw.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("<!--") { return .empty }
            return HTML.element("p", ["class": "raw-html"], .text(raw)) + HTML(trusted: "\n")
        case CMARK_NODE_THEMATIC_BREAK:
            return HTML(trusted: "<hr>\n")
        default:
            return blocks(of: node)
        }
    }

    mutating func blockQuote(_ node: OpaquePointer) -> HTML {
        quoteDepth += 1
        defer { quoteDepth -= 1 }
        // GitHub alert syntax: the first line of the first paragraph is `[!KIND]`, optionally followed by a title.
        if let first = cmark_node_first_child(node), cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH {
            var firstLine = ""
            var lineNodes: [OpaquePointer] = []
            var child = cmark_node_first_child(first)
            while let c = child, cmark_node_get_type(c) == CMARK_NODE_TEXT {
                firstLine += string(cmark_node_get_literal(c))
                lineNodes.append(c)
                child = cmark_node_next(c)
            }
            let endsLine = child == nil || [CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK].contains(cmark_node_get_type(child!))
            let trimmed = firstLine.trimmingCharacters(in: .whitespaces)
            if endsLine, trimmed.hasPrefix("[!"), let close = trimmed.firstIndex(of: "]"),
               let kind = CalloutKind(rawValue: trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close].uppercased()) {
                let title = trimmed[trimmed.index(after: close)...].trimmingCharacters(in: .whitespaces)
                // Drop the marker line (and the line break after it) from the paragraph.
                for c in lineNodes { cmark_node_free(c) }   // cmark_node_free unlinks the node first
                if let br = cmark_node_first_child(first) { cmark_node_free(br) }
                if cmark_node_first_child(first) == nil { cmark_node_free(first) }
                let label = HTML.element("p", ["class": "callout-title"],
                                         .text(title.isEmpty ? kind.label : "\(kind.label): \(restoreMath(title))"))
                return HTML.element("aside", ["class": kind.cssClass, "role": "note"],
                                    children: [label, blocks(of: node)]) + HTML(trusted: "\n")
            }
        }
        return HTML.element("blockquote", children: [blocks(of: node)]) + HTML(trusted: "\n")
    }

    // MARK: inlines

    mutating func inlines(of parent: OpaquePointer) -> HTML {
        var out = HTML.empty
        var pendingText = ""
        var unclosed: String? = nil
        func flush(_ out: inout HTML, _ pending: inout String, _ spans: [MathSpan]) {
            guard !pending.isEmpty else { return }
            for piece in MathSpans.pieces(pending, spans: spans) {
                switch piece {
                case .text(let t):
                    if unclosed == nil, let r = t.range(of: "$$") { unclosed = String(t[r.lowerBound...].prefix(40)) }
                    out += .text(t)
                case .math(let m): out += mathHTML(m)
                }
            }
            pending = ""
        }
        var child = cmark_node_first_child(parent)
        while let node = child {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT {
                pendingText += string(cmark_node_get_literal(node))
            } else {
                flush(&out, &pendingText, spans)
                out += inline(node, type)
            }
            child = cmark_node_next(node)
        }
        flush(&out, &pendingText, spans)
        if let unclosed {
            let place = context
            warnings.append("\(place): display math \"\(unclosed)…\" has no closing $$ in its paragraph")
        }
        return out
    }

    mutating func inline(_ node: OpaquePointer, _ type: cmark_node_type) -> HTML {
        switch type {
        case CMARK_NODE_SOFTBREAK: return HTML(trusted: "\n")
        case CMARK_NODE_LINEBREAK: return HTML(trusted: "<br>\n")
        case CMARK_NODE_CODE:
            return HTML.element("code", [:], .text(restoreMath(string(cmark_node_get_literal(node)))))
        case CMARK_NODE_EMPH: return HTML.element("em", children: [inlines(of: node)])
        case CMARK_NODE_STRONG: return HTML.element("strong", children: [inlines(of: node)])
        case CMARK_NODE_LINK:
            let url = restoreMath(string(cmark_node_get_url(node)))
            let title = string(cmark_node_get_title(node))
            let safe = isSafeLink(url)
            if !safe { let where_ = context; warnings.append("\(where_): link to \"\(url)\" removed (only http(s), mailto and relative links are kept)") }
            return HTML.element("a", ["href": safe ? url : nil, "title": title.isEmpty ? nil : title],
                                children: [inlines(of: node)])
        case CMARK_NODE_IMAGE:
            let url = restoreMath(string(cmark_node_get_url(node)))
            let alt = plainText(node)
            let lower = url.lowercased()
            if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("//") {
                let where_ = context
                warnings.append("\(where_): picture \(url) is remote; shown as a link so that the page makes no requests")
                return HTML.element("a", ["href": url], .text(alt.isEmpty ? url : alt))
            }
            guard let local = renderer.imagePath(url) else {
                let where_ = context
                warnings.append("\(where_): picture \"\(url)\" was not given to the site builder")
                return HTML.element("span", ["class": "missing-image"], .text("[picture missing: \(alt.isEmpty ? url : alt)]"))
            }
            return HTML.element("img", ["src": local, "alt": alt, "loading": "lazy"])
        case CMARK_NODE_HTML_INLINE:
            let raw = string(cmark_node_get_literal(node))
            if raw.hasPrefix("<!--") { return .empty }
            if let tag = Walker.allowedInlineTag(raw) { return HTML(trusted: tag) }
            return .text(raw)
        default:
            return inlines(of: node)
        }
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

    func isSafeLink(_ url: String) -> Bool {
        let lower = url.lowercased().trimmingCharacters(in: .whitespaces)
        guard let colon = lower.firstIndex(of: ":") else { return true }   // relative or fragment
        if let slash = lower.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }), slash < colon { return true }
        let scheme = lower[..<colon]
        return ["http", "https", "mailto"].contains(String(scheme))
    }

    // MARK: tables

    /// The table when a paragraph is nothing but a table placeholder.
    func loneTable(_ paragraph: OpaquePointer) -> PipeTable? {
        guard let first = cmark_node_first_child(paragraph), cmark_node_next(first) == nil,
              cmark_node_get_type(first) == CMARK_NODE_TEXT else { return nil }
        let text = string(cmark_node_get_literal(first))
        guard text.first == PipeTables.open, text.last == PipeTables.close,
              let k = Int(text.dropFirst().dropLast()), k < tables.count else { return nil }
        return tables[k]
    }

    mutating func tableHTML(_ table: PipeTable) -> HTML {
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
            headCells.append(HTML.element("th", ["class": align(k)], children: [cellInlines(cell)]))
        }
        var rows: [HTML] = [HTML(trusted: "\n")]
        for row in table.rows {
            var cells: [HTML] = []
            for (k, cell) in row.enumerated() {
                cells.append(HTML.element("td", ["class": align(k)], children: [cellInlines(cell)]))
            }
            rows.append(HTML.element("tr", children: cells) + HTML(trusted: "\n"))
            currentText.append(row.map { restoreMath($0) }.joined(separator: " "))
        }
        let head = HTML.element("thead", HTML.element("tr", children: headCells))
        return HTML.element("div", ["class": "table-wrap"],
                            HTML.element("table", head, HTML.element("tbody", children: rows))) + HTML(trusted: "\n")
    }

    /// A table cell's text as inline Markdown (emphasis, code, links, math).
    mutating func cellInlines(_ text: String) -> HTML {
        guard !text.isEmpty, let doc = MarkdownRenderer.parse(text) else { return .empty }
        defer { cmark_node_free(doc) }
        guard let paragraph = cmark_node_first_child(doc), cmark_node_get_type(paragraph) == CMARK_NODE_PARAGRAPH else {
            return .text(restoreMath(text))
        }
        return inlines(of: paragraph)
    }

    // MARK: math and text helpers

    func mathHTML(_ span: MathSpan) -> HTML {
        if span.display {
            return HTML.element("span", ["class": "math display"], .text(span.tex))
        }
        return HTML.element("span", ["class": "math inline"], .text(span.tex))
    }

    /// The display formula when a paragraph holds nothing else.
    func loneDisplayMath(_ paragraph: OpaquePointer) -> MathSpan? {
        var text = ""
        var child = cmark_node_first_child(paragraph)
        while let c = child {
            let type = cmark_node_get_type(c)
            if type == CMARK_NODE_TEXT { text += string(cmark_node_get_literal(c)) }
            else if type != CMARK_NODE_SOFTBREAK { return nil }
            child = cmark_node_next(c)
        }
        let pieces = MathSpans.pieces(text.trimmingCharacters(in: .whitespacesAndNewlines), spans: spans)
        if pieces.count == 1, case .math(let m) = pieces[0], m.display { return m }
        return nil
    }

    /// Text of a node and its descendants, formulas as their TeX.
    func plainText(_ node: OpaquePointer) -> String {
        var out = ""
        var child = cmark_node_first_child(node)
        while let c = child {
            switch cmark_node_get_type(c) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += string(cmark_node_get_literal(c))
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            case CMARK_NODE_HTML_INLINE: break
            default: out += plainText(c)
            }
            child = cmark_node_next(c)
        }
        return restoreMath(out)
    }

    func restoreMath(_ text: String) -> String {
        MathSpans.pieces(text, spans: spans).map { piece -> String in
            switch piece {
            case .text(let t): return t
            case .math(let m): return m.display ? "$$\(m.tex)$$" : "$\(m.tex)$"
            }
        }.joined()
    }

    func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
}
