import Foundation

/// One lesson's article: its title, prose and cells in order, plus what the rest of the site needs from it.
struct RenderedPage {
    var article: HTML
    var headings: [Heading]
    var search: [SearchEntry]
    var summary: LessonSummary
    var warnings: [String]
    var hasMath: Bool
}

/// What the index page says about a lesson.
struct LessonSummary: Equatable {
    var link: LessonLink
    var text: String
    var cells: Int
    var exercises: Int
    var points: Int
}

struct PageRenderer {
    var options: SiteOptions
    var availableImages: Set<String>
    var imageDirectory: String

    /// Ids the page frame uses; headings never take them.
    static let reservedIDs: Set<String> = ["content", "sidebar", "search-input", "search-results", "menu-toggle",
                                          "theme-toggle"]

    func render(_ page: SitePage) -> RenderedPage {
        var anchors = AnchorNamer(reserved: Self.reservedIDs)
        var markdown = MarkdownRenderer()
        let images = availableImages, directory = imageDirectory
        markdown.imagePath = { url in
            let name = url.split(separator: "/").last.map(String.init) ?? url
            return images.contains(name) ? directory + "/" + name : nil
        }
        let cells = CellRenderer(includeSolutions: options.includeSolutions, imageDirectory: imageDirectory,
                                 availableImages: availableImages)
        let link = LessonLink(slug: page.slug, title: page.title, order: page.order)
        let context = page.slug

        var body = HTML.empty
        var headings: [Heading] = []
        var sections: [(heading: Heading?, text: String)] = []
        var warnings: [String] = []
        var hasMath = false
        var startsWithTitle = false
        var firstParagraph: String? = nil
        var lastHeadingID: String? = nil
        var codeWords: [String: Set<String>] = [:]   // heading id ("" before the first) → identifiers
        var cellNumber = 0
        var shownCells = 0, exercises = 0, points = 0

        for (k, block) in page.blocks.enumerated() {
            switch block {
            case .prose(let text):
                let prose = markdown.render(text, anchors: &anchors, context: context)
                if k == 0, let first = prose.headings.first, first.level == 1, prose.html.rendered.hasPrefix("<h1") {
                    startsWithTitle = true
                }
                body += prose.html
                headings += prose.headings
                sections += prose.sections
                warnings += prose.warnings
                hasMath = hasMath || prose.hasMath
                if firstParagraph == nil { firstParagraph = prose.firstParagraph }
                if let last = prose.headings.last { lastHeadingID = last.id }
            case .code(let cell):
                cellNumber += 1
                if cell.kind == .exercise {
                    exercises += 1
                    points += cell.exercise?.points ?? 0
                }
                guard cells.isShown(cell) else { continue }
                if cell.kind != .hiddenCheck { shownCells += 1 }
                if cell.kind != .hiddenCheck && cell.language.lowercased() == "swift" {
                    codeWords[lastHeadingID ?? "", default: []].formUnion(SearchIndex.identifiers(in: cell.source))
                }
                body += cells.render(cell, id: "cell-\(cellNumber)", warnings: &warnings)
            }
        }

        var header = HTML.element("p", ["class": "lesson-kicker"], .text("Lesson \(page.order)"))
        if !startsWithTitle { header += HTML.element("h1", .text(page.title)) }
        // How to run the lesson yourself: `course run` takes the number the lesson's file name starts with.
        let number = String(page.slug.prefix(while: { $0.isNumber }))
        let runHint = HTML.element("p", ["class": "run-hint"],
                                   .text("Run it yourself: "), HTML.element("code", .text("course run \(number.isEmpty ? page.slug : number)")))
        let article = HTML.element("article", header, HTML(trusted: "\n"), body, runHint)

        // Prose after a code cell still belongs to the heading above the cell: one entry per heading.
        var search: [SearchEntry] = []
        var lastHeading: Heading? = nil
        for section in sections {
            let heading = section.heading ?? lastHeading
            lastHeading = heading
            if let last = search.last, last.anchor == heading?.id {
                search[search.count - 1].text += (last.text.isEmpty ? "" : " ") + section.text
            } else {
                search.append(SearchEntry(page: link.href, lessonTitle: page.title, order: page.order,
                                          heading: heading?.text, anchor: heading?.id, text: section.text,
                                          code: (codeWords[heading?.id ?? ""] ?? []).sorted()))
            }
        }
        let summary = LessonSummary(link: link, text: Self.shorten(firstParagraph ?? "", to: 220), cells: shownCells,
                                    exercises: exercises, points: points)
        return RenderedPage(article: article, headings: headings, search: search, summary: summary,
                            warnings: warnings, hasMath: hasMath)
    }

    /// At most about `limit` characters, cut at a word boundary and never inside a `$formula$`, with an
    /// ellipsis when cut.
    static func shorten(_ text: String, to limit: Int) -> String {
        let clean = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        guard clean.count > limit else { return clean }
        var cut = String(clean.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        // An odd number of unescaped dollars means the cut fell inside a formula: cut before it.
        var dollars: [String.Index] = []
        var i = cut.startIndex
        while i < cut.endIndex {
            if cut[i] == "\\" { i = cut.index(after: i); if i < cut.endIndex { i = cut.index(after: i) }; continue }
            if cut[i] == "$" { dollars.append(i) }
            i = cut.index(after: i)
        }
        if dollars.count % 2 == 1, let last = dollars.last {
            cut = String(cut[..<last]).trimmingCharacters(in: .whitespaces)
        }
        return cut + "…"
    }

    /// Plain text whose `$…$` formulas become math spans (the index's summaries).
    static func textWithMath(_ text: String) -> (html: HTML, hasMath: Bool) {
        let (protected, spans) = MathSpans.protect(text)
        var out = HTML.empty
        for piece in MathSpans.pieces(protected, spans: spans) {
            switch piece {
            case .text(let t): out += .text(t.replacingOccurrences(of: "\\$", with: "$"))
            case .math(let m): out += HTML.element("span", ["class": m.display ? "math display" : "math inline"], .text(m.tex))
            }
        }
        return (out, !spans.isEmpty)
    }
}

/// The front page: the course title, an introduction, and the lessons in order.
struct IndexPage {
    var title: String
    var introduction: String

    /// Whether the index shows any formula (it then loads KaTeX).
    func hasMath(_ lessons: [LessonSummary]) -> Bool {
        var anchors = AnchorNamer()
        return lessons.contains { PageRenderer.textWithMath($0.text).hasMath }
            || MarkdownRenderer().render(introduction, anchors: &anchors, context: "index").hasMath
    }

    func article(_ lessons: [LessonSummary]) -> HTML {
        var anchors = AnchorNamer(reserved: PageRenderer.reservedIDs)
        let intro = introduction.isEmpty ? HTML.empty
            : MarkdownRenderer().render(introduction, anchors: &anchors, context: "index").html
        let cards = lessons.map { lesson -> HTML in
            var meta: [String] = []
            if lesson.cells > 0 { meta.append("\(lesson.cells) code cell\(lesson.cells == 1 ? "" : "s")") }
            if lesson.exercises > 0 {
                meta.append("\(lesson.exercises) exercise\(lesson.exercises == 1 ? "" : "s")"
                            + (lesson.points > 0 ? " (\(lesson.points) points)" : ""))
            }
            return HTML.element("li", [:], HTML.element("a", ["href": lesson.link.href],
                HTML.element("span", ["class": "num"], .text("\(lesson.link.order)")),
                HTML.element("span", ["class": "title"], .text(lesson.link.title)),
                lesson.text.isEmpty ? .empty : HTML.element("span", ["class": "summary"], PageRenderer.textWithMath(lesson.text).html),
                meta.isEmpty ? .empty : HTML.element("span", ["class": "meta"], .text(meta.joined(separator: " · ")))))
                + HTML(trusted: "\n")
        }
        let list = lessons.isEmpty
            ? HTML.element("p", .text("No lessons yet: add Markdown files to lessons/ and run course build."))
            : HTML.element("ol", ["class": "lesson-cards"], children: [HTML(trusted: "\n")] + cards)
        return HTML.element("article", HTML.element("h1", .text(title)), HTML(trusted: "\n"), intro, list)
    }
}
