import Checksum

/// What a lesson's results depend on, hashed: the cells' code and kinds (not their lines — editing prose re-runs
/// nothing), the exercise code used, the CourseKit library build, the compiler, the seed, the time limit, and the
/// data files' checksums.
///
///     let key = CacheKey(lesson: lesson, exercises: .starter, libraryHash: lib, compilerVersion: v, dataKey: "")
///     key.digest   // 64 hex digits
public struct CacheKey: Equatable, Hashable, Sendable {
    public let digest: String

    public init(lesson: Lesson, exercises: ExerciseSource, libraryHash: String, compilerVersion: String,
                dataKey: String) {
        let hasher = Checksum.Hasher(.sha256)
        func field(_ name: String, _ value: String) {
            hasher.update("\(name) \(value.utf8.count)\n")
            hasher.update(value)
            hasher.update("\n")
        }
        field("format", "course-results-2")
        field("library", libraryHash)
        field("compiler", compilerVersion)
        field("seed", String(lesson.frontMatter.seed))
        field("timeout", String(lesson.frontMatter.timeout))
        field("data", dataKey)
        field("exercises", exercises.cacheDescription)
        // The source file's path is compiled into the program (messages name it), so it is part of the key.
        field("path", lesson.displayPath)
        for cell in lesson.cells where cell.kind.isSwift {
            field("kind", cell.kind.infoString)
            field("code", cell.code)
        }
        digest = hasher.finish()
    }
}
