import Foundation

/// The student's copy of a lesson's exercises: `DIR/NN-slug.exercises.md`, with a header that says how to check
/// it, each exercise's prompt, points and starter code (in a ```` ```swift exercise ```` fence to edit), and its
/// public checks (read-only: grading always uses the lesson's own copies, plus the hidden checks). No solutions,
/// no hidden checks.
///
///     let workbook = Workbook(lesson: lesson)
///     let url = try workbook.write(into: URL(fileURLWithPath: "my-work"))   // my-work/02-functions.exercises.md
public struct Workbook: Sendable {
    public var lesson: Lesson
    public var exercises: [Exercise]

    public init(lesson: Lesson) {
        self.lesson = lesson
        self.exercises = Exercise.all(in: lesson)
    }

    /// `02-functions.exercises.md`.
    public var fileName: String { Workbook.fileName(for: lesson) }

    public static func fileName(for lesson: Lesson) -> String {
        lesson.url.deletingPathExtension().lastPathComponent + ".exercises.md"
    }

    /// The lesson name a workbook file stands for (`02-functions` for `02-functions.exercises.md`), if it has one.
    public static func lessonName(ofWorkbook url: URL) -> String? {
        let name = url.lastPathComponent
        guard name.hasSuffix(".exercises.md") else { return nil }
        return String(name.dropLast(".exercises.md".count))
    }

    /// The workbook's Markdown (its header tells how to check it: `course check <fileName>`).
    public var markdown: String { markdown(checkPath: fileName) }

    /// The workbook's Markdown, its header naming the workbook as `checkPath` in the `course check` command.
    public func markdown(checkPath: String) -> String {
        let total = exercises.reduce(0) { $0 + $1.points }
        var out = """
            ---
            title: Exercises — \(lesson.title)
            order: \(lesson.frontMatter.order)
            ---

            # Exercises: \(lesson.title)

            > [!NOTE]
            > This workbook belongs to `\(lesson.displayPath)`: \(exercises.count) exercise\(exercises.count == 1 ? "" : "s"), \(total) point\(total == 1 ? "" : "s").
            > Write your answer inside each ```` ```swift exercise ```` block and keep the block's first line as it is.
            > Your code runs after the lesson's cells above it, so it can use what they define; each exercise runs on its own.
            > The ```` ```swift check ```` blocks show the public checks. Changing them changes nothing: grading uses
            > the lesson's own checks, and some hidden ones too. An exercise earns its points when all its checks pass.
            >
            > Check your work (as often as you like) with:
            >
            >     course check \(checkPath)


            """
        for exercise in exercises {
            out += "## Exercise `\(exercise.id)` (\(exercise.points) point\(exercise.points == 1 ? "" : "s"))\n\n"
            let prompt = exercise.prompt.trimmingCharacters(in: .whitespacesAndNewlines)
            if !prompt.isEmpty { out += prompt + "\n\n" }
            out += fence("swift exercise id=\(exercise.id) points=\(exercise.points)", exercise.starter.code)
            let publicChecks = exercise.publicChecks
            if !publicChecks.isEmpty {
                out += "\nPublic check\(publicChecks.count == 1 ? "" : "s") (read-only)"
                let hidden = exercise.hiddenChecks.count
                out += hidden > 0 ? ", and \(hidden) hidden check\(hidden == 1 ? "" : "s") when graded:\n\n" : ":\n\n"
                for check in publicChecks { out += fence("swift check id=\(exercise.id)", check.code.code) }
            } else if !exercise.hiddenChecks.isEmpty {
                out += "\nThis exercise is graded by hidden checks only.\n"
            }
            out += "\n"
        }
        return out
    }

    /// A fence long enough for any backticks inside the code.
    private func fence(_ info: String, _ code: String) -> String {
        var ticks = "```"
        while code.contains(ticks) { ticks += "`" }
        return ticks + info + "\n" + code + (code.hasSuffix("\n") || code.isEmpty ? "" : "\n") + ticks + "\n"
    }

    /// Writes the workbook into `folder` (created if needed) and returns its URL. Refuses to overwrite a
    /// workbook that exists unless `overwrite` is set, so a student's answers are never lost.
    @discardableResult
    public func write(into folder: URL, overwrite: Bool = false) throws -> URL {
        let fm = FileManager.default
        let url = folder.appendingPathComponent(fileName)
        if fm.fileExists(atPath: url.path) && !overwrite {
            throw GradingError.cannotWrite(path: url.path,
                                           reason: "it exists already (your answers?); pass --force to replace it")
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try markdown(checkPath: Lesson.relativePath(of: url)).write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw GradingError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        return url
    }
}
