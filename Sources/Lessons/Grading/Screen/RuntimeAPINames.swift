import SwiftParser
import SwiftSyntax

/// Every public top-level name of the modules a lesson program is built with besides DLKit and Render —
/// CourseRuntime (the checks, the exercise scope, the output channel) and CourseWire (the event wire) — which graded
/// code may not mention: a student's own `func checkClose` would stand in for the real one inside the checks, and a
/// call to `ExerciseScope` or `RuntimeChannel` would speak on the grader's wire.
///
/// `SubmissionScreenTests` parses `Sources/CourseRuntime/*.swift` and `Sources/CourseWire/*.swift` with
/// ``publicTopLevelNames(in:)`` and fails when a public name is missing here, so the list follows the runtime.
///
///     RuntimeAPINames.all.contains("checkEqual")   // true
public enum RuntimeAPINames {
    public static let all: Set<String> = [
        // Modules.
        "CourseRuntime", "CourseWire",
        // CourseRuntime: checks.
        "check", "checkEqual", "checkClose", "checkType", "checkShape", "checkParameterCount",
        // CourseRuntime: the program, its isolated scopes, the values checks report.
        "CourseProgram", "CheckValue", "progress",
        // CourseRuntime: memoized training and output.
        "memo", "MemoKey", "show",
        // CourseWire: the events, their framing and payloads, the variables, how processes end, verdicts.
        "WireEvent", "Wire", "WireSplitter", "ShownImage", "MemoReport", "ProgressReport", "CheckCall", "WireValue",
        "CheckResult", "CourseVariable", "ProcessEnd",
        // Names of earlier engines (a workbook written against them must not find them either).
        "CheckChannel", "ExerciseScope", "CheckContext", "RuntimeChannel", "RuntimeEvent", "CheckVerdict",
        // Names the engine gives its own generated code (and older ones), never a student's.
        "recordVerdict", "CheckOperand", "CheckReport", "LessonWire", "RuntimeWire", "IsolatedScope",
    ]

    /// The public (or open) top-level names declared in Swift source: functions, types, protocols, type aliases,
    /// variables and macros. Members (and extensions of other modules' types) are reached only through these.
    ///
    ///     RuntimeAPINames.publicTopLevelNames(in: "public func check() {}\nfunc helper() {}")   // ["check"]
    public static func publicTopLevelNames(in source: String) -> [String] {
        let tree = Parser.parse(source: source)
        var names: [String] = []
        for item in tree.statements {
            guard let decl = item.item.as(DeclSyntax.self) else { continue }
            let isPublic = decl.asProtocol(WithModifiersSyntax.self)?.modifiers.contains {
                $0.name.tokenKind == .keyword(.public) || $0.name.tokenKind == .keyword(.open)
            } ?? false
            guard isPublic else { continue }
            if let variable = decl.as(VariableDeclSyntax.self) {
                for binding in variable.bindings { names += DeclaredNames.identifiers(in: binding.pattern).map(\.name) }
            } else if let named = decl.asProtocol(NamedDeclSyntax.self) {
                names.append(named.name.text)
            }
        }
        return names
    }
}
