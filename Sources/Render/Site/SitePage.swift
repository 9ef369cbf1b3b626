import CourseModel
import Foundation

/// One lesson page of the site: the lesson as parsed (prose trees and cells) and what running it produced.
/// Render reads the model's own types (`Lesson`, `Cell`, `CellKind`, `CellResult`); nothing is translated into a
/// copy of them first.
///
///     let page = SitePage(lesson: try catalog.load(url), result: try runner.run(lesson))
public struct SitePage: Sendable, Equatable {
    public var lesson: Lesson
    /// The lesson's results; nil when it could not run at all (its cells then show as not run).
    public var result: LessonResult?

    public init(lesson: Lesson, result: LessonResult?) {
        self.lesson = lesson
        self.result = result
    }

    /// File name of the page without `.html`: the lesson's file name, with anything but letters, digits, `-`, `_`
    /// and `.` replaced by `-` (`"03-shallow-network"`).
    public var slug: String {
        let name = lesson.url.deletingPathExtension().lastPathComponent
        return String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
    }

    public var title: String { lesson.title }
    /// Position in the course; pages are listed by `order`, then by `slug`.
    public var order: Int { lesson.frontMatter.order }

    /// The result of cell `index`, if it has one.
    func result(of cell: Cell) -> CellResult? {
        result?.cells.first { $0.index == cell.index }
    }
}

extension SiteImage {
    /// The pictures `result` shows, by file name, to copy from the outputs folder (`<sha256>.png`).
    ///
    ///     images.merge(SiteImage.files(shownBy: result, in: environment.outputsDirectory)) { a, _ in a }
    public static func files(shownBy result: LessonResult, in outputsDirectory: URL) -> [String: SiteImage] {
        var images: [String: SiteImage] = [:]
        for cell in result.cells {
            for case .image(let file, _, _, _) in cell.outputs {
                images[file] = .file(outputsDirectory.appendingPathComponent(file).path)
            }
        }
        return images
    }
}
