/// Refuses student code that reaches for the grader's own machinery: the check functions (a student's
/// `func checkClose` would shadow the real one inside the checks that follow), the runtime's internals, and ways
/// to call symbols by their linker name. Comments and string literals are ignored, so `// check this` is fine.
///
///     SubmissionScreen.problem(in: "func checkClose(_ a: Double, _ b: Double) {}")
///     // "uses `checkClose`, which belongs to the grader: rename or remove it"
public enum SubmissionScreen {
    /// Identifiers a submission may not mention.
    public static let reserved: Set<String> = [
        "check", "checkEqual", "checkClose", "checkShape", "checkType", "checkParameterCount", "recordVerdict",
        "CourseRuntime", "CourseWire", "CourseProgram", "RuntimeWire", "WireEvent", "Wire", "CheckValue", "CheckCall",
        "WireValue", "IsolatedScope",
        "_silgen_name", "_cdecl", "dlsym", "dlopen", "ptrace", "sourceLocation",
    ]

    /// Why the code is refused, or nil.
    public static func problem(in code: String) -> String? {
        let stripped = stripCommentsAndStrings(code)
        for word in identifiers(in: stripped) {
            if reserved.contains(word) || word.hasPrefix("__gk_") {
                return "uses `\(word)`, which belongs to the grader: rename or remove it"
            }
        }
        let opening = stripped.filter { $0 == "{" }.count
        let closing = stripped.filter { $0 == "}" }.count
        if opening != closing {
            return "has \(opening) '{' but \(closing) '}': every brace must be closed inside the exercise"
        }
        return nil
    }

    /// Also refuses a top-level declaration of a name the exercise's checks use but the starter code does not
    /// declare: a student's own `conv2d` or `expected` would otherwise stand in for the lesson's inside the checks
    /// (which run in the same scope), and a check comparing against it would always pass.
    ///
    ///     SubmissionScreen.problem(in: "func conv2d(_ x: Tensor, weight: Tensor) -> Tensor { x }", exercise: e)
    ///     // "declares `conv2d`, which the checks use: …"
    public static func problem(in code: String, exercise: Exercise) -> String? {
        if let problem = problem(in: code) { return problem }
        let checks = exercise.checks.map { stripCommentsAndStrings($0.code.code) }
        var used = Set(checks.flatMap(usedNames(in:)))
        used.subtract(checks.flatMap { declaredNames(in: $0, topLevelOnly: false) })
        used.subtract(declaredNames(in: stripCommentsAndStrings(exercise.starter.code), topLevelOnly: true))
        for name in declaredNames(in: stripCommentsAndStrings(code), topLevelOnly: true) where used.contains(name) {
            return "declares `\(name)`, which the checks use: a name of your own would replace the lesson's "
                + "inside the checks; rename it"
        }
        return nil
    }

    /// Names a piece of code refers to, leaving out members (`x.shape`) and argument labels (`tolerance:`).
    static func usedNames(in text: String) -> [String] {
        let characters = Array(text)
        var names: [String] = []
        var index = 0
        while index < characters.count {
            guard characters[index].isLetter || characters[index] == "_" else { index += 1; continue }
            let start = index
            while index < characters.count && (characters[index].isLetter || characters[index].isNumber || characters[index] == "_") {
                index += 1
            }
            var before = start - 1
            while before >= 0 && characters[before] == " " { before -= 1 }
            var after = index
            while after < characters.count && characters[after] == " " { after += 1 }
            let isMember = before >= 0 && characters[before] == "."
            let isLabel = after < characters.count && characters[after] == ":"
                && !(after + 1 < characters.count && characters[after + 1] == ":")
            if !isMember && !isLabel { names.append(String(characters[start..<index])) }
        }
        return names
    }

    /// Names declared with let, var, func, struct, class, enum, actor, protocol or typealias — at brace depth 0
    /// only when `topLevelOnly` (a declaration inside a function body cannot replace anything in the checks).
    static func declaredNames(in text: String, topLevelOnly: Bool) -> [String] {
        let keywords: Set<String> = ["let", "var", "func", "struct", "class", "enum", "actor", "protocol", "typealias"]
        var names: [String] = []
        var depth = 0
        var word = ""
        var pendingKeyword = false
        var inPattern = false
        func finishWord() {
            guard !word.isEmpty else { return }
            if pendingKeyword || inPattern {
                if !keywords.contains(word) && (!topLevelOnly || depth == 0) { names.append(word) }
                pendingKeyword = false
            } else if keywords.contains(word) {
                pendingKeyword = true
            }
            word = ""
        }
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
                continue
            }
            finishWord()
            switch character {
            case "{": depth += 1; pendingKeyword = false
            case "}": depth -= 1
            case "(" where pendingKeyword: inPattern = true; pendingKeyword = false
            case ")": inPattern = false
            case " ", "\t": break
            default: pendingKeyword = false
            }
        }
        finishWord()
        return names
    }

    static func identifiers(in text: String) -> [String] {
        var words: [String] = []
        var word = ""
        for character in text {
            if character.isLetter || character.isNumber || character == "_" {
                word.append(character)
            } else {
                if !word.isEmpty { words.append(word); word = "" }
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// The code with `//` and `/* */` comments and "…" / \"\"\"…\"\"\" literals blanked (interpolations included,
    /// which is stricter than needed).
    static func stripCommentsAndStrings(_ code: String) -> String {
        let characters = Array(code)
        var out = ""
        var index = 0
        var commentDepth = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if commentDepth > 0 {
                if character == "*" && next == "/" { commentDepth -= 1; index += 2; continue }
                if character == "/" && next == "*" { commentDepth += 1; index += 2; continue }
                index += 1
                continue
            }
            if character == "/" && next == "/" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "/" && next == "*" { commentDepth = 1; index += 2; continue }
            if character == "\"" {
                let triple = index + 2 < characters.count && characters[index + 1] == "\"" && characters[index + 2] == "\""
                if triple {
                    index += 3
                    while index + 2 < characters.count
                            && !(characters[index] == "\"" && characters[index + 1] == "\"" && characters[index + 2] == "\"") {
                        index += 1
                    }
                    index += 3
                } else {
                    index += 1
                    while index < characters.count && characters[index] != "\"" && characters[index] != "\n" {
                        if characters[index] == "\\" { index += 1 }
                        index += 1
                    }
                    index += 1
                }
                out.append(" ")
                continue
            }
            out.append(character)
            index += 1
        }
        return out
    }
}
