import CourseWire
import Foundation

/// Reads what a crashed lesson program wrote to stderr (Swift's `Fatal error: …` line and the backtrace that
/// `SWIFT_BACKTRACE` prints) and keeps what a student needs: the message and the lesson line.
///
///     let report = CrashReport(stderr: text, files: ["lessons/03-x.md"], signal: SIGILL)
///     report.message    // "Fatal error: Index out of range"
///     report.location   // ("lessons/03-x.md", 23)
struct CrashReport {
    /// The fatal error message, or a description of the crash.
    var message: String
    /// Where it happened in one of `files`: from the message, else the innermost backtrace frame in one of them.
    var location: (file: String, line: Int)?
    /// Whether it was an error thrown and not caught.
    var thrown: Bool
    /// The lesson line of the last statement marked as able to throw (`course-statement: N`, written by the
    /// program's trap handler): where an uncaught error came from, since its backtrace names only `main`.
    var statementLine: Int?
    /// The text before the backtrace's register dump: the message and the frames.
    var detail: String
    /// What the program wrote to stderr before the crash message (the cell's own stderr output).
    var earlierOutput: String

    init(stderr: String, files: [String], signal: Int32?) {
        // `fatalError` names its file by module and base name (`lessons/wb.md:14`): name it as the reader knows it.
        var stderr = stderr
        let marked = Self.takingStatementLines(stderr)
        stderr = marked.text
        statementLine = marked.line
        for file in files {
            let fileID = "lessons/" + (file.split(separator: "/").last.map(String.init) ?? file)
            if fileID != file { stderr = stderr.replacingOccurrences(of: fileID + ":", with: file + ":") }
        }
        let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
        var message: String?
        var location: (file: String, line: Int)?
        var messageIndex: Int?
        for (i, text) in lines.enumerated() {
            guard let range = text.range(of: "Fatal error: ") else { continue }
            // "lessons/03-x.md:13: Fatal error: boom" or "Swift/Array.swift:692: Fatal error: Index out of range"
            let prefix = text[..<range.lowerBound]
            for file in files where prefix.hasPrefix(file + ":") {
                if let number = Int(prefix.dropFirst(file.count + 1).prefix(while: { $0.isNumber })) {
                    location = (file, number)
                }
            }
            message = String(text[range.lowerBound...])
            messageIndex = i
            break
        }
        if location == nil {
            // Frames read "… in prog at lessons/03-x.md:23:8", innermost first.
            search: for text in lines {
                for file in files {
                    guard let range = text.range(of: " at \(file):") else { continue }
                    if let number = Int(text[range.upperBound...].prefix(while: { $0.isNumber })) {
                        location = (file, number)
                        break search
                    }
                }
            }
        }
        if message == nil, let crash = lines.first(where: { $0.contains("*** Program crashed: ") }) {
            message = crash.replacingOccurrences(of: "*** ", with: "").trimming("* ")
        }
        let start = messageIndex ?? lines.firstIndex(where: { $0.contains("*** ") }) ?? lines.count
        earlierOutput = lines[..<start].joined(separator: "\n")
        // Keep the crashed thread's frames; other threads and the register dump only add noise.
        let end = lines.indices.first(where: { $0 > start && (lines[$0].hasPrefix("Registers:")
            || (lines[$0].hasPrefix("Thread ") && !lines[$0].contains("crashed"))) }) ?? lines.count
        detail = start < end ? lines[start..<end].joined(separator: "\n").trimming("\n ") : ""
        self.message = message ?? signal.map { "the program was killed by \(ProcessEnd.signalName($0))" }
            ?? "the program stopped unexpectedly"
        self.location = location
        thrown = self.message.contains("Error raised at top level")
    }

    /// The text without its `course-statement: N` lines, and the last N.
    private static func takingStatementLines(_ text: String) -> (text: String, line: Int?) {
        guard text.contains("course-statement: ") else { return (text, nil) }
        var line: Int?
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { row in
            guard row.hasPrefix("course-statement: ") else { return true }
            line = Int(row.dropFirst("course-statement: ".count)) ?? line
            return false
        }
        return (kept.joined(separator: "\n"), line)
    }
}
