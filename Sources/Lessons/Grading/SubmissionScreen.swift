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
        "CourseRuntime", "CheckChannel", "ExerciseScope", "CourseProgram", "RuntimeChannel", "RuntimeEvent",
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
