import Foundation

/// The lessons in a folder, in order, and how to find one by the name a student types (`03`, `3`, `03-shallow…`).
///
///     let catalog = try LessonCatalog(folder: root.appendingPathComponent("lessons"))
///     let url = try catalog.find("3")   // lessons/03-shallow-network.md
public struct LessonCatalog: Sendable {
    public var folder: URL
    /// The lesson files (`*.md` except README.md), sorted by name.
    public var files: [URL]

    public init(folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LessonError.noLessonsFolder(path: Lesson.relativePath(of: folder))
        }
        self.folder = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        files = names.filter { $0.hasSuffix(".md") && $0.lowercased() != "readme.md" && !$0.hasPrefix(".") }
            .sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// The names to type: `03-shallow-network`.
    public var names: [String] { files.map { $0.deletingPathExtension().lastPathComponent } }

    /// The file of the lesson called `name`: its number (`03` or `3`), its full name, or its slug.
    public func find(_ name: String) throws -> URL {
        let wanted = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let wantedNumber = Int(wanted)
        for url in files {
            let (id, slug, order) = LessonParser.names(of: url)
            let base = url.deletingPathExtension().lastPathComponent
            if base == wanted || id == wanted || slug == wanted { return url }
            if let wantedNumber, let order, wantedNumber == order, wanted.allSatisfy(\.isNumber) { return url }
        }
        throw LessonError.unknownLesson(name, available: names)
    }

    /// Reads one lesson of the catalog; messages name it `lessons/NN-….md` wherever `course` was started.
    public func load(_ url: URL) throws -> Lesson {
        try Lesson(contentsOf: url, displayPath: folder.lastPathComponent + "/" + url.lastPathComponent)
    }

    /// Parses every lesson; a lesson that fails to parse is returned as its error, so the others still work.
    public func loadAll() -> [(url: URL, lesson: Result<Lesson, LessonError>)] {
        files.map { url in
            do { return (url, .success(try load(url))) }
            catch let error as LessonError { return (url, .failure(error)) }
            catch { return (url, .failure(.unreadable(path: Lesson.relativePath(of: url), reason: "\(error)"))) }
        }
    }
}
