import Foundation
import XCTest

/// A temporary course folder (a Package.swift, this repository's Sources linked for the C module maps, copies of
/// some of its lessons) and `course serve` running in it on a free port, its output collected as it comes.
final class ServeProcess {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    let executable: URL
    private let process = Process()
    private let lock = NSLock()
    private var collected = ""
    private(set) var url = ""

    /// A course folder holding copies of `lessons` (file names in this repository's lessons/).
    init(lessons: [String]) throws {
        // The test binary runs from the build folder, next to `course`.
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        executable = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("course")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw XCTSkip("the course executable is not built next to the tests (\(executable.path))")
        }
        let fm = FileManager.default
        root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("course-serve-\(UUID().uuidString)")
        try fm.createDirectory(at: root.appendingPathComponent("lessons"), withIntermediateDirectories: true)
        try Data("// a test course\n".utf8).write(to: root.appendingPathComponent("Package.swift"))
        try fm.createSymbolicLink(at: root.appendingPathComponent("Sources"),
                                  withDestinationURL: Self.repositoryRoot.appendingPathComponent("Sources"))
        for name in lessons {
            try fm.copyItem(at: Self.repositoryRoot.appendingPathComponent("lessons/\(name)"),
                            to: root.appendingPathComponent("lessons/\(name)"))
        }
    }

    /// Starts `course serve --port 0 extra…` and waits (up to `timeout`) until it says where it serves.
    func start(_ extra: [String] = [], timeout: TimeInterval = 600) throws {
        process.executableURL = executable
        process.arguments = ["serve", "--port", "0"] + extra
        process.currentDirectoryURL = root
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.collected += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if let range = output.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                url = String(output[range])
                return
            }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        throw XCTSkip("course serve did not start:\n\(output)")
    }

    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }

    /// Waits until the output after `offset` contains `needle`; returns that part of the output.
    func waitForOutput(_ needle: String, after offset: Int, timeout: TimeInterval) -> String? {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let text = String(output.dropFirst(offset))
            if text.contains(needle) { return text }
            usleep(50_000)
        }
        return nil
    }

    /// Replaces `old` by `new` in a lesson, written in place as an editor would.
    func edit(_ lesson: String, replacing old: String, with new: String) throws {
        let file = root.appendingPathComponent("lessons/\(lesson)")
        let text = try String(contentsOf: file, encoding: .utf8)
        guard text.contains(old) else { throw XCTSkip("lessons/\(lesson) no longer contains “\(old)”") }
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    func remove() {
        stop()
        try? FileManager.default.removeItem(at: root)
    }
}
