import Foundation

/// Where things are: the package (lessons/, Sources/ with the C module maps), the built CourseKit library the
/// lesson programs link against, and the cache folder.
///
///     let environment = try CourseEnvironment.locate()
///     environment.lessonsFolder   // <package>/lessons
public struct CourseEnvironment: Equatable, Sendable {
    /// The folder holding Package.swift.
    public var packageRoot: URL
    /// The build folder with `libCourseKit.so` and `Modules/` (the folder of the running `course` executable).
    public var libraryDirectory: URL
    /// `<package>/.course-cache`: results, compiled programs, pictures.
    public var cacheDirectory: URL

    public init(packageRoot: URL, libraryDirectory: URL, cacheDirectory: URL? = nil) {
        self.packageRoot = packageRoot
        self.libraryDirectory = libraryDirectory
        self.cacheDirectory = cacheDirectory ?? packageRoot.appendingPathComponent(".course-cache", isDirectory: true)
    }

    public var lessonsFolder: URL { packageRoot.appendingPathComponent("lessons", isDirectory: true) }
    public var library: URL { libraryDirectory.appendingPathComponent("libCourseKit.so") }
    /// Pictures shown by lessons, named by their SHA-256.
    public var outputsDirectory: URL { cacheDirectory.appendingPathComponent("outputs", isDirectory: true) }

    /// Finds the package by walking up from `start` (default: the current directory) to Package.swift, and the
    /// library next to the running executable (override with `COURSE_LIB_DIR`). Checks that the library exists.
    public static func locate(from start: URL? = nil) throws -> CourseEnvironment {
        let begin = start ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        guard let root = findPackageRoot(from: begin) else {
            throw CourseEnvironmentError.noPackage(start: begin.path)
        }
        let libraryDirectory: URL
        if let override = ProcessInfo.processInfo.environment["COURSE_LIB_DIR"], !override.isEmpty {
            libraryDirectory = URL(fileURLWithPath: override, isDirectory: true)
        } else {
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            libraryDirectory = URL(fileURLWithPath: executable).deletingLastPathComponent()
        }
        let environment = CourseEnvironment(packageRoot: root, libraryDirectory: libraryDirectory)
        try environment.checkLibrary()
        return environment
    }

    /// Throws a readable error when `libCourseKit.so` or its modules are missing.
    public func checkLibrary() throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: library.path) else {
            throw CourseEnvironmentError.libraryMissing(path: library.path)
        }
        let module = libraryDirectory.appendingPathComponent("Modules/CourseRuntime.swiftmodule")
        guard fm.fileExists(atPath: module.path) else {
            throw CourseEnvironmentError.libraryMissing(path: module.path)
        }
    }

    /// The folders under Sources/ that hold a C module map (CBLAS, CGD, …): the lesson compiler needs them.
    public var cModuleFolders: [URL] {
        let sources = packageRoot.appendingPathComponent("Sources", isDirectory: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sources.path)) ?? []
        return names.sorted().map { sources.appendingPathComponent($0, isDirectory: true) }
            .filter { FileManager.default.fileExists(atPath: $0.appendingPathComponent("module.modulemap").path) }
    }

    /// The nearest folder at or above `start` that holds Package.swift.
    public static func findRoot(from start: URL) -> URL? { findPackageRoot(from: start) }

    static func findPackageRoot(from start: URL) -> URL? {
        var folder = start.standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}

/// Why `course` cannot find what it needs to run lessons.
public enum CourseEnvironmentError: Error, Equatable, CustomStringConvertible {
    case noPackage(start: String)
    case libraryMissing(path: String)
    case noCompiler

    public var description: String {
        switch self {
        case .noPackage(let start):
            return "no Package.swift in \(start) or any folder above it; run course from inside the course folder"
        case .libraryMissing(let path):
            return "\(path) is missing; build the course library first: swift build -c release"
        case .noCompiler:
            return "swiftc was not found on PATH (nor in /opt/swift/usr/bin); install Swift 6 or set SWIFTC"
        }
    }
}
