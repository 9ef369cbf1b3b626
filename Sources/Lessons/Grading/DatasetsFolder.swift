import CourseWire
import Foundation

/// Where the datasets lessons read are on this machine — bound read-only into a graded run's sandbox.
enum DatasetsFolder {
    /// Same rule as DLKit's `DatasetCache`: `$COURSE_DATA_DIR`, else `$XDG_CACHE_HOME/course/datasets`, else
    /// `~/.cache/course/datasets`; nil when it does not exist.
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
