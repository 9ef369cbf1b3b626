/// Refuses student code that reaches for the grader's machinery or outside its exercise, before it is compiled.
/// The code is read by the real Swift parser (SwiftSyntax), so comments, strings, raw strings (`#"\"#`) and
/// string interpolations (`"\(…)"`, which are code) are seen exactly as the compiler sees them.
///
/// Refused, each with the workbook line (`file:line: …`):
/// - code that does not parse, or whose braces do not balance (it could close the exercise's scope), or that
///   opens a `/*` comment it never closes (it would swallow the checks after it);
/// - any `import`; `@_`-attributes (`@_silgen_name`, `@_cdecl`, `@_implementationOnly` …) and `@extern`,
///   `@section`, `@used`, `@exclusivity`, `@convention`;
/// - compiler directives and freestanding macros: `#if`, `#sourceLocation`, `#externalMacro`, `#warning`, any
///   `#name(…)`, and also `#line`, `#file`, `#filePath`, `#function`: an exercise never needs them, and code that
///   can see where it was compiled can tell a grading run from `course run` and behave differently;
/// - the names in ``ForbiddenNames`` (unsafe memory, files, descriptors, processes, environment, threads,
///   signals, network) and ``RuntimeAPINames`` (the runtime's public API: the check functions, the exercise scope,
///   the wire); `_`-prefixed names the code does not declare itself;
/// - with an exercise: a top-level declaration of a name the checks use that the starter does not declare (it
///   would replace the lesson's inside the checks), or a starter name declared twice (an overload beside the one
///   asked for).
///
///     SubmissionScreen.problem(in: CodeSnippet(code: "func checkClose(_ a: Double) {}", file: "w.md", line: 9))
///     // "w.md:9: uses `checkClose`, which belongs to the grader: rename or remove it"
public enum SubmissionScreen {
    /// The first refusal of the general rules, or nil.
    public static func refusal(in code: CodeSnippet) -> ScreenRefusal? {
        let parsed = ParsedCode(code)
        return parsed.parseProblem() ?? ScreenScan.firstRefusal(in: parsed)
    }

    /// The first refusal of the general rules and of the exercise's own (names the checks use).
    public static func refusal(in code: CodeSnippet, exercise: Exercise) -> ScreenRefusal? {
        let parsed = ParsedCode(code)
        if let refusal = parsed.parseProblem() ?? ScreenScan.firstRefusal(in: parsed) { return refusal }
        return namesRefusal(parsed, exercise: exercise)
    }

    /// Why the code is refused (the message, starting with `file:line:`), or nil.
    public static func problem(in code: CodeSnippet) -> String? { refusal(in: code)?.description }

    /// Why the code is refused for this exercise (the message, starting with `file:line:`), or nil.
    ///
    ///     SubmissionScreen.problem(in: submission.codes["pooled-size"]!, exercise: exercise)
    public static func problem(in code: CodeSnippet, exercise: Exercise) -> String? {
        refusal(in: code, exercise: exercise)?.description
    }

    /// The same for code without a file: the message without a location ("uses `checkClose`, which belongs to
    /// the grader: …"), as callers that add their own prefix expect. Prefer the ``CodeSnippet`` forms.
    public static func problem(in code: String) -> String? {
        refusal(in: CodeSnippet(code: code, file: "code", line: 1))?.message
    }

    public static func problem(in code: String, exercise: Exercise) -> String? {
        refusal(in: CodeSnippet(code: code, file: "code", line: 1), exercise: exercise)?.message
    }

    /// Names every check uses without writing them: the types a literal gets where nothing else decides
    /// (`typealias IntegerLiteralType = Fake` at the top level would retype the checks' own `[1, 2]`).
    static let implicitlyUsed: Set<String> = [
        "IntegerLiteralType", "FloatLiteralType", "BooleanLiteralType", "StringLiteralType", "UnicodeScalarType",
        "ExtendedGraphemeClusterType",
    ]

    /// The names the exercise's checks (and the type pins placed before them) use from outside themselves.
    static func namesTheChecksUse(_ exercise: Exercise) -> Set<String> {
        var used = Set<String>()
        var declaredByChecks = Set<String>()
        for check in exercise.checks {
            let tree = ParsedCode(check.code).tree
            used.formUnion(DeclaredNames.usedFromOutside(in: tree))
            declaredByChecks.formUnion(DeclaredNames.topLevel(in: tree).map(\.name))
        }
        let pins = ExercisePins.statements(forStarter: exercise.starter.code).joined(separator: "\n")
        used.formUnion(DeclaredNames.usedFromOutside(in: ParsedCode(code: pins).tree))
        // A name a check declares at its own top level is the check's (a student's would clash with it).
        return used.subtracting(declaredByChecks).union(implicitlyUsed)
    }

    private static func namesRefusal(_ parsed: ParsedCode, exercise: Exercise) -> ScreenRefusal? {
        let starter = DeclaredNames.topLevel(in: ParsedCode(exercise.starter).tree).map(\.name)
        var starterCount: [String: Int] = [:]
        for name in starter { starterCount[name, default: 0] += 1 }
        let used = namesTheChecksUse(exercise)
        var seen: [String: Int] = [:]
        for declared in DeclaredNames.topLevel(in: parsed.tree) {
            let name = declared.name
            seen[name, default: 0] += 1
            if let allowed = starterCount[name] {
                if seen[name]! > allowed {
                    return ScreenRefusal(location: parsed.location(of: declared.node), reason: .declaredTwice(name))
                }
            } else if used.contains(name) {
                return ScreenRefusal(location: parsed.location(of: declared.node), reason: .replacesLessonName(name))
            }
        }
        return nil
    }
}
