import Foundation

/// The Swift compiler that builds lesson programs, and its version (part of every cache key).
///
///     let toolchain = try Toolchain.find()
///     toolchain.version   // "Swift version 6.3.1 (swift-6.3.1-RELEASE)…"
public struct Toolchain: Equatable, Sendable {
    public var swiftc: URL
    public var version: String

    public init(swiftc: URL, version: String) {
        self.swiftc = swiftc
        self.version = version
    }

    /// Whether the toolchain ships lld (`ld.lld` beside `swiftc`): it links a lesson program faster than gold.
    public var hasLLD: Bool {
        FileManager.default.isExecutableFile(atPath: swiftc.deletingLastPathComponent().appendingPathComponent("ld.lld").path)
    }

    /// `$SWIFTC`, else `swiftc` on PATH, else /opt/swift/usr/bin/swiftc. The version is remembered in
    /// `cacheDirectory` by the compiler's size and modification time, so a warm run starts no process.
    public static func find(cacheDirectory: URL? = nil) throws -> Toolchain {
        let environment = ProcessInfo.processInfo.environment
        var candidates: [String] = []
        if let explicit = environment["SWIFTC"], !explicit.isEmpty { candidates.append(explicit) }
        for folder in (environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(folder)/swiftc") }
        candidates += ["/opt/swift/usr/bin/swiftc", "/usr/bin/swiftc"]
        guard let path = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CourseEnvironmentError.noCompiler
        }
        // Keep the name: swiftc is a symlink to the driver, which reads its own name to know what to be.
        let url = URL(fileURLWithPath: path)
        let stamp = FileFingerprint.stamp(of: url.resolvingSymlinksInPath())
        let memo = cacheDirectory?.appendingPathComponent("swiftc-version.json")
        if let memo, let data = try? Data(contentsOf: memo),
           let saved = try? JSONDecoder().decode([String: String].self, from: data),
           saved["path"] == url.path, saved["stamp"] == stamp, let version = saved["version"] {
            return Toolchain(swiftc: url, version: version)
        }
        let result = try ChildProcess.run(executable: url, arguments: ["--version"], timeLimit: 60)
        let version = result.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let memo, let data = try? JSONEncoder().encode(["path": url.path, "stamp": stamp, "version": version]) {
            try? FileManager.default.createDirectory(at: memo.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? data.write(to: memo, options: .atomic)
        }
        return Toolchain(swiftc: url, version: version)
    }
}
