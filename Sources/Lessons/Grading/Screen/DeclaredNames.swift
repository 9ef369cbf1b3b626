import SwiftSyntax

/// Which names a piece of code declares, and which it uses from outside, read from its syntax tree.
///
///     let parsed = ParsedCode(code: "let a = 1, map = 2\nfunc f() { let inner = 3 }")
///     DeclaredNames.topLevel(in: parsed.tree).map(\.name)   // ["a", "map", "f"]
enum DeclaredNames {
    struct Name {
        var name: String
        var node: Syntax
    }

    /// Every name bound by a pattern: `x`, `(x, (y, z))`, `.some(let x)`, `let (a, b)`.
    static func identifiers(in pattern: some SyntaxProtocol) -> [Name] {
        let collector = PatternIdentifiers(viewMode: .sourceAccurate)
        collector.walk(pattern)
        return collector.names
    }

    /// The names the code declares at its top level — the level the exercise's checks share with it: every
    /// binding of `let`/`var` (`let a = 1, map = 2`, `let (x, conv2d) = …`), `func`, the types (`struct`,
    /// `class`, `enum`, `actor`, `protocol`, `typealias`), enum cases, operators, and the names a top-level `guard`
    /// binds (they live on after it). Declarations inside bodies (functions, closures, `do`, `if`) do not count.
    static func topLevel(in tree: SourceFileSyntax) -> [Name] {
        var names: [Name] = []
        for item in tree.statements {
            names += declared(by: Syntax(item.item))
        }
        return names
    }

    /// The names one top-level item declares.
    static func declared(by item: Syntax) -> [Name] {
        if let variable = item.as(VariableDeclSyntax.self) {
            return variable.bindings.flatMap { identifiers(in: $0.pattern) }
        }
        if let cases = item.as(EnumCaseDeclSyntax.self) {
            return cases.elements.map { Name(name: $0.name.text, node: Syntax($0)) }
        }
        if let guardStatement = item.as(GuardStmtSyntax.self) {
            return guardStatement.conditions.flatMap { condition -> [Name] in
                switch condition.condition {
                case .optionalBinding(let binding): return identifiers(in: binding.pattern)
                case .matchingPattern(let matching): return identifiers(in: matching.pattern)
                default: return []
                }
            }
        }
        if let expression = item.as(ExpressionStmtSyntax.self) {
            return declared(by: Syntax(expression.expression))
        }
        if let named = item.asProtocol(NamedDeclSyntax.self) {
            return [Name(name: named.name.text.replacingOccurrences(of: "`", with: ""), node: item)]
        }
        return []
    }

    /// Every name the code declares anywhere, parameters and closure parameters included.
    static func all(in tree: some SyntaxProtocol) -> Set<String> {
        let collector = AllDeclarations(viewMode: .sourceAccurate)
        collector.walk(tree)
        return collector.names
    }

    /// The names the code uses from outside itself: references (`pooledSize(…)`, `map`), types (`Tensor`) and
    /// operators (`==`), leaving out members (`x.shape`), argument labels, and names bound by an enclosing scope
    /// of the code itself (a closure's `$0`-like parameters, a `let` in the same body, its own top level).
    static func usedFromOutside(in tree: SourceFileSyntax) -> Set<String> {
        let collector = References(viewMode: .sourceAccurate)
        collector.walk(tree)
        let ownTopLevel = Set(topLevel(in: tree).map(\.name))
        return collector.names.subtracting(ownTopLevel)
    }
}

private final class PatternIdentifiers: SyntaxVisitor {
    var names: [DeclaredNames.Name] = []
    override func visit(_ node: IdentifierPatternSyntax) -> SyntaxVisitorContinueKind {
        names.append(.init(name: node.identifier.text.replacingOccurrences(of: "`", with: ""), node: Syntax(node)))
        return .skipChildren
    }
    // An expression pattern (`case .some(let x)`) holds patterns inside expressions; closures there bind nothing.
    override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
}

private final class AllDeclarations: SyntaxVisitor {
    var names: Set<String> = []
    private func add(_ token: TokenSyntax?) {
        guard let token, case .identifier(let text) = token.tokenKind else { return }
        names.insert(text.replacingOccurrences(of: "`", with: ""))
    }
    override func visit(_ node: IdentifierPatternSyntax) -> SyntaxVisitorContinueKind { add(node.identifier); return .visitChildren }
    override func visit(_ node: FunctionParameterSyntax) -> SyntaxVisitorContinueKind {
        add(node.firstName); add(node.secondName); return .visitChildren
    }
    override func visit(_ node: ClosureParameterSyntax) -> SyntaxVisitorContinueKind {
        add(node.firstName); add(node.secondName); return .visitChildren
    }
    override func visit(_ node: ClosureShorthandParameterSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: EnumCaseElementSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: GenericParameterSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: StructDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: ClassDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: EnumDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: ActorDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: ProtocolDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: TypeAliasDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
    override func visit(_ node: AssociatedTypeDeclSyntax) -> SyntaxVisitorContinueKind { add(node.name); return .visitChildren }
}

/// Unqualified references, minus those bound by an enclosing scope inside the code.
private final class References: SyntaxVisitor {
    var names: Set<String> = []

    override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
        if node.keyPathInParent == \MemberAccessExprSyntax.declName { return .visitChildren }
        let name = node.baseName.text.replacingOccurrences(of: "`", with: "")
        if case .dollarIdentifier = node.baseName.tokenKind { return .visitChildren }
        if !Self.isBound(name, at: Syntax(node)) { names.insert(name) }
        return .visitChildren
    }

    override func visit(_ node: IdentifierTypeSyntax) -> SyntaxVisitorContinueKind {
        let name = node.name.text.replacingOccurrences(of: "`", with: "")
        if !Self.isBound(name, at: Syntax(node)) { names.insert(name) }
        return .visitChildren
    }

    override func visit(_ token: TokenSyntax) -> SyntaxVisitorContinueKind {
        switch token.tokenKind {
        case .binaryOperator(let op), .prefixOperator(let op), .postfixOperator(let op): names.insert(op)
        default: break
        }
        return .visitChildren
    }

    /// Whether a scope around `node` (below the top level) declares `name`: a closure's or function's parameters,
    /// the statements of a body, a `for` pattern, an `if`/`guard`/`while` binding, a `catch`'s `error`.
    static func isBound(_ name: String, at node: Syntax) -> Bool {
        var current = node.parent
        while let scope = current {
            if scope.is(SourceFileSyntax.self) { return false }
            if declares(scope, name) { return true }
            current = scope.parent
        }
        return false
    }

    private static func declares(_ scope: Syntax, _ name: String) -> Bool {
        if let closure = scope.as(ClosureExprSyntax.self) {
            if let signature = closure.signature, DeclaredNames.all(in: signature).contains(name) { return true }
            return closure.statements.contains { DeclaredNames.declared(by: Syntax($0.item)).contains { $0.name == name } }
        }
        if let function = scope.as(FunctionDeclSyntax.self) {
            return DeclaredNames.all(in: function.signature).contains(name)
                || (function.genericParameterClause.map { DeclaredNames.all(in: $0).contains(name) } ?? false)
        }
        if let block = scope.as(CodeBlockSyntax.self) {
            return block.statements.contains { DeclaredNames.declared(by: Syntax($0.item)).contains { $0.name == name } }
        }
        if let loop = scope.as(ForStmtSyntax.self) {
            return DeclaredNames.identifiers(in: loop.pattern).contains { $0.name == name }
        }
        if let conditions = scope.as(ConditionElementListSyntax.self) {
            return conditions.contains { element in
                switch element.condition {
                case .optionalBinding(let binding): return DeclaredNames.identifiers(in: binding.pattern).contains { $0.name == name }
                case .matchingPattern(let matching): return DeclaredNames.identifiers(in: matching.pattern).contains { $0.name == name }
                default: return false
                }
            }
        }
        if let ifExpression = scope.as(IfExprSyntax.self) {
            return declares(Syntax(ifExpression.conditions), name)
        }
        if let whileLoop = scope.as(WhileStmtSyntax.self) {
            return declares(Syntax(whileLoop.conditions), name)
        }
        if scope.is(CatchClauseSyntax.self) { return name == "error" }
        if let accessor = scope.as(AccessorDeclSyntax.self) {
            return ["newValue", "oldValue"].contains(name) || accessor.parameters?.name.text == name
        }
        return false
    }
}
