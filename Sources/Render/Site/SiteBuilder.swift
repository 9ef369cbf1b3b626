import CourseModel
import Foundation

/// Writes the static course site: `index.html`, one page per lesson, images and assets, a search index.
///
///     let report = try SiteBuilder(outputDirectory: URL(fileURLWithPath: "site")).build(pages: pages, images: [:])
///     print(report.summary)
///
/// The output is deterministic: the same pages and images give byte-identical files (nothing depends on time,
/// dictionary order or the machine). Files an earlier build wrote (listed in `.course-manifest`, see `SiteManifest`)
/// and this one did not are removed; files the builds did not write are kept, never overwritten; a folder that
/// holds other files and was never built into is refused (`SiteError.notASiteDirectory`).
///
/// Layout: `index.html`, `<slug>.html`, `images/<file>`, `assets/{site.css,site.js,theme.js,search-index.js,
/// favicon.svg}`, `assets/katex/` (copied from Debian's libjs-katex and fonts-katex), `.course-site` (marks the
/// folder). Nothing on a page is fetched from another site; it works from a web server or opened from disk.
///
/// The prose dialect (parsed by Lessons with cmark-gfm; Render only walks the tree): CommonMark with smart
/// punctuation, plus
/// - math: `$…$` inline and `$$…$$` display, typeset by KaTeX in the browser (TeX shown until then);
///   `\$` is a dollar; dollars in code are code; "$5 and $10" is not math;
/// - GitHub's tables (`| a | b |` then `|---|--:|`), strikethrough (`~~x~~`) and autolinks;
/// - callouts: a blockquote starting with `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` or
///   `[!ERRATUM]` (labelled "Slide erratum"); text after the marker becomes the title;
/// - raw HTML is not trusted: comments are dropped, `<br> <sub> <sup> <kbd> <mark> <b> <i> <u> <small> <s>`
///   without attributes are kept, anything else is shown as text;
/// - links keep http(s), mailto and relative targets only; a picture from an http(s) URL becomes a link, a local
///   picture must be passed in `images` (it is served from images/).
public struct SiteBuilder {
    public var outputDirectory: URL
    public var options: SiteOptions

    static let marker = ".course-site"
    static let imageDirectory = "images"

    public init(outputDirectory: URL, options: SiteOptions = SiteOptions()) {
        self.outputDirectory = outputDirectory
        self.options = options
    }

    /// Builds the site. `images` maps each `CellOutput.image` file name to its PNG.
    public func build(pages: [SitePage], images: [String: SiteImage] = [:]) throws -> BuildReport {
        try validate(pages: pages, images: images)
        let katex = try KaTeXAssets(directory: options.katexDirectory)
        try prepareOutputDirectory()

        var files: [String: [UInt8]] = [:]      // relative path → bytes
        var warnings: [String] = []

        // Images first: cells and prose may only point at pictures that exist.
        var available: Set<String> = []
        for name in images.keys.sorted() {
            switch images[name]! {
            case .png(let bytes):
                files["\(Self.imageDirectory)/\(name)"] = bytes
                available.insert(name)
            case .file(let path):
                if let data = FileManager.default.contents(atPath: path) {
                    files["\(Self.imageDirectory)/\(name)"] = [UInt8](data)
                    available.insert(name)
                } else {
                    warnings.append("site: picture \(name) could not be read from \(path)")
                }
            }
        }

        let sorted = pages.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
        let links = sorted.map { LessonLink(slug: $0.slug, title: $0.title, order: $0.order) }
        let layout = PageLayout(siteTitle: options.title, lessons: links)
        let pageRenderer = PageRenderer(options: options, availableImages: available,
                                        imageDirectory: Self.imageDirectory)
        var searchEntries: [SearchEntry] = []
        var summaries: [LessonSummary] = []
        for (k, page) in sorted.enumerated() {
            let rendered = pageRenderer.render(page)
            warnings += rendered.warnings
            let html = layout.document(pageTitle: "\(page.title) · \(options.title)", current: links[k],
                                       toc: rendered.headings, article: rendered.article,
                                       previous: k > 0 ? links[k - 1] : nil,
                                       next: k + 1 < links.count ? links[k + 1] : nil,
                                       hasMath: rendered.hasMath, description: rendered.summary.text)
            files[links[k].href] = Array(html.utf8)
            searchEntries += rendered.search
            summaries.append(rendered.summary)
        }

        let index = IndexPage(title: options.title, introduction: options.introduction)
        let indexHTML = layout.document(pageTitle: options.title, current: nil, toc: [],
                                        article: index.article(summaries),
                                        previous: nil, next: links.first, hasMath: index.hasMath(summaries))
        files["index.html"] = Array(indexHTML.utf8)
        files["assets/site.css"] = Array(SiteStylesheet.css.utf8)
        files["assets/site.js"] = Array(SiteScripts.site.utf8)
        files["assets/theme.js"] = Array(SiteScripts.theme.utf8)
        files["assets/favicon.svg"] = Array(SiteScripts.favicon.utf8)
        files["assets/search-index.js"] = Array(SearchIndex.script(searchEntries).utf8)
        for (path, bytes) in try katex.files() { files["assets/katex/" + path] = bytes }
        files[Self.marker] = Array("This folder is generated by `course build`; it is rewritten on every build.\n".utf8)

        let manifest = try SiteManifest.begin(in: outputDirectory, writing: Set(files.keys), marker: Self.marker)
        try write(files)
        try manifest.finish()
        return BuildReport(files: files.keys.filter { $0 != Self.marker }.sorted(), warnings: warnings)
    }

    // MARK: checks and file system

    private func validate(pages: [SitePage], images: [String: SiteImage]) throws {
        var seen: Set<String> = []
        for page in pages {
            guard Self.isPlainFileName(page.slug), page.slug != "index" else { throw SiteError.invalidSlug(page.slug) }
            guard seen.insert(page.slug).inserted else { throw SiteError.duplicateSlug(page.slug) }
        }
        for name in images.keys.sorted() where !Self.isPlainFileName(name) {
            throw SiteError.invalidImageName(name)
        }
    }

    static func isPlainFileName(_ name: String) -> Bool {
        guard !name.isEmpty, name != ".", name != "..", !name.hasPrefix(".") else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || $0 == "-" || $0 == "_" || $0 == "."
        }
    }

    private func prepareOutputDirectory() throws {
        let fm = FileManager.default
        let path = outputDirectory.path
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw SiteError.io(path: path, reason: "it is a file, not a folder") }
            let contents = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            if !contents.isEmpty && !contents.contains(Self.marker) { throw SiteError.notASiteDirectory(path) }
        } else {
            do { try fm.createDirectory(at: outputDirectory, withIntermediateDirectories: true) }
            catch { throw SiteError.io(path: path, reason: error.localizedDescription) }
        }
    }

    private func write(_ files: [String: [UInt8]]) throws {
        let fm = FileManager.default
        for path in files.keys.sorted() {
            let url = outputDirectory.appendingPathComponent(path)
            let bytes = files[path]!
            // Leave identical files alone: a rebuild touches only what changed.
            if let existing = fm.contents(atPath: url.path), existing.count == bytes.count, [UInt8](existing) == bytes {
                continue
            }
            do {
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url, options: .atomic)
            } catch {
                throw SiteError.io(path: url.path, reason: error.localizedDescription)
            }
        }
    }
}

/// Options of a site build.
///
///     SiteOptions(title: "Deep learning in Swift", includeSolutions: true)
public struct SiteOptions: Sendable, Equatable {
    /// The course title, shown in the header and on the index page.
    public var title: String
    /// Prose shown on the index page above the list of lessons (`LessonParser.prose("…")`).
    public var introduction: Prose
    /// Show reference solutions (collapsed) — an instructor build.
    public var includeSolutions: Bool
    /// Where KaTeX (`katex.min.js`, `katex.min.css`, `fonts/`) is copied from; Debian's `libjs-katex`.
    public var katexDirectory: String

    public init(title: String = "Deep learning in Swift", introduction: Prose = Prose(markdown: "", blocks: []),
                includeSolutions: Bool = false, katexDirectory: String = "/usr/share/javascript/katex") {
        self.title = title
        self.introduction = introduction
        self.includeSolutions = includeSolutions
        self.katexDirectory = katexDirectory
    }
}

/// The bytes of a picture the site shows: in memory, or a file to copy.
///
///     .png(image.data)          // from a PNGImage
///     .file("/root/.cache/course/outputs/3fa2….png")
public enum SiteImage: Sendable, Equatable {
    case png([UInt8])
    case file(String)
}

/// What a build wrote.
public struct BuildReport: Sendable, Equatable {
    /// Paths relative to the output directory, sorted.
    public var files: [String]
    /// Things a reader of the site would trip over (unclosed math, a missing image…), one line each.
    public var warnings: [String]

    public init(files: [String], warnings: [String]) {
        self.files = files
        self.warnings = warnings
    }

    /// The pages written (`index.html` and one per lesson).
    public var pages: [String] { files.filter { $0.hasSuffix(".html") && !$0.contains("/") } }

    public var summary: String {
        "site: \(pages.count) pages, \(files.count) files" + (warnings.isEmpty ? "" : ", \(warnings.count) warnings")
    }
}
