import ArgumentParser
import Foundation
import Lessons

/// `course list` — the lessons, with their titles and whether their results are cached.
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons, with titles and whether their results are cached.")

    func run() throws {
        try CommandSupport.reportingErrors {
            let (root, catalog) = try CommandSupport.catalog()
            // Without a built library the list still shows; only the cache column is unknown.
            let runner = (try? CourseEnvironment.locate(from: root)).flatMap { try? LessonRunner(environment: $0) }
            let options = RunOptions(dataKey: CommandSupport.dataKey())
            var lines: [String] = []
            for url in catalog.files {
                let name = url.deletingPathExtension().lastPathComponent
                do {
                    let lesson = try catalog.load(url)
                    let state = runner.map { $0.isCached(lesson, options: options) ? "cached" : "not run" } ?? "?"
                    lines.append(row(name, lesson.title, state))
                } catch {
                    lines.append(row(name, "cannot read: \(error)", "error"))
                }
            }
            if lines.isEmpty { lines.append("no lessons in lessons/") }
            if runner == nil { lines.append("(the course library is not built, so the cache is not known: swift build -c release)") }
            CommandSupport.write(lines.joined(separator: "\n") + "\n")
        }
    }

    private func row(_ name: String, _ title: String, _ state: String) -> String {
        let padded = name.count < 28 ? name + String(repeating: " ", count: 28 - name.count) : name + " "
        let statePadded = state + String(repeating: " ", count: max(1, 9 - state.count))
        return padded + statePadded + title
    }
}
