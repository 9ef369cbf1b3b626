import Foundation
import Lessons

/// What the preview reports while it keeps the site up to date: the terminal prints it, open pages show it.
///
///     let scheduler = RebuildScheduler(site: site) { event in print(event.line) }
public enum PreviewEvent: Sendable, Equatable {
    /// A lesson's program is being compiled.
    case compiling(LessonActivity)
    /// A cell of a lesson runs (`detail`: how far its training loop got, `epoch 2/5 …`).
    case running(LessonActivity, cell: Int, detail: String?)
    /// Saves arrived while a lesson ran; they are rebuilt when it ends (never two runs of one lesson at once).
    case queued([String])
    /// The site was rewritten; `report` says what ran, what changed and how long each part took.
    case rebuilt(RebuildReport)
    /// Something could not be rebuilt (a lesson that does not parse, a site folder that cannot be written). The
    /// site keeps its last good pages; the next good save recovers.
    case problem(String)
}

/// Which lesson is busy: its id (`02-pooling`), its page (`02-pooling.html`), its cell count.
public struct LessonActivity: Sendable, Equatable {
    public var lesson: String
    public var page: String
    public var cellCount: Int

    public init(lesson: String, page: String, cellCount: Int) {
        self.lesson = lesson
        self.page = page
        self.cellCount = cellCount
    }
}

/// What one rebuild did, with the time of each part (seconds).
public struct RebuildReport: Sendable, Equatable {
    /// Lessons that ran, and lessons whose results came from the cache.
    public var ran: [String] = []
    public var cached: [String] = []
    /// Pages (`02-pooling.html`, `index.html`) whose bytes changed: the pages open browsers reload.
    public var changedPages: [String] = []
    /// Cells that failed (`lessons/02-pooling.md:31: …`), shown in their pages.
    public var failures: [String] = []
    /// What could not be rebuilt (a lesson that does not parse): the page keeps its last good version.
    public var problems: [String] = []
    public var parseSeconds = 0.0
    public var compileSeconds = 0.0
    public var runSeconds = 0.0
    /// Rendering every page in memory and writing the files whose bytes changed.
    public var renderSeconds = 0.0
    public var totalSeconds = 0.0

    public init() {}

    /// One line for the terminal: `rebuilt 02-pooling.html, index.html · ran 02 (compile 0.6 s, …)`.
    public var summary: String {
        let pages = changedPages.isEmpty ? "no page changed" : "updated " + changedPages.joined(separator: ", ")
        var parts = [pages]
        if !ran.isEmpty { parts.append("ran " + ran.joined(separator: ", ")) }
        if !cached.isEmpty { parts.append("from the cache " + cached.joined(separator: ", ")) }
        parts.append(String(format: "parse %.2f s, compile %.2f s, run %.2f s, render %.2f s, total %.2f s",
                            parseSeconds, compileSeconds, runSeconds, renderSeconds, totalSeconds))
        if !failures.isEmpty { parts.append("\(failures.count) failed: " + failures.joined(separator: "; ")) }
        return parts.joined(separator: " · ")
    }
}
