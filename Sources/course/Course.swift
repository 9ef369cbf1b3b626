import ArgumentParser
import DLKit
import Foundation
import Lessons

/// `course` — run the lessons, build and preview the site, check and grade exercises, fetch data.
@main
struct Course: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "course",
        abstract: "A literate deep-learning course that runs, in Swift.",
        discussion: """
            Lessons are Markdown files in lessons/ whose swift cells run against DLKit.
              course list                 the lessons, with titles and whether their results are cached
              course run 03               run lesson 03 and print each cell's answers
              course build                build the static site into site/
              course serve                a live preview of the site on 127.0.0.1:8000
              course exercises 02 --out DIR   write a workbook of lesson 02's exercises
              course check DIR/02-….md    grade a workbook
              course grade CLASS/ --out DIR   grade a class of workbooks into a gradebook
              course autograder 02 --out autograder.zip   a Gradescope autograder bundle
              course data fetch mnist     download and verify MNIST
            """,
        subcommands: [List.self, Run.self, Build.self, Serve.self, Exercises.self, Check.self, Grade.self,
                      Autograder.self, DataCommand.self]
    )
}

/// What the lesson commands share: the package, its lessons, and a clean one-line exit on errors.
enum CommandSupport {
    /// The package and the lesson catalog, found from the current directory.
    static func catalog() throws -> (root: URL, catalog: LessonCatalog) {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let root = CourseEnvironment.findRoot(from: cwd) else {
            throw CourseEnvironmentError.noPackage(start: cwd.path)
        }
        return (root, try LessonCatalog(folder: root.appendingPathComponent("lessons", isDirectory: true)))
    }

    /// Runs `body`; a failure is printed as one line on stderr and ends the command with status 1.
    static func reportingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            FileHandle.standardError.write(Data("course: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// What the lessons' data looks like, for the result cache key: per dataset its files' checksums when it is
    /// fetched (sizes checked; the fetcher verified the MD5s), else "absent" — so fetching MNIST re-runs the
    /// lessons that failed without it. `$COURSE_DATA_KEY` is added when set.
    static func dataKey() -> String {
        let cache = DatasetCache()
        var parts = DatasetDescriptor.all.map { dataset in
            dataset.name + "=" + (cache.isComplete(dataset, checksum: false)
                ? dataset.files.map(\.md5).joined(separator: ",") : "absent")
        }
        if let extra = ProcessInfo.processInfo.environment["COURSE_DATA_KEY"], !extra.isEmpty { parts.append(extra) }
        return parts.joined(separator: ";")
    }

    /// Colours only on a terminal, and never with NO_COLOR set.
    static var useColor: Bool {
        isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// Writes to stdout at once (answers appear as they are computed).
    static func write(_ text: String) {
        guard !text.isEmpty else { return }
        fputs(text, stdout)
        fflush(stdout)
    }
}
