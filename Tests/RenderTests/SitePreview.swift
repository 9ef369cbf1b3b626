import Foundation
import Lessons
import Render
import XCTest

/// Not a check: with COURSE_SITE_PREVIEW=<folder> set, builds a preview site from the repository's lessons (parsed
/// as `course build` parses them, with made-up outputs instead of running them) so that it can be looked at in a
/// browser or screenshotted.
///
///     COURSE_SITE_PREVIEW=/tmp/preview swift test --filter SitePreview
final class SitePreview: XCTestCase {
    func testWritePreviewSite() throws {
        guard let target = ProcessInfo.processInfo.environment["COURSE_SITE_PREVIEW"] else {
            throw XCTSkip("set COURSE_SITE_PREVIEW=<folder> to write a preview site")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let catalog = try LessonCatalog(folder: root.appendingPathComponent("lessons"))
        let ring = try GrayImage(pixels: (0..<(28 * 28)).map { i -> Float in
            let x = Float(i % 28) - 14, y = Float(i / 28) - 14
            return abs(x * x + y * y - 64) < 20 ? 1 : 0
        }, width: 28, height: 28).png()
        var images: [String: SiteImage] = ["ring.png": .png(ring.data)]
        images["wide.png"] = .png(try GrayImage(pixels: (0..<(600 * 200)).map { Float(($0 % 600) / 60 % 2) }, width: 600, height: 200).png().data)
        let pages = try catalog.files.map { SitePage(lesson: try catalog.load($0), result: nil) }.map(Self.withMadeUpOutputs)
        let options = SiteOptions(introduction: LessonParser.prose(
            "A literate course: every number and picture on these pages was computed by the code shown with it, using DLKit.\n\n> [!TIP]\n> Press `/` to search."))
        let report = try SiteBuilder(outputDirectory: URL(fileURLWithPath: target), options: options).build(pages: pages, images: images)
        print(report.summary, report.warnings)
    }

    static func withMadeUpOutputs(_ page: SitePage) -> SitePage {
        let cells = page.lesson.cells.map { cell -> CellResult in
            let n = cell.index + 1
            var outputs: [CellOutput] = []
            switch cell.kind {
            case .code:
                outputs = [.text("X = (1.0, 1.0)   f(X) = 1.0   X1·X2 = 1.0\nX = (2.0, 3.0)   f(X) = 6.5   X1·X2 = 6.0\n")]
                if n % 3 == 0 { outputs.append(.image(file: "ring.png", width: 28, height: 28)) }
                if n % 4 == 0 { outputs.append(.image(file: "wide.png", width: 600, height: 200)) }
            case .check(let id, let hidden):
                outputs = [.check(CheckResult(exercise: id, check: "shape of the output", passed: !hidden,
                                              message: "[4, 1] as expected", hidden: hidden, points: 1))]
            case .fails:
                outputs = [.error(CellError(kind: .trap, message: "matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ",
                                            lineInCell: 1, expected: true))]
            default: break
            }
            return CellResult(index: cell.index, status: cell.runs ? .ran : .skipped, outputs: outputs,
                              seconds: cell.runs ? Double(n) * 0.137 : nil)
        }
        return SitePage(lesson: page.lesson, result: LessonResult(cells: cells, key: "preview"))
    }
}
