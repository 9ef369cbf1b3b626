import CourseModel
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
        var firstParagraph: [MarkdownInline]? = nil
        var lastHeadingID: String? = nil
        var codeWords: [String: Set<String>] = [:]   // heading id ("" before the first) → identifiers
        var shownCells = 0, exercises = 0, points = 0

        for (k, block) in page.lesson.blocks.enumerated() {
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
            case .cell(let cell):
                if case .exercise(_, let value) = cell.kind {
                    exercises += 1
                    points += value
                }
                let result = page.result(of: cell)
                guard cells.isShown(cell, result: result) else { continue }
                var hiddenCheck: Bool { if case .check(_, hidden: true) = cell.kind { return true } else { return false } }
                if !hiddenCheck { shownCells += 1 }
                if !hiddenCheck && CellRenderer.style(of: cell.kind).language?.lowercased() == "swift" {
                    codeWords[lastHeadingID ?? "", default: []].formUnion(SearchIndex.identifiers(in: cell.code))
                }
                body += cells.render(cell, result: result, lessonPath: page.lesson.displayPath,
                                     id: "cell-\(cell.index + 1)", warnings: &warnings)
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
        let summary = LessonSummary(link: link, paragraph: firstParagraph ?? [], cells: shownCells,
                                    exercises: exercises, points: points)
        return RenderedPage(article: article, headings: headings, search: search, summary: summary,
                            warnings: warnings, hasMath: hasMath)
    }
}

/// The front page: the course title, an introduction, and the lessons in order.
struct IndexPage {
    var title: String
    var introduction: Prose

    /// Whether the index shows any formula (it then loads KaTeX).
    func hasMath(_ lessons: [LessonSummary]) -> Bool {
        var anchors = AnchorNamer()
        return lessons.contains(where: \.hasMath)
            || MarkdownRenderer().render(introduction, anchors: &anchors, context: "index").hasMath
    }

    func article(_ lessons: [LessonSummary]) -> HTML {
        var anchors = AnchorNamer(reserved: PageRenderer.reservedIDs)
        let intro = introduction.blocks.isEmpty ? HTML.empty
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
                lesson.text.isEmpty ? .empty : HTML.element("span", ["class": "summary"], lesson.html),
                meta.isEmpty ? .empty : HTML.element("span", ["class": "meta"], .text(meta.joined(separator: " · ")))))
                + HTML(trusted: "\n")
        }
        let list = lessons.isEmpty
            ? HTML.element("p", .text("No lessons yet: add Markdown files to lessons/ and run course build."))
            : HTML.element("ol", ["class": "lesson-cards"], children: [HTML(trusted: "\n")] + cards)
        return HTML.element("article", HTML.element("h1", .text(title)), HTML(trusted: "\n"), intro, list)
    }
}
