import Foundation

/// Runs a program (found on PATH) with a time limit, its output going to a log file; used by the fetcher for
/// `curl`, `pip` and `apt-get`.
struct ExternalCommand {
    let arguments: [String]
    var timeout: TimeInterval = 60
    var environment: [String: String]? = nil
    /// Called about once a second while the program runs (e.g. to report how much has been downloaded).
    var whileRunning: (() -> Void)? = nil

    /// The exit status and the last lines of the output; status -1 with a reason when the program could not be
    /// started or ran out of time.
    func run() -> (status: Int32, output: String) {
        guard let program = ExternalCommand.find(arguments[0]) else {
            return (-1, "\(arguments[0]) is not installed (not found on PATH)")
        }
        let log = FileManager.default.temporaryDirectory
            .appendingPathComponent("course-cmd-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        guard let handle = try? FileHandle(forWritingTo: log) else { return (-1, "cannot create a log file") }
        let process = Process()
        process.executableURL = program
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        do { try process.run() } catch { return (-1, "could not start \(program.path): \(error.localizedDescription)") }
        let deadline = Date().addingTimeInterval(timeout)
        var nextTick = Date().addingTimeInterval(1)
        while process.isRunning && Date() < deadline {
            usleep(20_000)
            if let whileRunning, Date() >= nextTick { whileRunning(); nextTick = Date().addingTimeInterval(1) }
        }
        var timedOut = false
        if process.isRunning { process.terminate(); timedOut = true }
        process.waitUntilExit()
        try? handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        let tail = text.split(separator: "\n").suffix(4).joined(separator: " | ")
        if timedOut { return (-1, "no answer within \(Int(timeout)) s" + (tail.isEmpty ? "" : ": \(tail)")) }
        return (process.terminationStatus, tail)
    }

    static func find(_ name: String) -> URL? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"] {
            let candidate = URL(fileURLWithPath: dir).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}
