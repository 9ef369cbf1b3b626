import Foundation

/// The list of files a build wrote into a site folder (`.course-manifest`, one relative path a line), so that a
/// rebuild replaces and removes only its own files: anything else in the folder — a user's `notes.txt`, a
/// `CNAME` for the web host — is left alone.
///
/// A build calls `begin` before writing and `finish` after:
/// - `begin` refuses to overwrite a file that exists but that no earlier build wrote, and records what this
///   build is about to write together with what the last one wrote (so that a build killed halfway leaves a
///   manifest that still covers every file it may have written);
/// - `finish` removes the files the last build wrote and this one did not (and folders they leave empty), then
///   records exactly what this build wrote.
///
/// A folder built before manifests existed (a `.course-site` marker and no manifest) is treated as the builder's
/// own for writing, and nothing in it is removed.
///
///     let manifest = try SiteManifest.begin(in: site, writing: Set(files.keys))
///     // … write the files …
///     try manifest.finish()
struct SiteManifest {
    static let fileName = ".course-manifest"

    let folder: URL
    /// What the last build wrote (empty for a new folder).
    let previous: Set<String>
    /// What this build writes.
    let writing: Set<String>

    /// Reads the folder's manifest, checks that this build overwrites only files of earlier builds, and records
    /// the union of the two lists.
    static func begin(in folder: URL, writing: Set<String>, marker: String = ".course-site") throws -> SiteManifest {
        let recorded = read(folder)
        let fm = FileManager.default
        if recorded != nil || !fm.fileExists(atPath: folder.appendingPathComponent(marker).path) {
            let known = recorded ?? []
            let foreign = writing.filter { !known.contains($0) && fm.fileExists(atPath: folder.appendingPathComponent($0).path) }
            if let first = foreign.sorted().first {
                throw SiteError.io(path: folder.appendingPathComponent(first).path, reason: "the folder already has "
                    + "this file and no earlier build wrote it (it is not in \(fileName)); move it away and build again"
                    + (foreign.count > 1 ? " (\(foreign.count - 1) more like it)" : ""))
            }
        }
        let manifest = SiteManifest(folder: folder, previous: recorded ?? [], writing: writing)
        try manifest.record(manifest.previous.union(writing))
        return manifest
    }

    /// Removes what the last build wrote and this one did not, then records what this build wrote.
    func finish() throws {
        let fm = FileManager.default
        var emptied: Set<String> = []
        for relative in previous.subtracting(writing).sorted() {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(relative).path
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            try? fm.removeItem(atPath: path)
            var parent = (relative as NSString).deletingLastPathComponent
            while !parent.isEmpty { emptied.insert(parent); parent = (parent as NSString).deletingLastPathComponent }
        }
        // Folders the removed files leave empty, deepest first; a folder that still holds anything stays.
        for relative in emptied.sorted(by: { $0.count > $1.count }) {
            let path = folder.appendingPathComponent(relative).path
            if (try? fm.contentsOfDirectory(atPath: path))?.isEmpty == true { try? fm.removeItem(atPath: path) }
        }
        try record(writing)
    }

    /// The paths in the folder's manifest; nil when it has none. Lines that are not a plain relative path inside
    /// the folder (`/…`, `..`) are ignored: the manifest never makes a build touch a file outside the site.
    static func read(_ folder: URL) -> Set<String>? {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(fileName).path) else {
            return nil
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
        return Set(lines.filter { !$0.hasPrefix("#") && isInsideFolder($0) })
    }

    static func isInsideFolder(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    private func record(_ paths: Set<String>) throws {
        let text = "# written by `course build`; files not listed here are yours and are never touched\n"
            + paths.sorted().map { $0 + "\n" }.joined()
        let url = folder.appendingPathComponent(Self.fileName)
        do { try Data(text.utf8).write(to: url, options: .atomic) } catch {
            throw SiteError.io(path: url.path, reason: error.localizedDescription)
        }
    }
}
