import ArgumentParser
import Foundation
import Lessons

/// `course grade CLASS/ [--jobs N] [--out DIR]` — grades every workbook of a class into a gradebook.
struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a class: every workbook, in parallel sandboxes, into a gradebook CSV and reports.",
        discussion: """
            SUBMISSIONS are workbook files or class folders: CLASS/STUDENT/NN-slug.exercises.md (a folder per
            student) or CLASS/STUDENT.exercises.md (a file per student; pass --lesson). Each workbook is graded as
            `course check` grades it, in a sandbox of its own, --jobs at a time. DIR gets gradebook.csv (one row per
            student and lesson) and reports/STUDENT/LESSON.json and .txt, each written as soon as it is graded: a
            second run grades only what changed (--force: everything), an interrupted one resumes.
            More machines: --shard I/N grades a deterministic share (by student); then
            `course grade --merge DIR1 DIR2 … --out DIR` joins the shards' folders.
            """)

    @Argument(help: "Workbook files or class folders (with --merge: the shards' output folders).")
    var submissions: [String]

    @Option(help: "The lesson of every workbook: 02, or a lesson file (default: from each workbook's name).")
    var lesson: String?

    @Option(help: "Workbooks graded at once (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .shortAndLong, help: "The folder for gradebook.csv and reports/.")
    var out: String = "grades"

    @Flag(help: "Grade again even the workbooks graded before, unchanged.")
    var force = false

    @Option(help: "Grade only share I of N (1-based), e.g. --shard 2/4 on the second of four machines.")
    var shard: String?

    @Flag(help: "Join the output folders of sharded runs (given as arguments) into --out.")
    var merge = false

    @Option(parsing: .unconditional, help: "Seconds each exercise (its code and all its checks) may run.")
    var timeLimit: Double = 10

    @Option(parsing: .unconditional, help: "Memory limit of each graded program, in MiB.")
    var memoryLimit: Int = 4096

    func validate() throws {
        try OptionValidation.seconds(timeLimit, option: "--time-limit")
        try OptionValidation.memoryMiB(memoryLimit, option: "--memory-limit", minimum: 256)
        guard jobs >= 1, jobs <= 256 else { throw ValidationError("--jobs must be between 1 and 256, not \(jobs)") }
        guard !submissions.isEmpty else { throw ValidationError("name the workbooks or class folders to grade") }
        if let shard { _ = try ClassShard(shard) }
        if merge && shard != nil { throw ValidationError("--merge joins shards; it takes no --shard") }
    }

    func run() throws {
        try CommandSupport.reportingErrors {
            let output = ClassOutput(folder: URL(fileURLWithPath: out, isDirectory: true))
            if merge {
                let records = try GradebookMerge.merge(submissions.map { URL(fileURLWithPath: $0, isDirectory: true) },
                                                       into: output)
                CommandSupport.write("merged \(records.count) records from \(submissions.count) folders into "
                                     + "\(output.gradebook.path)\n")
                return
            }
            var all = try ClassSubmission.find(submissions, lesson: lesson)
            guard !all.isEmpty else { throw ClassGradingError.noSubmissions(submissions) }
            if let shard {
                let share = try ClassShard(shard)
                all = all.filter { share.contains(student: $0.student) }
                CommandSupport.write("shard \(shard): \(all.count) workbook\(all.count == 1 ? "" : "s")\n")
            }
            let (root, catalog) = try CommandSupport.catalog()
            let limits = GradingLimits(timeLimit: timeLimit, memoryLimitMB: memoryLimit, lessonTimeLimit: 300,
                                       dataKey: CommandSupport.dataKey())
            let grader = try Grader.discover(from: root, limits: limits)
            let progress = GradeProgress(jobs: jobs, terminal: isatty(STDERR_FILENO) != 0)
            let summary = try ClassGrader(grader: grader, catalog: catalog, output: output)
                .grade(all, jobs: jobs, force: force) { progress.show($0) }
            progress.end()
            CommandSupport.write(GradeProgress.summary(summary, jobs: jobs, output: output))
        }
    }
}
