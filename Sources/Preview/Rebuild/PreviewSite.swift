import Foundation
import Lessons
import Render

/// The site as the preview keeps it: every lesson's latest page in memory, so that a save re-runs only the
/// lessons whose parsed text changed (and for a prose edit the result cache answers: nothing runs), then renders
/// the pages and writes only the files whose bytes changed — the edited page, the index and the search index,
/// and the neighbours when a title moved. The files are exactly what `course build` writes: the live-reload
/// script is added by the server, never stored.
///
/// Not thread-safe: one `RebuildScheduler` thread owns it.
///
///     let site = PreviewSite(runner: runner, lessons: root.appendingPathComponent("lessons"), output: siteFolder)
///     let report = try site.update(everything: true) { event in … }
public final class PreviewSite {
    public let runner: LessonRunner
    public let lessonsFolder: URL
    public let output: URL
    public var runOptions: RunOptions
    public var siteOptions: SiteOptions
    /// The last page of each lesson file, by path.
    private var pages: [String: SitePage] = [:]

    public init(runner: LessonRunner, lessons: URL, output: URL, runOptions: RunOptions = RunOptions(),
                siteOptions: SiteOptions = SiteOptions()) {
        self.runner = runner
        self.lessonsFolder = lessons
        self.output = output
        self.runOptions = runOptions
        self.siteOptions = siteOptions
    }

    /// Brings the site up to date. Lessons whose text differs from the last update run (results from the cache
    /// when their code did not change); `everything` runs every lesson through the cache (a data file changed).
    /// A lesson that no longer parses keeps its last page and is reported as a problem.
    public func update(everything: Bool = false, report event: @escaping (PreviewEvent) -> Void) throws -> RebuildReport {
        let start = Date()
        var report = RebuildReport()
        let catalog = try LessonCatalog(folder: lessonsFolder)
        let loaded = catalog.loadAll()
        report.parseSeconds = Date().timeIntervalSince(start)
        var next: [String: SitePage] = [:]
        for (url, parsed) in loaded {
            switch parsed {
            case .failure(let error):
                if let old = pages[url.path] { next[url.path] = old }
                report.problems.append("\(error)")
                event(.problem("\(error)"))
            case .success(let lesson):
                if !everything, let old = pages[url.path], old.lesson == lesson, old.result != nil {
                    next[url.path] = old
                    continue
                }
                let page = run(lesson, report: &report, event: event)
                next[url.path] = page
            }
        }
        pages = next
        let renderStart = Date()
        let before = Self.pageBytes(in: output)
        let sorted = pages.keys.sorted().map { pages[$0]! }
        var images: [String: SiteImage] = [:]
        for page in sorted {
            if let result = page.result {
                images.merge(SiteImage.files(shownBy: result, in: runner.environment.outputsDirectory)) { a, _ in a }
            }
        }
        _ = try SiteBuilder(outputDirectory: output, options: siteOptions).build(pages: sorted, images: images)
        let after = Self.pageBytes(in: output)
        report.changedPages = after.keys.filter { after[$0] != before[$0] }.sorted()
        report.renderSeconds = Date().timeIntervalSince(renderStart)
        report.totalSeconds = Date().timeIntervalSince(start)
        return report
    }

    /// Runs one lesson (or takes its results from the cache), reporting its progress; a lesson that cannot run
    /// at all gets a page whose cells show as not run.
    private func run(_ lesson: Lesson, report: inout RebuildReport, event: @escaping (PreviewEvent) -> Void) -> SitePage {
        let activity = LessonActivity(lesson: lesson.id, page: SitePage(lesson: lesson, result: nil).slug + ".html",
                                      cellCount: lesson.cells.count)
        let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: runner.environment.outputsDirectory,
                                          color: false)
        var lastProgress = Date.distantPast
        do {
            let result = try runner.run(lesson, options: runOptions) { progress in
                switch progress {
                case .compiling(cached: false): event(.compiling(activity))
                case .cellStarted(let index): event(.running(activity, cell: index, detail: nil))
                case .progress(let index, let progressReport):
                    // A training loop reports often; pages need a few updates a second at most.
                    guard progressReport.finished || Date().timeIntervalSince(lastProgress) > 0.2 else { return }
                    lastProgress = Date()
                    event(.running(activity, cell: index, detail: formatter.progressLine(progressReport, width: 20)))
                default: break
                }
            }
            if result.fromCache { report.cached.append(lesson.id) } else { report.ran.append(lesson.id) }
            report.compileSeconds += result.fromCache ? 0 : result.compileSeconds
            report.runSeconds += result.fromCache ? 0 : result.runSeconds
            for cell in result.failures {
                let line = cell.error?.line(in: lesson.cells[cell.index]) ?? lesson.cells[cell.index].fenceLine
                let message = cell.error?.message.split(separator: "\n").first.map(String.init) ?? "failed"
                report.failures.append("\(lesson.displayPath):\(line): \(message)")
            }
            return SitePage(lesson: lesson, result: result)
        } catch {
            report.failures.append("\(lesson.displayPath): \(error)")
            report.problems.append("\(lesson.displayPath): \(error)")
            event(.problem("\(lesson.displayPath): \(error)"))
            return SitePage(lesson: lesson, result: nil)
        }
    }

    /// The top-level pages of the site folder and their bytes.
    static func pageBytes(in folder: URL) -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var pages: [String: Data] = [:]
        for name in names where name.hasSuffix(".html") {
            pages[name] = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
        }
        return pages
    }
}
