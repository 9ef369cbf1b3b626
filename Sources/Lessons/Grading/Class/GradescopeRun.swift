import Foundation

/// One Gradescope submission graded the way `course check` grades it: the workbook found in
/// `ROOT/submission/`, `ROOT/results/results.json` written whatever happens (Gradescope shows a submission
/// without it as an autograder failure). `ROOT` is `/autograder` on Gradescope; a test points it at a temporary
/// folder with the same layout.
///
///     let run = GradescopeRun(root: URL(fileURLWithPath: "/autograder"))
///     let ok = run.grade(lesson: lesson, grader: grader)   // results.json written; false: not the student's fault
public struct GradescopeRun: Sendable {
    public var root: URL

    public init(root: URL) { self.root = root }

    /// `$COURSE_AUTOGRADER_ROOT`, else `/autograder`.
    public static var defaultRoot: URL {
        let path = ProcessInfo.processInfo.environment["COURSE_AUTOGRADER_ROOT"].flatMap { $0.isEmpty ? nil : $0 }
        return URL(fileURLWithPath: path ?? "/autograder", isDirectory: true)
    }

    public var submissionFolder: URL { root.appendingPathComponent("submission", isDirectory: true) }
    public var resultsFile: URL { root.appendingPathComponent("results/results.json") }

    /// Grades the submission and writes results.json. Returns false when the machine, not the submission, kept it
    /// from being graded (no sandbox, a broken lesson): the results then say so with a score of 0.
    @discardableResult
    public func grade(lesson: Lesson, grader: Grader) throws -> Bool {
        let results: GradescopeResults
        var graded = true
        switch findWorkbook(for: lesson) {
        case .failure(let problem):
            results = GradescopeResults(problem: problem.message)
        case .success(let url):
            do {
                try SandboxProbe.check()
                let report = try grader.grade(lesson: lesson, workbook: url, displayPath: url.lastPathComponent)
                results = GradescopeResults(report: report)
            } catch {
                if case GradingError.unreadableSubmission = error {
                    results = GradescopeResults(problem: "\(error)")
                } else {
                    graded = false
                    results = GradescopeResults(problem: "The autograder could not grade this submission: \(error). "
                        + "This is not a problem with your code; please tell your instructor.")
                }
            }
        }
        try ClassOutput.write(try results.encoded(), to: resultsFile)
        return graded
    }

    struct Problem: Error { var message: String }

    /// The workbook: the lesson's own name (`02-pooling.exercises.md`) anywhere in the submission, else the only
    /// `*.exercises.md`, else the only `*.md`.
    func findWorkbook(for lesson: Lesson) -> Result<URL, Problem> {
        let expected = Workbook.fileName(for: lesson)
        let files = (FileManager.default.subpaths(atPath: submissionFolder.path) ?? [])
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") || $0 == "__MACOSX" } }.sorted()
        let named = files.filter { $0.hasSuffix("/" + expected) || $0 == expected }
        let workbooks = files.filter { $0.hasSuffix(".exercises.md") }
        let markdown = files.filter { $0.hasSuffix(".md") }
        for candidates in [named, workbooks, markdown] where !candidates.isEmpty {
            guard candidates.count == 1 else {
                return .failure(Problem(message: "Your submission has several workbooks (\(candidates.joined(separator: ", "))): "
                    + "upload only \(expected)."))
            }
            return .success(submissionFolder.appendingPathComponent(candidates[0]))
        }
        return .failure(Problem(message: "No workbook in your submission: upload \(expected), the file that "
            + "`course exercises` wrote, with your answers in its ```swift exercise blocks."))
    }
}
