// The page model of the course site: plain value types that `course build` fills from a lesson and its results.
// Render does not know about the Lessons module; the CLI translates `Lesson` + results into these.

/// One lesson page of the site.
///
///     let page = SitePage(slug: "03-shallow", title: "The shallow network", order: 3,
///                         blocks: [.prose("We compute $x_1 x_2$."), .code(cell)])
public struct SitePage: Sendable, Equatable {
    /// File name of the page without `.html` (`"03-shallow-network"`); letters, digits, `-`, `_` and `.` only.
    public var slug: String
    public var title: String
    /// Position in the course; pages are listed by `order`, then by `slug`.
    public var order: Int
    public var blocks: [PageBlock]

    public init(slug: String, title: String, order: Int, blocks: [PageBlock]) {
        self.slug = slug
        self.title = title
        self.order = order
        self.blocks = blocks
    }
}

/// A piece of a lesson page: Markdown prose, or a code cell with its outputs.
///
///     let blocks: [PageBlock] = [.prose("# Title\nSome *prose*."), .code(SiteCell(source: "print(1)"))]
public enum PageBlock: Sendable, Equatable {
    /// CommonMark, with `$…$` / `$$…$$` math and `> [!NOTE]`-style callouts.
    case prose(String)
    case code(SiteCell)
}

/// A fenced code block of a lesson, with what running it produced.
///
///     let cell = SiteCell(source: "print(2 + 2)", mdLocation: "lessons/01-intro.md:12",
///                         outputs: [.text("4\n")], status: .ran, duration: 0.01)
public struct SiteCell: Sendable, Equatable {
    /// The fence's language (`"swift"`, `"python"`, `"text"`…). Swift is highlighted.
    public var language: String
    public var source: String
    /// Where the code sits in the lesson source, `"lessons/03-x.md:41"`; shown on the cell.
    public var mdLocation: String
    public var kind: SiteCellKind
    /// The exercise this cell belongs to (for `.exercise`, `.solution`, `.check`, `.hiddenCheck`).
    public var exercise: SiteExercise?
    /// In the order they were produced.
    public var outputs: [CellOutputView]
    public var status: SiteCellStatus
    /// Wall-clock seconds the cell took when it last ran (also for cached results), if known.
    public var duration: Double?

    public init(language: String = "swift", source: String, mdLocation: String = "",
                kind: SiteCellKind = .normal, exercise: SiteExercise? = nil,
                outputs: [CellOutputView] = [], status: SiteCellStatus = .ran, duration: Double? = nil) {
        self.language = language
        self.source = source
        self.mdLocation = mdLocation
        self.kind = kind
        self.exercise = exercise
        self.outputs = outputs
        self.status = status
        self.duration = duration
    }
}

/// What a fence's info string says about a cell (see docs/CONTRACTS.md, "Lesson format").
public enum SiteCellKind: String, Sendable, Equatable, CaseIterable {
    /// ```swift — runs, code and outputs shown.
    case normal
    /// ```swift hidden — setup code; never shown on the site.
    case hidden
    /// ```swift norun, or any other language — code only.
    case noRun
    /// ```swift fails — a failure is expected and shown.
    case fails
    /// ```swift exercise id=ID points=N — the starter code.
    case exercise
    /// ```swift solution id=ID — shown only when the build includes solutions (collapsed).
    case solution
    /// ```swift check id=ID — a public check.
    case check
    /// ```swift check id=ID hidden — never shown; its verdicts show without their message.
    case hiddenCheck
}

/// The exercise a cell belongs to.
///
///     SiteExercise(id: "relu", points: 2)
public struct SiteExercise: Sendable, Equatable {
    public var id: String
    public var points: Int?

    public init(id: String, points: Int? = nil) {
        self.id = id
        self.points = points
    }
}

/// Where a cell's outputs come from; every shown cell is stamped with it.
public enum SiteCellStatus: String, Sendable, Equatable, CaseIterable {
    /// Ran in this build.
    case ran
    /// Outputs taken from the result cache (nothing that could change them changed).
    case cached
    /// Not run (a `norun` cell, another language, or a lesson whose earlier cell failed to compile).
    case notRun
    /// Ran and failed unexpectedly (compile error, trap, time limit).
    case failed
}

/// Which stream a piece of text output came from.
public enum SiteTextStream: String, Sendable, Equatable {
    case stdout, stderr
}

/// How a cell failed.
public enum SiteErrorKind: String, Sendable, Equatable {
    case compile, trap, thrown, timeout, other
}

/// One output of a cell, in the order the cell produced it.
///
///     .text("loss 0.25\n")
///     .image(fileName: "3fa2….png", width: 28, height: 28, alt: "digit 7", pixelated: true)
public enum CellOutputView: Sendable, Equatable {
    /// Printed text.
    case text(String, stream: SiteTextStream = .stdout)
    /// A value shown with `show(_:)` (a tensor's printout), set apart from plain prints.
    case value(String)
    /// A picture; `fileName` is a key of the `images` passed to `SiteBuilder.build`. `pixelated` upscales small
    /// images with hard pixel edges (MNIST digits, feature maps) instead of blurring them.
    case image(fileName: String, width: Int, height: Int, alt: String, pixelated: Bool = false)
    /// A check's verdict. A hidden check shows only its verdict, never its message.
    case check(name: String, passed: Bool, message: String, hidden: Bool)
    /// A failure; `location` is `"lessons/03-x.md:44"` when known.
    case error(kind: SiteErrorKind, message: String, location: String?)
}
