import ArgumentParser
import Foundation
import Lessons
import Render

/// `course build` — runs every lesson (or takes its results from the cache) and writes the static site.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the static site (a page per lesson and an index) into site/.",
        discussion: """
            Each lesson runs (or its results come from the cache when nothing that could change them changed).
            A lesson that fails still gets its page, with the error shown in place. The command exits non-zero
            with one line per unexpected failure when anything failed.
            """)

    @Option(help: "Where to write the site (default: site/ in the course folder).")
    var output: String?

    @Flag(help: "Run every lesson even when its results are cached.")
    var force = false

    @Flag(help: "Include the exercises' reference solutions (an instructor build).")
    var solutions = false

    func run() throws {
        let failures = try CommandSupport.reportingErrors { () throws -> [String] in
            let (root, catalog) = try CommandSupport.catalog()
            let environment = try CourseEnvironment.locate(from: root)
            let runner = try LessonRunner(environment: environment)
            var pages: [SitePage] = []
            var images: [String: SiteImage] = [:]
            var failures: [String] = []
            var ran: [String] = [], cached: [String] = []
            let start = Date()
            let options = RunOptions(force: force, dataKey: CommandSupport.dataKey())

            for url in catalog.files {
                let name = url.deletingPathExtension().lastPathComponent
                let lesson: Lesson
                do {
                    lesson = try catalog.load(url)
                } catch {
                    failures.append("\(error)")
                    CommandSupport.write("✗ \(name): cannot read the lesson\n")
                    continue
                }
                if CommandSupport.useColor { CommandSupport.write("… \(name)\r") }
                do {
                    let cellCount = lesson.cells.count
                    let formatter = TerminalFormatter(lesson: lesson, outputsDirectory: environment.outputsDirectory,
                                                      color: false)
                    // On a terminal, one line per lesson that says which cell runs (and how far its training got).
                    let result = try runner.run(lesson, options: options) { event in
                        guard CommandSupport.useColor else { return }
                        switch event {
                        case .cellStarted(let index):
                            CommandSupport.write("\r\u{1B}[K… \(name): cell \(index + 1)/\(cellCount)")
                        case .progress(let index, let report):
                            CommandSupport.write("\r\u{1B}[K… \(name): cell \(index + 1)/\(cellCount) · "
                                                 + formatter.progressLine(report, width: 20))
                        default: break
                        }
                    }
                    if result.fromCache { cached.append(lesson.id) } else { ran.append(lesson.id) }
                    pages.append(SitePage(lesson: lesson, result: result))
                    images.merge(SiteImage.files(shownBy: result, in: environment.outputsDirectory)) { a, _ in a }
                    let cells = lesson.cells
                    for cell in result.failures {
                        let error = cell.error
                        let line = error?.line(in: cells[cell.index]) ?? cells[cell.index].fenceLine
                        let message = error?.message.split(separator: "\n").first.map(String.init) ?? "failed"
                        failures.append("\(lesson.displayPath):\(line): \(message)")
                    }
                    let how = result.fromCache ? "from the cache" : String(format: "ran in %.1f s", result.compileSeconds + result.runSeconds)
                    let mark = result.failures.isEmpty ? "✓" : "✗"
                    CommandSupport.write("\(CommandSupport.useColor ? "\r\u{1B}[K" : "")\(mark) \(name): \(how)\(result.failures.isEmpty ? "" : ", \(result.failures.count) failed")\n")
                } catch {
                    failures.append("\(lesson.displayPath): \(error)")
                    pages.append(SitePage(lesson: lesson, result: nil))
                    CommandSupport.write("✗ \(name): \(error)\n")
                }
            }

            let folder = output.map { URL(fileURLWithPath: $0, isDirectory: true) }
                ?? root.appendingPathComponent("site", isDirectory: true)
            let builder = SiteBuilder(outputDirectory: folder,
                                      options: SiteOptions(includeSolutions: solutions))
            let report = try builder.build(pages: pages, images: images)
            for warning in report.warnings { CommandSupport.write("warning: \(warning)\n") }
            CommandSupport.write("""
                \(report.summary) in \(Lesson.relativePath(of: folder))/ — ran \(ran.count) lesson\(ran.count == 1 ? "" : "s")\
                \(ran.isEmpty ? "" : " (\(ran.joined(separator: ", ")))"), \(cached.count) from the cache\
                \(cached.isEmpty ? "" : " (\(cached.joined(separator: ", ")))") · \(String(format: "%.1f", Date().timeIntervalSince(start))) s

                """)
            return failures
        }
        if !failures.isEmpty {
            FileHandle.standardError.write(Data("course build: \(failures.count) unexpected failure\(failures.count == 1 ? "" : "s"):\n".utf8))
            for failure in failures { FileHandle.standardError.write(Data("  \(failure)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}
