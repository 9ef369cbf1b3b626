/// How much debug information a lesson program is compiled with.
///
///     LessonCompiler(environment: environment, toolchain: toolchain, debugInfo: .lineTables).flags.first { $0.hasPrefix("-g") }
///     // "-gline-tables-only"
public enum DebugInfo: String, Sendable {
    /// `-g`: types and variables too, for a debugger. swiftc then runs a second frontend job that emits the
    /// module again and wraps it into the binary: about a third of a small program's compile.
    case full
    /// `-gline-tables-only`: function names and lines, what the backtracer needs to name a lesson's line. A
    /// graded program needs no more (it runs without the backtracer; its trap messages carry their line
    /// from `#sourceLocation`, not from debug information).
    case lineTables

    var flag: String {
        switch self {
        case .full: return "-g"
        case .lineTables: return "-gline-tables-only"
        }
    }
}
