import Foundation

/// A student's answers read back from a workbook: the code of each ```` ```swift exercise id=… ```` fence,
/// matched to the lesson's exercises by id. What cannot be matched becomes a reason for that exercise to score 0
/// (missing, given twice); the rest of the workbook (prose, check fences) is ignored.
///
///     let submission = try Submission(workbook: url, displayPath: "work/02-functions.exercises.md",
///                                     exercises: Exercise.all(in: lesson))
///     submission.codes["relu"]?.line   // where the student's code starts in the workbook
public struct Submission: Equatable, Sendable {
    /// The path used in messages (compile errors name it with the line).
    public var path: String
    /// The code per exercise id.
    public var codes: [String: CodeSnippet]
    /// Why an exercise has no code to run, per exercise id.
    public var problems: [String: ExerciseProblem]
    /// Exercise fences whose id the lesson does not have.
    public var unknownIDs: [String]

    public init(path: String, codes: [String: CodeSnippet], problems: [String: ExerciseProblem] = [:], unknownIDs: [String] = []) {
        self.path = path
        self.codes = codes
        self.problems = problems
        self.unknownIDs = unknownIDs
    }

    /// Reads the workbook at `url` (a plain file of at most 1 MiB of UTF-8: see ``WorkbookFile``).
    public init(workbook url: URL, displayPath: String, exercises: [Exercise]) throws {
        guard let text = String(data: try WorkbookFile.read(url, displayPath: displayPath), encoding: .utf8) else {
            throw GradingError.unreadableSubmission(path: displayPath, reason: "it is not UTF-8 text")
        }
        self.init(markdown: text, displayPath: displayPath, exercises: exercises)
    }

    /// Reads a workbook's text.
    public init(markdown: String, displayPath: String, exercises: [Exercise]) {
        path = displayPath
        codes = [:]
        problems = [:]
        unknownIDs = []
        var found: [String: [CodeSnippet]] = [:]
        for block in Submission.fencedBlocks(markdown) {
            guard let kind = try? CellKind(infoString: block.info, line: block.fenceLine),
                  case .exercise(let id, _) = kind else { continue }
            found[id, default: []].append(CodeSnippet(code: block.code, file: displayPath, line: block.fenceLine + 1))
        }
        let known = Set(exercises.map(\.id))
        unknownIDs = found.keys.filter { !known.contains($0) }.sorted()
        for exercise in exercises {
            let snippets = found[exercise.id] ?? []
            if snippets.count == 1 {
                codes[exercise.id] = snippets[0]
            } else if snippets.isEmpty {
                problems[exercise.id] = .missing(id: exercise.id)
            } else {
                problems[exercise.id] = .repeated(lines: snippets.map { $0.line - 1 })
            }
        }
    }

    struct FencedBlock { var info: String; var code: String; var fenceLine: Int }

    /// The top-level code blocks, read by the lessons' one Markdown parser.
    static func fencedBlocks(_ markdown: String) -> [FencedBlock] {
        MarkdownDocument(markdown).codeBlocks.map {
            FencedBlock(info: $0.info, code: $0.code, fenceLine: $0.lines.lowerBound)
        }
    }
}
