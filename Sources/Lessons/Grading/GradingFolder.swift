import CourseWire
import Foundation

/// The graded program's work folder: private (0700), in the temporary directory, removed when grading ends —
/// also on Ctrl-C.
///
///     let work = try GradingFolder()
///     defer { work.remove() }
struct GradingFolder {
    let url: URL
    private let interrupt: Int

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
        let url = base.appendingPathComponent("course-grading-\(getpid())-\(UInt32.random(in: 0...UInt32.max))",
                                              isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw GradingError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        self.url = url
        interrupt = Interrupts.register { try? FileManager.default.removeItem(at: url) }
    }

    func remove() {
        Interrupts.unregister(interrupt)
        try? FileManager.default.removeItem(at: url)
    }

    /// The datasets folder lessons read (same rule as DLKit's `DatasetCache`: `$COURSE_DATA_DIR`, else
    /// `$XDG_CACHE_HOME/course/datasets`, else `~/.cache/course/datasets`), when it exists.
    static func datasetsFolder() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        let path: String
        if let folder = environment[CourseVariable.dataDirectory.name], !folder.isEmpty { path = folder }
        else if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { path = xdg + "/course/datasets" }
        else { path = NSHomeDirectory() + "/.cache/course/datasets" }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return URL(fileURLWithPath: path, isDirectory: true).resolvingSymlinksInPath()
    }
}
