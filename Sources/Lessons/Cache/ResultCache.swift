import Foundation

/// Lesson results on disk, as JSON under `<cache>/results/<key>.json`. Errors are stored with their line within
/// the cell, so results stay right when edited prose moves the cells.
///
///     let cache = ResultCache(directory: environment.cacheDirectory)
///     if let result = cache.load(key) { … } else { … ; try cache.store(result) }
public struct ResultCache: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    var resultsDirectory: URL { directory.appendingPathComponent("results", isDirectory: true) }

    func file(for key: CacheKey) -> URL {
        resultsDirectory.appendingPathComponent(key.digest + ".json")
    }

    /// The stored results for `key`, or nil (never stored, or unreadable — then the lesson simply runs again).
    public func load(_ key: CacheKey) -> LessonResult? {
        guard let data = try? Data(contentsOf: file(for: key)),
              var result = try? JSONDecoder().decode(LessonResult.self, from: data),
              result.key == key.digest else { return nil }
        result.fromCache = true
        return result
    }

    /// Whether results for `key` are stored.
    public func contains(_ key: CacheKey) -> Bool {
        FileManager.default.fileExists(atPath: file(for: key).path)
    }

    /// Stores `result` under its key (atomically).
    public func store(_ result: LessonResult) throws {
        try FileManager.default.createDirectory(at: resultsDirectory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var stored = result
        stored.fromCache = false
        try encoder.encode(stored).write(to: resultsDirectory.appendingPathComponent(result.key + ".json"),
                                          options: .atomic)
    }
}
