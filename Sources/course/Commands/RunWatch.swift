import ArgumentParser
import Foundation
import Lessons
import Preview

/// `course run 03 --watch`: the run, then again after each save — with the watcher `course serve` uses.
enum RunWatch {
    static func loop(_ command: Run) throws {
        var once = command
        once.watch = false
        let name = command.lesson.first == "lesson" ? command.lesson[1] : command.lesson[0]
        let (root, catalog) = try CommandSupport.reportingErrors { try CommandSupport.catalog() }
        let file = try CommandSupport.reportingErrors { try catalog.find(name) }.standardizedFileURL
        let lessons = root.appendingPathComponent("lessons", isDirectory: true)
        let watcher = try CommandSupport.reportingErrors { try FolderWatcher(folder: lessons) }
        while true {
            do { try once.run() } catch is ExitCode {}   // a failed run was reported; keep watching
            CommandSupport.write("\nwatching \(Lesson.relativePath(of: file)) — save to run again, Ctrl-C stops\n")
            var relevant = false
            while !relevant {
                guard let changed = watcher.next() else { return }
                // The lesson itself, or anything but another lesson (a data file it may read).
                relevant = changed.contains { $0.standardizedFileURL == file || $0.pathExtension != "md" }
            }
            CommandSupport.write("\n── saved: running \(Lesson.relativePath(of: file)) again ──\n")
        }
    }
}
