import ArgumentParser
import Foundation
import Lessons

/// `course autograder 02 --out autograder.zip` — a Gradescope autograder for a lesson's exercises.
struct Autograder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autograder",
        abstract: "Write a Gradescope autograder (setup.sh, run_autograder) for a lesson's exercises.",
        discussion: """
            Upload the zip as the assignment's autograder ("Zip file upload"). Students submit the workbook that
            `course exercises NN` wrote. setup.sh installs the packages, Swift and the course on Gradescope's
            Ubuntu image; run_autograder grades /autograder/submission/ as `course check` does and writes
            /autograder/results/results.json (see docs/GRADING.md). --grade-submission and --prepare are what
            those scripts run; $COURSE_AUTOGRADER_ROOT replaces /autograder.
            """)

    @Argument(help: "The lesson: 02, 02-pooling, or a lesson file.")
    var lesson: String

    @Option(name: .shortAndLong, help: "The zip to write.")
    var out: String = "autograder.zip"

    @Flag(help: "Grade $COURSE_AUTOGRADER_ROOT/submission (default /autograder) into results/results.json.")
    var gradeSubmission = false

    @Flag(help: "Run the lesson's reference solutions once, so that each submission only runs its own code.")
    var prepare = false

    @Option(parsing: .unconditional, help: "Seconds each exercise (its code and all its checks) may run.")
    var timeLimit: Double = 10

    @Option(parsing: .unconditional, help: "Memory limit of the graded program, in MiB.")
    var memoryLimit: Int = 4096

    func validate() throws {
        try OptionValidation.seconds(timeLimit, option: "--time-limit")
        try OptionValidation.memoryMiB(memoryLimit, option: "--memory-limit", minimum: 256)
    }

    func run() throws {
        try CommandSupport.reportingErrors {
            let (root, catalog) = try CommandSupport.catalog()
            let lesson: Lesson
            if self.lesson.hasSuffix(".md") && FileManager.default.fileExists(atPath: self.lesson) {
                lesson = try Lesson(contentsOf: URL(fileURLWithPath: self.lesson), displayPath: self.lesson)
            } else {
                let url = try catalog.find(self.lesson)
                lesson = try Lesson(contentsOf: url, displayPath: "lessons/" + url.lastPathComponent)
            }
            guard !Exercise.all(in: lesson).isEmpty else { throw GradingError.noExercises(lesson: lesson.displayPath) }
            let limits = GradingLimits(timeLimit: timeLimit, memoryLimitMB: memoryLimit, lessonTimeLimit: 300,
                                       dataKey: CommandSupport.dataKey())
            if gradeSubmission || prepare {
                let grader = try Grader.discover(from: root, limits: limits)
                if prepare {
                    _ = try grader.validate(lesson: lesson)
                    CommandSupport.write("reference solutions of \(lesson.displayPath) run and cached\n")
                    return
                }
                let run = GradescopeRun(root: GradescopeRun.defaultRoot)
                let graded = try run.grade(lesson: lesson, grader: grader)
                CommandSupport.write(String(decoding: try Data(contentsOf: run.resultsFile), as: UTF8.self))
                if !graded { throw ExitCode(1) }
                return
            }
            let environment = try CourseEnvironment.locate(from: root)
            let version = try Toolchain.find(cacheDirectory: environment.cacheDirectory).version
            guard let release = AutograderBundle.release(ofCompiler: version) else {
                throw GradingError.toolchainMissing("cannot read the Swift release from '\(version)'")
            }
            let zip = URL(fileURLWithPath: out)
            try AutograderBundle(lesson: lesson, packageRoot: root, swiftVersion: release).write(to: zip)
            CommandSupport.write("wrote \(zip.path): the Gradescope autograder of \(lesson.displayPath) "
                                 + "(Swift \(release); upload it as the assignment's autograder)\n")
        }
    }
}
