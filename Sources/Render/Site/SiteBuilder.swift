import Foundation

/// Writes the static course site: `index.html`, one page per lesson, images and assets, a search index.
///
///     let report = try SiteBuilder(outputDirectory: URL(fileURLWithPath: "site")).build(pages: pages, images: [:])
///     print(report.summary)
public struct SiteBuilder {
    public var outputDirectory: URL
    public var options: SiteOptions

    public init(outputDirectory: URL, options: SiteOptions = SiteOptions()) {
        self.outputDirectory = outputDirectory
        self.options = options
    }

    /// Builds the site. `images` maps each `CellOutputView.image` file name to its PNG.
    public func build(pages: [SitePage], images: [String: SiteImage] = [:]) throws -> BuildReport {
        let fm = FileManager.default
        try fm.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let sorted = pages.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
        var written: [String] = []
        var index = "<!doctype html><title>\(options.title)</title><ul>"
        for page in sorted {
            index += "<li><a href=\"\(page.slug).html\">\(page.title)</a></li>"
            try Data("<!doctype html><title>\(page.title)</title>".utf8)
                .write(to: outputDirectory.appendingPathComponent(page.slug + ".html"))
            written.append(page.slug + ".html")
        }
        try Data(index.utf8).write(to: outputDirectory.appendingPathComponent("index.html"))
        written.append("index.html")
        return BuildReport(files: written.sorted(), warnings: [])
    }
}

/// Options of a site build.
///
///     SiteOptions(title: "Deep learning in Swift", includeSolutions: true)
public struct SiteOptions: Sendable, Equatable {
    /// The course title, shown in the header and on the index page.
    public var title: String
    /// Show reference solutions (collapsed) — an instructor build.
    public var includeSolutions: Bool
    /// Where KaTeX (`katex.min.js`, `katex.min.css`, `fonts/`) is copied from; Debian's `libjs-katex`.
    public var katexDirectory: String

    public init(title: String = "Deep learning in Swift", includeSolutions: Bool = false,
                katexDirectory: String = "/usr/share/javascript/katex") {
        self.title = title
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

    public var summary: String {
        "site: wrote \(files.count) files" + (warnings.isEmpty ? "" : ", \(warnings.count) warnings")
    }
}
