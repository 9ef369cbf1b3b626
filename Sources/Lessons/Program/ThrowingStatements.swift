import SwiftParser
import SwiftSyntax

/// The lines of a cell's code where a statement begins that can throw an error out to the top level: one with a
/// plain `try` (not `try?` or `try!`) outside any function or closure it declares — `let model = try load()`, or a
/// `for` loop whose body has one (and that body's own statements, too).
///
/// An error that reaches the top level of `main.swift` stops the program in the runtime's `swift_errorInMain`,
/// whose backtrace names only the generated `main`. The generator puts `CourseProgram.statement(line)` before each
/// of these statements, so the crash can name the lesson's line (see `CourseProgram.statement`).
///
///     ThrowingStatements.lines(in: "let a = 1\nlet b = try load()\n")   // [2]
enum ThrowingStatements {
    static func lines(in code: String) -> [Int] {
        let tree = Parser.parse(source: code)
        let converter = SourceLocationConverter(fileName: "cell.swift", tree: tree)
        let finder = StatementFinder(viewMode: .sourceAccurate)
        finder.walk(tree)
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        let starts: [Int] = finder.starts.compactMap { position -> Int? in
            let location = converter.location(for: position)
            guard location.line >= 1, location.line <= lines.count else { return nil }
            // Only a statement that starts its line: a marker line goes in front of it without splitting code.
            let before = lines[location.line - 1].utf8.prefix(max(0, location.column - 1))
            return before.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } ? location.line : nil
        }
        return Array(Set(starts)).sorted()
    }
}

/// Walks top-level code (and the blocks of its `if`, `for`, `do`, … statements), never into functions, closures,
/// types or accessors, whose errors surface at the line that calls them.
private final class StatementFinder: SyntaxVisitor {
    var starts: [AbsolutePosition] = []

    override func visit(_ node: CodeBlockItemSyntax) -> SyntaxVisitorContinueKind {
        if ThrowFinder.hasPlainTry(node) { starts.append(node.positionAfterSkippingLeadingTrivia) }
        return .visitChildren
    }

    // An `if` or `switch` used as a value (`let y = if c { try f() } else { 0 }`) must keep one expression per
    // branch: a marker there would not compile. Only statement `if`s and `switch`es are entered.
    override func visit(_ node: IfExprSyntax) -> SyntaxVisitorContinueKind { Self.isStatement(node) ? .visitChildren : .skipChildren }
    override func visit(_ node: SwitchExprSyntax) -> SyntaxVisitorContinueKind { Self.isStatement(node) ? .visitChildren : .skipChildren }
    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: DeinitializerDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: AccessorBlockSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: SubscriptDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: MemberBlockSyntax) -> SyntaxVisitorContinueKind { .skipChildren }

    /// Whether an `if` (with its `else if` chain) or a `switch` stands as a statement of its own.
    private static func isStatement(_ node: some SyntaxProtocol) -> Bool {
        var top = Syntax(node)
        while let parent = top.parent, parent.is(IfExprSyntax.self) { top = parent }
        return top.parent?.is(ExpressionStmtSyntax.self) == true
    }
}

/// Whether a statement holds a `try` whose error would leave it (outside nested functions and closures).
private final class ThrowFinder: SyntaxVisitor {
    var found = false

    static func hasPlainTry(_ node: some SyntaxProtocol) -> Bool {
        let finder = ThrowFinder(viewMode: .sourceAccurate)
        finder.walk(node)
        return finder.found
    }

    override func visit(_ node: TryExprSyntax) -> SyntaxVisitorContinueKind {
        if node.questionOrExclamationMark == nil { found = true }
        return found ? .skipChildren : .visitChildren
    }

    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: InitializerDeclSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: AccessorBlockSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
    override func visit(_ node: MemberBlockSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
}
