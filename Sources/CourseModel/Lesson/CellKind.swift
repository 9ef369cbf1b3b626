/// What a fenced code block is for, read from its info string (```` ```swift exercise id=xor points=2 ````).
///
///     try CellKind(infoString: "swift hidden", line: 12)        // .hidden
///     try CellKind(infoString: "swift check id=xor hidden", line: 40)  // .check(id: "xor", hidden: true)
///
/// The table in lessons/README.md is the authority on what each kind does.
public enum CellKind: Equatable, Hashable, Codable, Sendable {
    /// ```` ```swift ```` — runs; code and outputs are shown.
    case code
    /// ```` ```swift hidden ```` — runs (setup); never shown.
    case hidden
    /// ```` ```swift norun ```` — shown, never run.
    case norun
    /// ```` ```swift fails ```` — runs isolated; a failure is expected and shown, success is an error.
    case fails
    /// ```` ```swift exercise id=ID points=N ```` — the starter code of an exercise.
    case exercise(id: String, points: Int)
    /// ```` ```swift solution id=ID ```` — the reference solution of exercise ID.
    case solution(id: String)
    /// ```` ```swift check id=ID [hidden] ```` — a check of exercise ID, run after its code in the same scope.
    case check(id: String, hidden: Bool)
    /// Any other language (or an indented block): shown as code only.
    case other(language: String?)

    /// Whether the block is Swift that the lesson program compiles (on its own or as part of an exercise).
    public var isSwift: Bool {
        if case .other = self { return false }
        return true
    }

    /// Whether the lesson program runs a cell of this kind when exercises take their starter code (`course run`).
    public var runs: Bool {
        switch self {
        case .code, .hidden, .fails, .exercise, .check: return true
        case .norun, .solution, .other: return false
        }
    }

    /// The exercise this cell belongs to, for exercises, solutions and checks.
    public var exerciseID: String? {
        switch self {
        case .exercise(let id, _), .solution(let id), .check(let id, _): return id
        default: return nil
        }
    }

    /// Reads an info string. `line` is the fence's line in the lesson, used in error messages.
    public init(infoString: String, line: Int) throws {
        let words = infoString.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let language = words.first else { self = .other(language: nil); return }
        guard language == "swift" else { self = .other(language: language); return }

        var flags: [String] = []
        var attributes: [String: String] = [:]
        for word in words.dropFirst() {
            if let eq = word.firstIndex(of: "=") {
                let key = String(word[..<eq]), value = String(word[word.index(after: eq)...])
                guard !key.isEmpty, !value.isEmpty else {
                    throw LessonError.badInfoString(line: line, info: infoString, reason: "'\(word)' needs the form key=value")
                }
                attributes[key] = value
            } else {
                flags.append(word)
            }
        }
        func fail(_ reason: String) -> LessonError {
            LessonError.badInfoString(line: line, info: infoString, reason: reason)
        }
        func requireID() throws -> String {
            guard let id = attributes["id"] else { throw fail("'\(flags.first ?? "")' needs id=ID") }
            return id
        }
        func allow(flags allowed: Set<String>, attributes allowedKeys: Set<String>) throws {
            for flag in flags where !allowed.contains(flag) {
                throw fail("unknown word '\(flag)' (expected one of: hidden, norun, fails, exercise, solution, check)")
            }
            for key in attributes.keys where !allowedKeys.contains(key) {
                throw fail("unknown attribute '\(key)='")
            }
        }

        // `check id=x hidden` and `hidden check id=x` mean the same thing.
        let primary = flags.contains("check") ? "check" : flags.first
        switch primary {
        case nil:
            try allow(flags: [], attributes: [])
            self = .code
        case "hidden":
            try allow(flags: ["hidden"], attributes: [])
            self = .hidden
        case "norun":
            try allow(flags: ["norun"], attributes: [])
            self = .norun
        case "fails":
            try allow(flags: ["fails"], attributes: [])
            self = .fails
        case "exercise":
            try allow(flags: ["exercise"], attributes: ["id", "points"])
            let id = try requireID()
            var points = 1
            if let text = attributes["points"] {
                guard let value = Int(text), value >= 0 else { throw fail("points=\(text) is not a whole number") }
                points = value
            }
            self = .exercise(id: id, points: points)
        case "solution":
            try allow(flags: ["solution"], attributes: ["id"])
            self = .solution(id: try requireID())
        case "check":
            try allow(flags: ["check", "hidden"], attributes: ["id"])
            self = .check(id: try requireID(), hidden: flags.contains("hidden"))
        case let other?:
            throw fail("unknown word '\(other)' (expected one of: hidden, norun, fails, exercise, solution, check)")
        }
        if flags.count > Set(flags).count { throw fail("a word is repeated") }
    }

    /// The info string that reads back as this kind (used in cache keys and workbooks).
    public var infoString: String {
        switch self {
        case .code: return "swift"
        case .hidden: return "swift hidden"
        case .norun: return "swift norun"
        case .fails: return "swift fails"
        case .exercise(let id, let points): return "swift exercise id=\(id) points=\(points)"
        case .solution(let id): return "swift solution id=\(id)"
        case .check(let id, let hidden): return "swift check id=\(id)" + (hidden ? " hidden" : "")
        case .other(let language): return language ?? ""
        }
    }
}
