import Foundation
import Render
import XCTest

/// Not a check: with COURSE_SITE_PREVIEW=<folder> set, builds a preview site from the repository's lessons (split
/// naively into prose and fences, with made-up outputs) so that it can be looked at in a browser or screenshotted.
///
///     COURSE_SITE_PREVIEW=/tmp/preview swift test --filter SitePreview
final class SitePreview: XCTestCase {
    func testWritePreviewSite() throws {
        guard let target = ProcessInfo.processInfo.environment["COURSE_SITE_PREVIEW"] else {
            throw XCTSkip("set COURSE_SITE_PREVIEW=<folder> to write a preview site")
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lessons = root.appendingPathComponent("lessons")
        let files = try FileManager.default.contentsOfDirectory(atPath: lessons.path).filter { $0.hasSuffix(".md") && $0.first!.isNumber }.sorted()
        var pages: [SitePage] = []
        let digit = try GrayImage(pixels: (0..<(28 * 28)).map { i -> Float in
            let x = Float(i % 28) - 14, y = Float(i / 28) - 14
            return abs(x * x + y * y - 64) < 20 ? 1 : 0
        }, width: 28, height: 28).png()
        var images: [String: SiteImage] = ["ring.png": .png(digit.data)]
        images["wide.png"] = .png(try GrayImage(pixels: (0..<(600 * 200)).map { Float(($0 % 600) / 60 % 2) }, width: 600, height: 200).png().data)
        for (n, file) in files.enumerated() {
            let text = try String(contentsOf: lessons.appendingPathComponent(file), encoding: .utf8)
            pages.append(Self.page(slug: String(file.dropLast(3)), markdown: text, number: n + 1))
        }
        let report = try SiteBuilder(outputDirectory: URL(fileURLWithPath: target),
                                     options: SiteOptions(introduction: "A literate course: every number and picture on these pages was computed by the code shown with it, using DLKit.\n\n> [!TIP]\n> Press `/` to search."))
            .build(pages: pages, images: images)
        print(report.summary, report.warnings)
    }

    static func page(slug: String, markdown: String, number: Int) -> SitePage {
        var lines = markdown.components(separatedBy: "\n")
        var title = slug, order = number
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") {
            for line in lines[1..<end] {
                if line.hasPrefix("title:") { title = line.dropFirst(6).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("order:") { order = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces)) ?? number }
            }
            lines = Array(lines[(end + 1)...])
        }
        var blocks: [PageBlock] = []
        var prose: [String] = []
        var code: [String]? = nil
        var info = ""
        var cellCount = 0
        var fenceLine = 0
        for (k, line) in lines.enumerated() {
            if code == nil, line.hasPrefix("```") {
                if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"))); prose = [] }
                code = []; info = String(line.dropFirst(3)); fenceLine = k
            } else if code != nil, line.hasPrefix("```") {
                cellCount += 1
                let words = info.split(separator: " ").map(String.init)
                let kind: SiteCellKind = words.contains("exercise") ? .exercise : words.contains("solution") ? .solution
                    : words.contains("check") ? (words.contains("hidden") ? .hiddenCheck : .check)
                    : words.contains("hidden") ? .hidden : words.contains("fails") ? .fails
                    : words.contains("norun") || words.first != "swift" ? .noRun : .normal
                let id = words.first { $0.hasPrefix("id=") }.map { String($0.dropFirst(3)) }
                let points = words.first { $0.hasPrefix("points=") }.flatMap { Int($0.dropFirst(7)) }
                var outputs: [CellOutputView] = []
                switch kind {
                case .normal:
                    outputs = [.text("X = (1.0, 1.0)   f(X) = 1.0   X1·X2 = 1.0\nX = (2.0, 3.0)   f(X) = 6.5   X1·X2 = 6.0\n")]
                    if cellCount % 3 == 0 { outputs.append(.image(fileName: "ring.png", width: 28, height: 28, alt: "a ring", pixelated: true)) }
                    if cellCount % 4 == 0 { outputs.append(.image(fileName: "wide.png", width: 600, height: 200, alt: "stripes")) }
                    if cellCount % 5 == 0 { outputs.append(.value("Tensor [2, 3]\n[[ 0.1000,  0.2000, -0.3000],\n [ 1.0000,  2.0000,  3.0000]]")) }
                case .check: outputs = [.check(name: "shape of the output", passed: true, message: "[4, 1] as expected", hidden: false)]
                case .hiddenCheck: outputs = [.check(name: "", passed: false, message: "", hidden: true)]
                case .fails: outputs = [.error(kind: .trap, message: "matmul: [3, 4] × [5, 2] — inner dimensions 4 and 5 differ", location: "lessons/\(slug).md:\(fenceLine + 2)")]
                default: break
                }
                blocks.append(.code(SiteCell(language: words.first ?? "", source: code!.joined(separator: "\n"),
                                             mdLocation: "lessons/\(slug).md:\(fenceLine + 2)", kind: kind,
                                             exercise: id.map { SiteExercise(id: $0, points: points) }, outputs: outputs,
                                             status: kind == .noRun ? .notRun : (cellCount % 2 == 0 ? .cached : .ran),
                                             duration: kind == .noRun ? nil : Double(cellCount) * 0.137)))
                code = nil
            } else if code != nil {
                code!.append(line)
            } else {
                prose.append(line)
            }
        }
        if !prose.isEmpty { blocks.append(.prose(prose.joined(separator: "\n"))) }
        return SitePage(slug: slug, title: title, order: order, blocks: blocks)
    }
}
