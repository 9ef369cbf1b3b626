import SwiftSyntax

/// One walk over parsed student code applying the rules that need no exercise: imports, compiler-internal
/// attributes, directives and macros, forbidden names (everywhere: string interpolations are code like any other),
/// underscored standard-library names, and file-reading initializers. Keeps the first refusal in source order.
final class ScreenScan: SyntaxVisitor {
    private let parsed: ParsedCode
    /// Names the code declares itself (its own `_helper` is fine).
    private let ownNames: Set<String>
    private(set) var refusal: ScreenRefusal?
    private var refusalPosition: AbsolutePosition?

    init(_ parsed: ParsedCode) {
        self.parsed = parsed
        ownNames = DeclaredNames.all(in: parsed.tree)
        super.init(viewMode: .sourceAccurate)
    }

    /// The first refusal in the code, or nil.
    static func firstRefusal(in parsed: ParsedCode) -> ScreenRefusal? {
        let scan = ScreenScan(parsed)
        scan.walk(parsed.tree)
        return scan.refusal
    }

    private func refuse(_ reason: ScreenRefusal.Reason, at node: some SyntaxProtocol) {
        let position = node.positionAfterSkippingLeadingTrivia
        if let refusalPosition, refusalPosition <= position { return }
        refusalPosition = position
        refusal = ScreenRefusal(location: parsed.location(of: node), reason: reason)
    }

    override func visit(_ node: ImportDeclSyntax) -> SyntaxVisitorContinueKind {
        refuse(.imports(node.path.trimmedDescription), at: node)
        return .skipChildren
    }

    override func visit(_ node: AttributeSyntax) -> SyntaxVisitorContinueKind {
        let name = node.attributeName.trimmedDescription
        if name.hasPrefix("_") || ForbiddenNames.attributes.contains(name) {
            refuse(.attribute(name), at: node)
        }
        return .visitChildren
    }

    override func visit(_ node: IfConfigDeclSyntax) -> SyntaxVisitorContinueKind {
        refuse(.directive("#if"), at: node)
        return .visitChildren
    }

    override func visit(_ node: PoundSourceLocationSyntax) -> SyntaxVisitorContinueKind {
        refuse(.directive("#sourceLocation"), at: node)
        return .visitChildren
    }

    override func visit(_ node: MacroExpansionExprSyntax) -> SyntaxVisitorContinueKind {
        refuse(.directive("#" + node.macroName.text), at: node)
        return .visitChildren
    }

    override func visit(_ node: MacroExpansionDeclSyntax) -> SyntaxVisitorContinueKind {
        refuse(.directive("#" + node.macroName.text), at: node)
        return .visitChildren
    }

    override func visit(_ node: MacroDeclSyntax) -> SyntaxVisitorContinueKind {
        refuse(.directive("macro " + node.name.text), at: node)
        return .visitChildren
    }

    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
        guard case .identifier(let raw) = token.tokenKind else { return .visitChildren }
        let name = raw.replacingOccurrences(of: "`", with: "")
        if ForbiddenNames.modules.contains(name), ScreenScan.qualifiesMath(token) { return .visitChildren }
        if name == "__always" { return .visitChildren }   // `@inline(__always)`, an attribute argument
        if let reason = ForbiddenNames.reason(for: name) {
            refuse(reason, at: token)
        } else if name.hasPrefix("_") && !ownNames.contains(name) {
            refuse(.underscoredName(name), at: token)
        }
        return .visitChildren
    }

    /// `await` would make the generated program's top level asynchronous (main-actor globals, a different
    /// program); no exercise needs concurrency.
    override func visit(_ node: AwaitExprSyntax) -> SyntaxVisitorContinueKind {
        refuse(.escape("await"), at: node)
        return .visitChildren
    }

    /// Whether `token` is the module in `Foundation.exp(…)`: a math function, qualified.
    static func qualifiesMath(_ token: TokenSyntax) -> Bool {
        guard let reference = token.parent?.as(DeclReferenceExprSyntax.self),
              let member = reference.parent?.as(MemberAccessExprSyntax.self),
              reference.keyPathInParent == \MemberAccessExprSyntax.base else { return false }
        return ForbiddenNames.mathFunctions.contains(member.declName.baseName.text) && member.declName.argumentNames == nil
    }

    /// `open(path, O_RDONLY)`, `let f = kill` — a bare reference to a C function with an everyday name.
    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
        let name = node.baseName.text.replacingOccurrences(of: "`", with: "")
        if ForbiddenNames.bareEscapes.contains(name) && node.keyPathInParent != \MemberAccessExprSyntax.declName {
            refuse(.escape(name), at: node)
        }
        return .visitChildren
    }

    /// `String(contentsOf: url)`, `Data(contentsOf:)`, `.init(contentsOf:)`: an initializer that reads a file.
    /// (`array.append(contentsOf:)` and other member calls are fine.)
    override func visit(_ node: FunctionCallExprSyntax) -> SyntaxVisitorContinueKind {
        if let member = node.calledExpression.as(MemberAccessExprSyntax.self),
           let pathLabel = ScreenScan.pathMethods[member.declName.baseName.text],
           node.arguments.first?.label?.text == pathLabel {
            refuse(.escape("\(member.declName.baseName.text)(\(pathLabel):)"), at: node)
        }
        guard let first = node.arguments.first, first.label?.text == "contentsOf" else { return .visitChildren }
        if let member = node.calledExpression.as(MemberAccessExprSyntax.self), member.declName.baseName.text != "init" {
            return .visitChildren
        }
        let callee = node.calledExpression.trimmedDescription
        refuse(.readsFiles(callee.hasSuffix(".init") ? String(callee.dropLast(5)) : callee), at: node)
        return .visitChildren
    }

    /// A layer's `save(to: path)` and `load(from: path)`: any path, `/proc/self/fd/3` (the wire) included.
    static let pathMethods = ["save": "to", "load": "from"]

    /// `String.init(contentsOf:encoding:)` as a function value; `model.save(to:)` likewise.
    override func visit(_ node: DeclNameArgumentsSyntax) -> SyntaxVisitorContinueKind {
        if let reference = node.parent?.as(DeclReferenceExprSyntax.self),
           let pathLabel = ScreenScan.pathMethods[reference.baseName.text], node.arguments.first?.name.text == pathLabel {
            refuse(.escape("\(reference.baseName.text)(\(pathLabel):)"), at: node)
        }
        if node.arguments.first?.name.text == "contentsOf",
           let reference = node.parent?.as(DeclReferenceExprSyntax.self), reference.baseName.text == "init" {
            refuse(.readsFiles("init"), at: node)
        }
        return .visitChildren
    }
}
