/// Why the submission screen refuses a piece of student code, and where: `description` is the message the student
/// reads, starting with the workbook line.
///
///     ScreenRefusal(location: "work/02-pooling.exercises.md:31", reason: .imports("Glibc")).description
///     // "work/02-pooling.exercises.md:31: `import Glibc`: graded code cannot import modules; …"
public struct ScreenRefusal: Equatable, Sendable, CustomStringConvertible {
    /// `file:line` in the workbook (or lesson).
    public var location: String
    public var reason: Reason

    public init(location: String, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    public enum Reason: Equatable, Sendable {
        /// The parser could not read the code (the compiler will say more).
        case doesNotParse
        /// A `{` or `}` without its partner: the code could close the exercise's scope.
        case unbalancedBraces
        /// A `/*` comment that never ends (it would swallow the checks after the code).
        case unclosedComment
        /// `import M`.
        case imports(String)
        /// `@_silgen_name`, `@_cdecl`, `@extern`, … (the attribute's name).
        case attribute(String)
        /// `#if`, `#sourceLocation`, `#line`, `#externalMacro`, any `#name(…)` (the directive with its `#`).
        case directive(String)
        /// `UnsafePointer`, `withUnsafeBytes`, `unsafeBitCast`, `Unmanaged`, `dlsym`, … (memory safety).
        case unsafeAPI(String)
        /// Files, processes, descriptors, environment, threads, signals, network (`FileHandle`, `fork`, …).
        case escape(String)
        /// A public name of the runtime the lesson program is built with (`checkEqual`, `ExerciseScope`, …).
        case graderName(String)
        /// A name starting with `_` that the code does not declare itself (the standard library's internals).
        case underscoredName(String)
        /// `String(contentsOf:)`, `Data(contentsOf:)` and their like: reading a file through an initializer.
        case readsFiles(String)
        /// A top-level name the checks use that the starter does not declare.
        case replacesLessonName(String)
        /// A name of the starter declared more than once at top level (an overload beside the asked one).
        case declaredTwice(String)
    }

    public var description: String { "\(location): \(message)" }

    /// The message without the location.
    public var message: String {
        switch reason {
        case .doesNotParse:
            return "your code does not parse (the compiler will say more)"
        case .unbalancedBraces:
            return "your code must be a complete block: every { closed, and no } without its {"
        case .unclosedComment:
            return "a /* comment that is never closed with */"
        case .imports(let module):
            return "`import \(module)`: graded code cannot import modules; what the lesson imports is already there"
        case .attribute(let name):
            return "`@\(name)` is a compiler-internal attribute: graded code cannot use it"
        case .directive(let name):
            return "`\(name)`: compiler directives and macros are not allowed in graded code"
        case .unsafeAPI(let name):
            return "`\(name)` is an unsafe memory API: graded code cannot use it"
        case .escape(let name):
            return "`\(name)` reaches outside the exercise (files, processes, descriptors, environment, threads, "
                + "signals or network): graded code cannot use it; if it is a name of your own, rename it"
        case .graderName(let name):
            return "uses `\(name)`, which belongs to the grader: rename or remove it"
        case .underscoredName(let name):
            return "`\(name)`: names starting with `_` are the standard library's internals; graded code can use "
                + "only those it declares itself"
        case .readsFiles(let name):
            return "`\(name)(contentsOf:)` reads a file: graded code cannot read files"
        case .replacesLessonName(let name):
            return "declares `\(name)`, which the checks use: a name of your own would replace the lesson's "
                + "inside the checks; rename it"
        case .declaredTwice(let name):
            return "declares `\(name)` more than once: the checks need exactly the one the exercise asks for"
        }
    }
}
