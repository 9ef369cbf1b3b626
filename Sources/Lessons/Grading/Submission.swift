import CCmark
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

    /// Reads the workbook at `url`.
    public init(workbook url: URL, displayPath: String, exercises: [Exercise]) throws {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw GradingError.unreadableSubmission(path: displayPath, reason: (error as NSError).localizedDescription)
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

    /// Top-level code blocks, with libcmark.
    static func fencedBlocks(_ markdown: String) -> [FencedBlock] {
        var blocks: [FencedBlock] = []
        let bytes = Array(markdown.utf8)
        guard let document = bytes.withUnsafeBufferPointer({ buffer -> OpaquePointer? in
            guard let base = buffer.baseAddress else { return cmark_parse_document("", 0, CMARK_OPT_DEFAULT) }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT)
            }
        }) else { return [] }
        defer { cmark_node_free(document) }
        var node = cmark_node_first_child(document)
        while let current = node {
            if cmark_node_get_type(current) == CMARK_NODE_CODE_BLOCK {
                let info = cmark_node_get_fence_info(current).map { String(cString: $0) } ?? ""
                let code = cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
                blocks.append(FencedBlock(info: info, code: code, fenceLine: Int(cmark_node_get_start_line(current))))
            }
            node = cmark_node_next(current)
        }
        return blocks
    }
}
