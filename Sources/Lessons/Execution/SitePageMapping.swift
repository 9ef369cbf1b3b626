import Foundation
import Render

/// Turns a lesson and its results into the site's page model (Render's `SitePage`): prose as is, each cell with
/// its code, kind, outputs and where they came from. Pictures are referenced by their content-hashed file names.
///
///     let page = SitePageMapping.page(for: lesson, result: result)
///     let images = SitePageMapping.images(in: result, outputsDirectory: environment.outputsDirectory)
public enum SitePageMapping {
    /// The page of `lesson`; `result` nil when the lesson could not run at all (cells then show as not run).
    public static func page(for lesson: Lesson, result: LessonResult?) -> SitePage {
        let baseName = lesson.url.deletingPathExtension().lastPathComponent
        var blocks: [PageBlock] = []
        for block in lesson.blocks {
            switch block {
            case .prose(let markdown, _):
                blocks.append(.prose(markdown))
            case .cell(let cell):
                let cellResult = result?.cells.first { $0.index == cell.index }
                blocks.append(.code(siteCell(cell, result: cellResult, fromCache: result?.fromCache ?? false,
                                             lesson: lesson)))
            }
        }
        return SitePage(slug: slug(baseName), title: lesson.title, order: lesson.frontMatter.order, blocks: blocks)
    }

    /// The pictures the results show, by file name, to copy from the outputs folder.
    public static func images(in result: LessonResult, outputsDirectory: URL) -> [String: SiteImage] {
        var images: [String: SiteImage] = [:]
        for cell in result.cells {
            for case .image(let file, _, _) in cell.outputs {
                images[file] = .file(outputsDirectory.appendingPathComponent(file).path)
            }
        }
        return images
    }

    static func siteCell(_ cell: Cell, result: CellResult?, fromCache: Bool, lesson: Lesson) -> SiteCell {
        var kind: SiteCellKind
        var exercise: SiteExercise?
        var language = "swift"
        switch cell.kind {
        case .code: kind = .normal
        case .hidden: kind = .hidden
        case .norun: kind = .noRun
        case .fails: kind = .fails
        case .exercise(let id, let points): kind = .exercise; exercise = SiteExercise(id: id, points: points)
        case .solution(let id): kind = .solution; exercise = SiteExercise(id: id)
        case .check(let id, let hidden): kind = hidden ? .hiddenCheck : .check; exercise = SiteExercise(id: id)
        case .other(let name): kind = .noRun; language = name ?? "text"
        }
        // Each cell is stamped with where its outputs came from: computed by this build, or taken from the cache.
        // The time shown is the one measured when the outputs were computed (stored in the cache with them), so
        // two builds in the same cache state are byte-identical; a cold and a warm build differ only in the stamp.
        let status: SiteCellStatus
        switch result?.status {
        case .ran?: status = fromCache ? .cached : .ran
        case .failed?: status = .failed
        case .notRun?, .skipped?, nil: status = .notRun
        }
        var outputs: [CellOutputView] = []
        let hiddenCheck = kind == .hiddenCheck
        for output in result?.outputs ?? [] {
            switch output {
            case .text(let text):
                if !hiddenCheck { outputs.append(.text(text)) }
            case .stderr(let text):
                if !hiddenCheck { outputs.append(.text(text, stream: .stderr)) }
            case .image(let file, let width, let height):
                outputs.append(.image(fileName: file, width: width, height: height,
                                      alt: "picture shown by cell \(cell.index + 1)",
                                      pixelated: max(width, height) <= 64))
            case .check(let check):
                outputs.append(.check(name: check.check, passed: check.passed,
                                      message: check.hidden ? "" : check.message, hidden: check.hidden))
            case .error(let error):
                let errorKind: SiteErrorKind
                switch error.kind {
                case .compile: errorKind = .compile
                case .trap: errorKind = .trap
                case .thrown: errorKind = .thrown
                case .timeout: errorKind = .timeout
                case .unexpectedSuccess, .exit: errorKind = .other
                }
                let location = "\(lesson.displayPath):\(error.line(in: cell) ?? cell.fenceLine)"
                outputs.append(.error(kind: errorKind, message: error.message, location: location))
            }
        }
        return SiteCell(language: language, source: cell.code, mdLocation: "\(lesson.displayPath):\(cell.fenceLine)",
                        kind: kind, exercise: exercise, outputs: outputs, status: status, duration: result?.seconds)
    }

    /// A file name the site accepts: letters, digits, `-`, `_`, `.`.
    static func slug(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
    }
}
