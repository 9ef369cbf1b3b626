import Foundation

/// The lessons in a folder, in order, and how to find one by the name a student types (`03`, `3`, `03-shallow…`).
///
/// Every lesson has its own number and its own place in the course: two files with the same number in their
/// names (`03-a.md`, `3-b.md`) or the same `order:` are an error that names both files — when one of them is
/// looked up by that number or loaded. Workbooks (`*.exercises.md`, written by `course exercises`) are not
/// lessons, even in this folder.
///
///     let catalog = try LessonCatalog(folder: root.appendingPathComponent("lessons"))
///     let url = try catalog.find("3")   // lessons/03-shallow-network.md
public struct LessonCatalog: Sendable {
    public var folder: URL
    /// The lesson files (`*.md` except README.md and `*.exercises.md`), sorted by name.
    public var files: [URL]

    /// The name ending of a workbook (`02-functions.exercises.md`).
    public static let workbookSuffix = ".exercises.md"

    public init(folder: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LessonError.noLessonsFolder(path: Lesson.relativePath(of: folder))
        }
        self.folder = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        files = names.filter(Self.isLessonFileName).sorted().map { folder.appendingPathComponent($0) }
    }

    /// Whether a file called `name` in a lessons folder is a lesson.
    ///
    ///     LessonCatalog.isLessonFileName("02-functions.exercises.md")   // false
    public static func isLessonFileName(_ name: String) -> Bool {
        name.hasSuffix(".md") && name.lowercased() != "readme.md" && !name.hasPrefix(".")
            && !name.lowercased().hasSuffix(workbookSuffix)
    }

    /// The names to type: `03-shallow-network`.
    public var names: [String] { files.map { $0.deletingPathExtension().lastPathComponent } }

    /// The file of the lesson called `name`: its number (`03` or `3`), its full name, or its slug. A number that
    /// two files share is an error naming both.
    public func find(_ name: String) throws -> URL {
        let wanted = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let wantedNumber = wanted.allSatisfy(\.isNumber) ? Int(wanted) : nil
        for url in files {
            let base = url.deletingPathExtension().lastPathComponent
            if base == wanted { return url }
        }
        let matches = files.filter { url in
            let (id, slug, number) = LessonParser.names(of: url)
            return id == wanted || slug == wanted || (wantedNumber != nil && number == wantedNumber)
        }
        if matches.count > 1 {
            throw LessonError.duplicateLesson(first: shown(matches[0]), second: shown(matches[1]),
                                              reason: wantedNumber.map { "the same number \($0) in their names" }
                                                  ?? "the same name '\(wanted)'")
        }
        if let url = matches.first { return url }
        throw LessonError.unknownLesson(name, available: names)
    }

    /// Reads one lesson of the catalog; messages name it `lessons/NN-….md` wherever `course` was started. A lesson
    /// whose number or `order:` another lesson file has too is an error naming both.
    public func load(_ url: URL) throws -> Lesson {
        try load(url, places: places())
    }

    // MARK: clashes

    /// Where each lesson file sits: the number in its name and its order (front matter, else that number; nil when
    /// its front matter cannot be read — that lesson reports its own error when loaded).
    private struct Place { var url: URL; var number: Int?; var order: Int? }

    private func places() -> [Place] {
        files.map { url in
            let number = LessonParser.names(of: url).order
            return Place(url: url, number: number, order: Self.frontMatterOrder(of: url, defaultOrder: number))
        }
    }

    /// Parses every lesson; a lesson that fails to parse (or clashes with another) is returned as its error, so
    /// the others still work (the live preview keeps serving them).
    public func loadAll() -> [(url: URL, lesson: Result<Lesson, LessonError>)] {
        let places = places()
        return files.map { url in
            do { return (url, .success(try load(url, places: places))) }
            catch let error as LessonError { return (url, .failure(error)) }
            catch { return (url, .failure(.unreadable(path: Lesson.relativePath(of: url), reason: "\(error)"))) }
        }
    }

    private func load(_ url: URL, places: [Place]) throws -> Lesson {
        let lesson = try Lesson(contentsOf: url, displayPath: shown(url))
        let number = LessonParser.names(of: url).order
        for other in places where other.url.standardizedFileURL != url.standardizedFileURL {
            let reason: String
            if let number, other.number == number {
                reason = "the same number \(number) in their names"
            } else if other.order == lesson.frontMatter.order {
                reason = "the same order \(lesson.frontMatter.order) (`order:` in the front matter, else the number in the name)"
            } else {
                continue
            }
            let pair = [shown(url), shown(other.url)].sorted()
            throw LessonError.duplicateLesson(first: pair[0], second: pair[1], reason: reason)
        }
        return lesson
    }

    /// The `order:` of the lesson at `url` from its front matter alone (no Markdown parsing).
    private static func frontMatterOrder(of url: URL, defaultOrder: Int?) -> Int? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        return (try? FrontMatter.parse(lines: lines, path: url.path, defaultOrder: defaultOrder))?.0.order
    }

    private func shown(_ url: URL) -> String { folder.lastPathComponent + "/" + url.lastPathComponent }
}
