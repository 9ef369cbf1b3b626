import Foundation

/// Ends the process when the process that started it is gone — `course` (on Ctrl-C or a kill), or the lesson
/// program for an isolated scope's child. A re-parented process sees `getppid()` change.
enum ParentWatch {
    static func exitWhenParentEnds() {
        let parent = getppid()
        let watcher = Thread {
            while true {
                usleep(200_000)
                if getppid() != parent { _exit(137) }
            }
        }
        watcher.start()
    }
}
