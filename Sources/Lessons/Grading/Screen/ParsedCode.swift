import SwiftParser
import SwiftSyntax

/// A piece of student (or lesson) code parsed once by the real Swift parser, with the mapping from its own lines
/// to the lines of the file it came from, so every message names the workbook line.
///
///     let parsed = ParsedCode(CodeSnippet(code: "let x = 1", file: "w.md", line: 12))
///     parsed.location(of: parsed.tree.statements.first!)   // "w.md:12"
struct ParsedCode {
    let snippet: CodeSnippet
    let tree: SourceFileSyntax
    let converter: SourceLocationConverter

    init(_ snippet: CodeSnippet) {
        self.snippet = snippet
        tree = Parser.parse(source: snippet.code)
        converter = SourceLocationConverter(fileName: snippet.file, tree: tree)
    }

    init(code: String) {
        self.init(CodeSnippet(code: code, file: "code", line: 1))
    }

    /// The file's line of `position` (inside the snippet).
    func line(of position: AbsolutePosition) -> Int {
        snippet.line - 1 + converter.location(for: position).line
    }

    /// The file's line where `node` starts (after its leading comments).
    func line(of node: some SyntaxProtocol) -> Int {
        line(of: node.positionAfterSkippingLeadingTrivia)
    }

    /// `file:line` of `node`.
    func location(of node: some SyntaxProtocol) -> String {
        "\(snippet.file):\(line(of: node))"
    }

    /// Why the code does not parse as a self-contained block, or nil when it does.
    func parseProblem() -> ScreenRefusal? {
        let finder = ParseErrorFinder(viewMode: .all)
        finder.walk(tree)
        if let unclosed = finder.unclosedComment {
            return ScreenRefusal(location: "\(snippet.file):\(line(of: unclosed))", reason: .unclosedComment)
        }
        if finder.braceProblem, let position = finder.first {
            return ScreenRefusal(location: "\(snippet.file):\(line(of: position))", reason: .unbalancedBraces)
        }
        if let position = finder.first {
            return ScreenRefusal(location: "\(snippet.file):\(line(of: position))", reason: .doesNotParse)
        }
        return nil
    }
}

/// Finds the first place the parser could not make sense of: unexpected text, a token it had to invent (a missing
/// `}` or `)`), a lexer error (an unterminated string), an unterminated `/*` comment. A `{` or `}` among them
/// means the braces do not balance: code that could close the exercise's scope and run outside it.
private final class ParseErrorFinder: SyntaxVisitor {
    var first: AbsolutePosition?
    var braceProblem = false
    var unclosedComment: AbsolutePosition?

    private func note(_ position: AbsolutePosition) {
        if first == nil || position < first! { first = position }
    }

    override func visit(_ node: UnexpectedNodesSyntax) -> SyntaxVisitorContinueKind {
        note(node.positionAfterSkippingLeadingTrivia)
        for token in node.tokens(viewMode: .all) where token.tokenKind == .leftBrace || token.tokenKind == .rightBrace {
            braceProblem = true
        }
        return .visitChildren
    }

    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
        if token.presence == .missing {
            note(token.position)
            if token.tokenKind == .leftBrace || token.tokenKind == .rightBrace { braceProblem = true }
        }
        if let diagnostic = token.tokenDiagnostic, diagnostic.severity == .error {
            note(token.positionAfterSkippingLeadingTrivia)
        }
        scan(token.leadingTrivia, from: token.position)
        scan(token.trailingTrivia, from: token.endPositionBeforeTrailingTrivia)
        return .visitChildren
    }

    /// Trivia the lexer could not read, and block comments that never close (`/*` swallowing the
    /// rest of the program, the checks included, once the code is placed inside it).
    private func scan(_ trivia: Trivia, from start: AbsolutePosition) {
        var position = start
        for piece in trivia {
            switch piece {
            case .unexpectedText:
                note(position)
            case .blockComment(let text), .docBlockComment(let text):
                if !BlockComment.isClosed(text) {
                    unclosedComment = unclosedComment ?? position
                    note(position)
                }
            default:
                break
            }
            position = position + piece.sourceLength
        }
    }
}

/// Swift block comments nest: `/* a /* b */ c */` is one comment.
enum BlockComment {
    static func isClosed(_ text: String) -> Bool {
        let characters = Array(text.utf8)
        var depth = 0
        var index = 0
        while index + 1 < characters.count {
            if characters[index] == UInt8(ascii: "/") && characters[index + 1] == UInt8(ascii: "*") {
                depth += 1
                index += 2
            } else if characters[index] == UInt8(ascii: "*") && characters[index + 1] == UInt8(ascii: "/") {
                depth -= 1
                index += 2
                if depth == 0 { return index == characters.count }
            } else {
                index += 1
            }
        }
        return false
    }
}
