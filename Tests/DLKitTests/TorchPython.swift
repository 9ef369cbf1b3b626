import Foundation
import XCTest

/// The first python3 candidate that can import torch, or a skip that says what was tried:
/// `$COURSE_TORCH_PYTHON`, else a `.venv*/bin/python3` at the package root, else `python3` on the PATH.
func torchPython() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    var candidates: [String] = []
    if let p = ProcessInfo.processInfo.environment["COURSE_TORCH_PYTHON"], !p.isEmpty { candidates.append(p) }
    let venvs = ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { $0.hasPrefix(".venv") }.sorted()
    candidates += venvs.map { root.appendingPathComponent($0).appendingPathComponent("bin/python3").path }
        .filter { FileManager.default.isExecutableFile(atPath: $0) }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
    candidates += path.split(separator: ":").map { "\($0)/python3" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
    for c in candidates {
        if let (status, _, _) = try? runProcess(c, ["-c", "import torch"]), status == 0 { return c }
    }
    throw XCTSkip("no python3 with torch (tried $COURSE_TORCH_PYTHON, .venv*/bin/python3 at the package root, python3): "
                  + "pip install torch==2.13.0+cpu in a venv to run this comparison")
}

/// Runs a program to its end: exit status, standard output, standard error.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}
