import Foundation
import Lessons
import XCTest

/// A throwaway course package for runner tests: Package.swift, lessons/, a cache folder, and Sources/ pointing
/// at this package's C module maps. Programs link against the CourseKit library next to the test binary.
struct RunnerFixture {
    /// This repository (Tests/LessonsTests/Execution/ → three folders up).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    let environment: CourseEnvironment
    let runner: LessonRunner

    init() throws {
        let fm = FileManager.default
        root = URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("course-runner-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try Data("// a test package\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("Sources"),
                                  withDestinationURL: RunnerFixture.repositoryRoot.appendingPathComponent("Sources"))
        environment = try CourseEnvironment.locate(from: root)
        runner = try LessonRunner(environment: environment)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes `lessons/<name>` with a front matter and `body`, and parses it.
    @discardableResult
    func lesson(_ body: String, name: String = "01-test.md", timeout: Double? = nil, seed: Int? = nil) throws -> Lesson {
        var header = "---\ntitle: A test lesson\n"
        if let timeout { header += "timeout: \(timeout)\n" }
        if let seed { header += "seed: \(seed)\n" }
        header += "---\n"
        let url = root.appendingPathComponent("lessons/\(name)")
        try Data((header + body).utf8).write(to: url)
        return try Lesson(contentsOf: url, displayPath: "lessons/\(name)")
    }

    /// Processes whose executable lies under `folder` (compiled lesson programs of a fixture), by host pid.
    static func programsRunning(from folder: URL) -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap(Int32.init).filter { pid in
            guard let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe") else { return false }
            return exe.hasPrefix(folder.resolvingSymlinksInPath().path) || exe.hasPrefix(folder.path)
        }.sorted()
    }

    /// The 1-based line of the first line of the lesson file that contains `needle`.
    func line(of needle: String, in lesson: Lesson) throws -> Int {
        let lines = try String(contentsOf: lesson.url, encoding: .utf8).components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(needle) }) else {
            throw XCTSkip("fixture is missing '\(needle)'")
        }
        return index + 1
    }
}
