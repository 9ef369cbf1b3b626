// The frame around every page: head (styles, theme script), top bar (course title, search, theme toggle),
// sidebar (all lessons in order, the current one's sections), the article, previous/next links.

struct LessonLink: Equatable {
    var slug: String
    var title: String
    var order: Int
    var href: String { slug + ".html" }
}

struct PageLayout {
    var siteTitle: String
    var lessons: [LessonLink]

    /// A complete HTML document.
    func document(pageTitle: String, current: LessonLink?, toc: [Heading], article: HTML,
                  previous: LessonLink?, next: LessonLink?, hasMath: Bool, description: String = "") -> String {
        let head = HTML.element("head", children: [
            HTML(trusted: "\n"),
            HTML.element("meta", ["charset": "utf-8"]),
            HTML.element("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"]),
            HTML.element("meta", ["name": "color-scheme", "content": "light dark"]),
            description.isEmpty ? .empty : HTML.element("meta", ["name": "description", "content": description]),
            HTML.element("title", .text(pageTitle)),
            hasMath ? HTML.element("link", ["rel": "stylesheet", "href": "assets/katex/katex.min.css"]) : .empty,
            HTML.element("link", ["rel": "stylesheet", "href": "assets/site.css"]),
            HTML.element("link", ["rel": "icon", "href": "assets/favicon.svg", "type": "image/svg+xml"]),
            HTML.element("script", ["src": "assets/theme.js"]),
            HTML(trusted: "\n"),
        ])
        let body = HTML.element("body", children: [
            HTML(trusted: "\n"),
            HTML.element("a", ["class": "skip", "href": "#content"], .text("Skip to the lesson")),
            topBar(), HTML(trusted: "\n"),
            HTML.element("div", ["class": "layout"],
                         sidebar(current: current, toc: toc), HTML(trusted: "\n"),
                         HTML.element("main", ["id": "content", "class": "content"],
                                      HTML(trusted: "\n"), article, pager(previous: previous, next: next),
                                      HTML.element("footer", ["class": "page-footer"],
                                                   .text("Built with course — every output on this page was computed by the code above it.")))),
            HTML(trusted: "\n"),
            HTML.element("script", ["src": "assets/search-index.js"]),
            hasMath ? HTML.element("script", ["src": "assets/katex/katex.min.js"]) : .empty,
            HTML.element("script", ["src": "assets/site.js"]),
            HTML(trusted: "\n"),
        ])
        return "<!doctype html>\n" + HTML.element("html", ["lang": "en"], HTML(trusted: "\n"), head,
                                                  HTML(trusted: "\n"), body).rendered + "\n"
    }

    func topBar() -> HTML {
        HTML.element("header", ["class": "topbar"],
                     HTML.element("button", ["id": "menu-toggle", "class": "icon-button menu-toggle", "type": "button",
                                             "aria-label": "Show the lessons", "aria-expanded": "false",
                                             "aria-controls": "sidebar"], .text("☰")),
                     HTML.element("a", ["class": "brand", "href": "index.html"], .text(siteTitle)),
                     HTML.element("span", ["class": "spacer"]),
                     HTML.element("div", ["class": "search", "role": "search"],
                                  HTML.element("input", ["id": "search-input", "type": "search",
                                                         "placeholder": "Search…",
                                                         "aria-label": "Search the lessons", "autocomplete": "off"]),
                                  HTML.element("div", ["id": "search-results", "class": "search-results", "aria-live": "polite",
                                                       "hidden": ""])),
                     HTML.element("button", ["id": "theme-toggle", "class": "icon-button", "type": "button",
                                             "aria-label": "Switch between light and dark theme",
                                             "title": "Light / dark theme"], .text("◐")))
    }

    func sidebar(current: LessonLink?, toc: [Heading]) -> HTML {
        var items: [HTML] = [HTML(trusted: "\n")]
        for lesson in lessons {
            let isCurrent = lesson == current
            var children: [HTML] = [
                HTML.element("a", ["href": lesson.href, "aria-current": isCurrent ? "page" : nil],
                             HTML.element("span", ["class": "num"], .text("\(lesson.order)")), .text(lesson.title))
            ]
            if isCurrent {
                let sections = toc.filter { $0.level == 2 }
                if !sections.isEmpty {
                    children.append(HTML.element("ul", ["class": "toc"], children: sections.map {
                        HTML.element("li", [:], HTML.element("a", ["href": "#" + $0.id], $0.html))
                    }))
                }
            }
            items.append(HTML.element("li", ["class": isCurrent ? "current" : nil], children: children))
            items.append(HTML(trusted: "\n"))
        }
        return HTML.element("nav", ["id": "sidebar", "class": "sidebar", "aria-label": "Lessons"],
                            HTML.element("h2", [:], .text("Lessons")),
                            HTML.element("ol", [:], children: items))
    }

    func pager(previous: LessonLink?, next: LessonLink?) -> HTML {
        guard previous != nil || next != nil else { return .empty }
        func link(_ lesson: LessonLink, _ cls: String, _ dir: String) -> HTML {
            HTML.element("a", ["class": cls, "href": lesson.href, "rel": cls == "prev" ? "prev" : "next"],
                         HTML.element("span", ["class": "dir"], .text(dir)),
                         HTML.element("span", ["class": "title"], .text("\(lesson.order). \(lesson.title)")))
        }
        var parts: [HTML] = []
        if let previous { parts.append(link(previous, "prev", "← Previous")) }
        if let next { parts.append(link(next, "next", "Next →")) }
        return HTML.element("nav", ["class": "pager", "aria-label": "Previous and next lesson"], children: parts)
            + HTML(trusted: "\n")
    }
}
