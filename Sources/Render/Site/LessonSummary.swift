import CourseModel

/// What the index page says about a lesson: its link, the start of its first paragraph, its cells and exercises.
struct LessonSummary: Equatable {
    var link: LessonLink
    /// The summary as plain text, formulas as `$TeX$` (the page's `<meta name="description">`).
    var text: String
    /// The same, formulas typeset (the index card).
    var html: HTML
    var hasMath: Bool
    var cells: Int
    var exercises: Int
    var points: Int

    init(link: LessonLink, paragraph: [MarkdownInline], limit: Int = 220, cells: Int, exercises: Int, points: Int) {
        self.link = link
        (text, html, hasMath) = Self.shorten(paragraph, to: limit)
        self.cells = cells
        self.exercises = exercises
        self.points = points
    }

    /// At most about `limit` characters, whitespace collapsed, cut at a word boundary and never inside a
    /// formula, with an ellipsis when cut.
    static func shorten(_ paragraph: [MarkdownInline], to limit: Int) -> (text: String, html: HTML, hasMath: Bool) {
        // Each character of the flattened text, with the formula it belongs to (nil for plain text).
        var characters: [(Character, formula: Int?)] = []
        var formulas: [(tex: String, display: Bool)] = []   // in order of appearance
        var pendingSpace = false
        func append(_ text: String, formula: Int?) {
            for c in text {
                if c == " " || c == "\n" { pendingSpace = !characters.isEmpty; continue }
                if pendingSpace { characters.append((" ", characters.last?.formula == formula ? formula : nil)) }
                pendingSpace = false
                characters.append((c, formula))
            }
        }
        func flatten(_ inlines: [MarkdownInline]) {
            for inline in inlines {
                switch inline {
                case .math(let tex, let display):
                    let marks = display ? "$$" : "$"
                    formulas.append((tex, display))
                    append(marks + tex + marks, formula: formulas.count - 1)
                case .emphasis(let children), .strong(let children), .strikethrough(let children),
                     .link(_, _, let children), .image(_, _, let children):
                    flatten(children)
                default:
                    append([inline].plainText, formula: nil)
                }
            }
        }
        flatten(paragraph)
        var kept = characters
        var cut = false
        if characters.count > limit {
            cut = true
            kept = Array(characters.prefix(limit))
            if let space = kept.lastIndex(where: { $0.0 == " " }) { kept = Array(kept[..<space]) }
            // A formula the cut went through is left out whole.
            if let last = kept.last?.formula, characters.count > kept.count, characters[kept.count].formula == last {
                kept = Array(kept.prefix(while: { $0.formula != last }))
                while kept.last?.0 == " " { kept.removeLast() }
            }
        }
        var text = String(kept.map(\.0))
        var html = HTML.empty
        var run = ""
        var index = 0
        while index < kept.count {
            guard let formula = kept[index].formula else { run.append(kept[index].0); index += 1; continue }
            html += .text(run)
            run = ""
            var source = ""
            while index < kept.count, kept[index].formula == formula { source.append(kept[index].0); index += 1 }
            let display = formulas[formula].display
            let marks = display ? 2 : 1
            let tex = String(source.dropFirst(marks).dropLast(marks))
            html += HTML.element("span", ["class": display ? "math display" : "math inline"], .text(tex))
        }
        html += .text(run)
        if cut { text += "…"; html += .text("…") }
        return (text, html, kept.contains { $0.formula != nil })
    }
}
