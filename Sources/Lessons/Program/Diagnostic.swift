/// One message of the Swift compiler, from its one-line `-diagnostic-style=llvm` form
/// `lessons/03-x.md:12:5: error: cannot find 'foo' in scope`.
///
///     Diagnostic.parse("lessons/03-x.md:12:5: error: cannot find 'foo' in scope")?.line   // 12
public struct Diagnostic: Equatable, Codable, Sendable {
    public enum Severity: String, Codable, Sendable { case error, warning, note }

    public var file: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String

    public init(file: String, line: Int, column: Int, severity: Severity, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
    }

    /// Reads one line of compiler output; nil when it is not a diagnostic (source excerpts, carets, notes' context).
    public static func parse(_ line: Substring) -> Diagnostic? {
        for severity in [Severity.error, .warning, .note] {
            guard let range = line.range(of: ": \(severity.rawValue): ") else { continue }
            let location = line[..<range.lowerBound]
            let parts = location.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, let column = Int(parts[parts.count - 1]), let lineNumber = Int(parts[parts.count - 2])
            else { continue }
            let file = parts.dropLast(2).joined(separator: ":")
            return Diagnostic(file: file, line: lineNumber, column: column, severity: severity,
                              message: String(line[range.upperBound...]))
        }
        return nil
    }

    /// All diagnostics in the compiler's output, in order.
    public static func parseAll(_ output: String) -> [Diagnostic] {
        output.split(separator: "\n").compactMap { parse($0) }
    }
}
