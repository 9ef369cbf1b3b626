import SwiftSyntax

/// Statements that pin the types of the names an exercise's starter code declares, to be placed after the
/// student's code inside the exercise's scope (before the checks): a `pooledSize` that returns a look-alike type,
/// or a `winners` array of fake tuples, then fails to compile instead of fooling a check.
///
///     ExercisePins.statements(forStarter: "func pooledSize(_ n: Int, window: Int, stride: Int) -> Int { 0 }")
///     // ["let _: (Int, Int, Int) -> Int = pooledSize(_:window:stride:)"]
///     ExercisePins.statements(forStarter: "let winners: [(Int, Int)] = []")
///     // ["let _: [(Int, Int)] = winners"]
///
/// Pinned: top-level functions (their function type: `throws`, typed `throws(E)`, `async`, `inout` and variadic
/// parameters kept; `rethrows` pins as `throws`, which a non-throwing and a rethrowing function both convert to,
/// and a throwing one only when the starter's throws too), and `let`/`var` bindings with a type annotation (`var a,
/// b: Int` pins both; a tuple pattern `let (a, b): (Int, Int)` pins the tuple).
///
/// Not pinned, because a statement cannot name them exactly: generic functions (`<T>`, `where`, `some` parameters),
/// functions the starter overloads (a bare name would be ambiguous), operators, functions with attributes other
/// than `@discardableResult`/`@inlinable` (a global actor changes the type), bindings without a type annotation
/// (`let x = 3`: the type is inferred from the student's own initializer), opaque (`some P`) types, patterns
/// with `_`, and types (`struct`, `class`, `enum`, `typealias`): what the checks do with them pins their members.
public enum ExercisePins {
    public static func statements(forStarter starter: String) -> [String] {
        let tree = ParsedCode(code: starter).tree
        var functionCount: [String: Int] = [:]
        for item in tree.statements {
            if let function = item.item.as(FunctionDeclSyntax.self) { functionCount[function.name.text, default: 0] += 1 }
        }
        var pins: [String] = []
        for item in tree.statements {
            if let function = item.item.as(FunctionDeclSyntax.self), functionCount[function.name.text] == 1 {
                if let pin = pin(function) { pins.append(pin) }
            } else if let variable = item.item.as(VariableDeclSyntax.self) {
                pins += self.pins(variable)
            }
        }
        return pins
    }

    private static func pin(_ function: FunctionDeclSyntax) -> String? {
        guard case .identifier = function.name.tokenKind,
              function.genericParameterClause == nil, function.genericWhereClause == nil else { return nil }
        let allowedAttributes: Set<String> = ["discardableResult", "inlinable", "inline"]
        for attribute in function.attributes {
            guard case .attribute(let a) = attribute, allowedAttributes.contains(a.attributeName.trimmedDescription)
            else { return nil }
        }
        let signature = function.signature
        var types: [String] = []
        var labels = ""
        for parameter in signature.parameterClause.parameters {
            if containsSome(parameter.type) { return nil }
            types.append(parameter.type.trimmedDescription + (parameter.ellipsis == nil ? "" : "..."))
            labels += parameter.firstName.text + ":"
        }
        var effects = ""
        if signature.effectSpecifiers?.asyncSpecifier != nil { effects += " async" }
        if let throwsClause = signature.effectSpecifiers?.throwsClause {
            effects += " throws"
            if let type = throwsClause.type { effects += "(\(type.trimmedDescription))" }
        }
        let result = signature.returnClause?.type
        if let result, containsSome(result) { return nil }
        let name = function.name.text
        let reference = types.isEmpty ? name : "\(name)(\(labels))"
        return "let _: (\(types.joined(separator: ", ")))\(effects) -> \(result?.trimmedDescription ?? "Void") = \(reference)"
    }

    private static func pins(_ variable: VariableDeclSyntax) -> [String] {
        var pins: [String] = []
        let bindings = Array(variable.bindings)
        for (index, binding) in bindings.enumerated() {
            // `var a, b: Int`: `a` has the type written after `b`.
            var annotation = binding.typeAnnotation?.type
            if annotation == nil && binding.initializer == nil && binding.accessorBlock == nil {
                annotation = bindings[(index + 1)...].first { $0.typeAnnotation != nil || $0.initializer != nil }?
                    .typeAnnotation?.type
            }
            guard let type = annotation, !containsSome(type) else { continue }
            if let identifier = binding.pattern.as(IdentifierPatternSyntax.self) {
                pins.append("let _: \(type.trimmedDescription) = \(identifier.identifier.text)")
            } else if let tuple = binding.pattern.as(TuplePatternSyntax.self), let value = tupleValue(tuple) {
                pins.append("let _: \(type.trimmedDescription) = \(value)")
            }
        }
        return pins
    }

    /// `(a, (b, c))` for a tuple pattern of names only.
    private static func tupleValue(_ tuple: TuplePatternSyntax) -> String? {
        var parts: [String] = []
        for element in tuple.elements {
            if let identifier = element.pattern.as(IdentifierPatternSyntax.self) {
                parts.append((element.label.map { $0.text + ": " } ?? "") + identifier.identifier.text)
            } else if let inner = element.pattern.as(TuplePatternSyntax.self), let value = tupleValue(inner) {
                parts.append((element.label.map { $0.text + ": " } ?? "") + value)
            } else {
                return nil
            }
        }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    private static func containsSome(_ type: TypeSyntax) -> Bool {
        type.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .keyword(.some) }
    }
}
