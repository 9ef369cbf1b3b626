import ArgumentParser
import DLKit
import Foundation
import Lessons

/// `course exercises 02 --out DIR` — writes a workbook of a lesson's exercises for a student to fill in.
struct Exercises: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercises",
        abstract: "Write a workbook of a lesson's exercises (prompts, starter code, public checks).",
        discussion: """
            The workbook DIR/NN-slug.exercises.md has each exercise's prompt, points and starter code, and its
            public checks; never the solutions or the hidden checks. Edit the ```swift exercise blocks, then grade
            it with `course check DIR/NN-slug.exercises.md`.
            """)

    @Argument(help: "The lesson: 02, 2, 02-functions (or the path of a lesson file).")
    var lesson: String

    @Option(name: .shortAndLong, help: "The folder to write the workbook into (created if needed).")
    var out: String = "."

    @Flag(help: "Replace a workbook that exists already (your answers in it are lost).")
    var force = false

    func run() throws {
        try CommandSupport.reportingErrors {
            let lesson: Lesson
            if self.lesson.hasSuffix(".md") && FileManager.default.fileExists(atPath: self.lesson) {
                lesson = try Lesson(contentsOf: URL(fileURLWithPath: self.lesson), displayPath: self.lesson)
            } else {
                let (_, catalog) = try CommandSupport.catalog()
                let url = try catalog.find(self.lesson)
                lesson = try Lesson(contentsOf: url, displayPath: "lessons/" + url.lastPathComponent)
            }
            let workbook = Workbook(lesson: lesson)
            guard !workbook.exercises.isEmpty else { throw GradingError.noExercises(lesson: lesson.displayPath) }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            try refuseLessonsFolder(folder)
            try prepare(folder)
            let written = try workbook.write(into: folder, overwrite: force)
            let points = workbook.exercises.reduce(0) { $0 + $1.points }
            let shown = Lesson.relativePath(of: written)
            CommandSupport.write("""
                wrote \(shown): \(workbook.exercises.count) exercise\(workbook.exercises.count == 1 ? "" : "s"), \
                \(points) point\(points == 1 ? "" : "s")
                edit its ```swift exercise blocks, then: course check \(shown)

                """)
        }
    }

    /// Makes the folder (and its parents) and checks it can be written, so that a failure names the path and the
    /// reason ("it is a file, not a folder", "Read-only file system") rather than Foundation's "error 512".
    private func prepare(_ folder: URL) throws {
        do { try DataError.createFolder(folder) } catch let DataError.unwritable(path, reason) {
            throw GradingError.cannotWrite(path: path, reason: reason)
        }
        guard access(folder.path, W_OK) == 0 else {
            throw GradingError.cannotWrite(path: out, reason: String(cString: strerror(errno)))
        }
    }

    /// A workbook among the lessons would be listed, built and run as a lesson of its own (and an old course
    /// would take its number for the lesson's): it goes anywhere but the lessons folder.
    private func refuseLessonsFolder(_ folder: URL) throws {
        guard let (_, catalog) = try? CommandSupport.catalog() else { return }
        let lessons = catalog.folder.resolvingSymlinksInPath().standardizedFileURL.path
        guard folder.resolvingSymlinksInPath().standardizedFileURL.path == lessons else { return }
        throw GradingError.cannotWrite(path: out, reason: "that is the lessons folder; a workbook goes elsewhere "
            + "(e.g. --out workbooks), so that it is never taken for a lesson")
    }
}
