import ArgumentParser
import Foundation
import Lessons

/// `course check DIR/02-functions.exercises.md` — grades a workbook and prints a report (or JSON).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Grade a workbook: each exercise passed or failed, with its points.",
        discussion: """
            The workbook's code runs with the lesson's own checks (public and hidden) in a separate process with a
            time limit per exercise and a memory limit, in a fresh work folder (as an unprivileged user of its own
            when course runs as root). Nothing your code prints can change the grade. --json prints the same
            report for a learning-management system. The exit status is 0 whenever a report was made.
            """)

    @Argument(help: "The workbook, as written by `course exercises` (NN-slug.exercises.md).")
    var workbook: String

    @Option(help: "The lesson the workbook belongs to: 02, or a lesson file (default: from the workbook's name).")
    var lesson: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(parsing: .unconditional, help: "Seconds each exercise (its code and all its checks) may run.")
    var timeLimit: Double = 10

    @Option(parsing: .unconditional, help: "Memory limit of the graded program, in MiB.")
    var memoryLimit: Int = 16384

    func validate() throws {
        try OptionValidation.seconds(timeLimit, option: "--time-limit")
        try OptionValidation.memoryMiB(memoryLimit, option: "--memory-limit", minimum: 256)
    }

    func run() throws {
        try CommandSupport.reportingErrors {
            let url = URL(fileURLWithPath: workbook)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw GradingError.unreadableSubmission(path: workbook, reason: "no such file")
            }
            let (root, catalog) = try CommandSupport.catalog()
            guard let name = lesson ?? Workbook.lessonName(ofWorkbook: url) else {
                throw GradingError.unknownLessonForWorkbook(path: workbook)
            }
            let lesson: Lesson
            if name.hasSuffix(".md") && FileManager.default.fileExists(atPath: name) {
                lesson = try Lesson(contentsOf: URL(fileURLWithPath: name), displayPath: name)  // an instructor's draft
            } else {
                let lessonURL = try catalog.find(name)
                lesson = try Lesson(contentsOf: lessonURL, displayPath: "lessons/" + lessonURL.lastPathComponent)
            }
            let limits = GradingLimits(timeLimit: timeLimit, memoryLimitMB: memoryLimit,
                                       lessonTimeLimit: max(60, lesson.frontMatter.timeout * 5))
            let grader = try Grader.discover(from: root, limits: limits)
            if !json { CommandSupport.write("grading \(workbook) against \(lesson.displayPath)…\n") }
            let report = try grader.grade(lesson: lesson, workbook: url, displayPath: workbook)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                CommandSupport.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
            } else {
                CommandSupport.write(report.description + "\n")
            }
        }
    }
}
