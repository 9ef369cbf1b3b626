import Foundation

/// Whether this machine can make the sandbox graded code runs in, asked once before a class is graded: inside a
/// container that forbids namespaces (some CI runners, some autograder images) every workbook would otherwise
/// "crash" the same way, and the class would get zeros for the machine's fault.
///
///     try SandboxProbe.check()   // throws GradingError.sandboxUnavailable with bubblewrap's own words
public enum SandboxProbe {
    public static func check() throws {
        guard Sandbox.bubblewrap != nil else { throw GradingError.sandboxUnavailable("bubblewrap (bwrap) is not installed") }
        let sandbox: Sandbox
        do {
            sandbox = try Sandbox(policy: SandboxPolicy(memoryLimitMB: 256, processLimit: 16))
        } catch {
            throw GradingError.sandboxUnavailable("\(error)")
        }
        defer { sandbox.remove() }
        let result = try sandbox.run("/bin/sh", ["-c", "echo inside"], timeLimit: 30)
        guard result.end == .exited(0), result.stdout == "inside\n" else {
            let said = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw GradingError.sandboxUnavailable("bubblewrap cannot make its namespaces here"
                + (said.isEmpty ? "" : " (\(said.prefix(300)))"))
        }
    }
}
