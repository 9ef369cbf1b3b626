import Foundation

/// A lesson read from `lessons/NN-slug.md`: its front matter and its blocks, prose and code, in order.
/// (Lessons reads one from a file: `Lesson(contentsOf:)`, `LessonParser`.)
///
///     let lesson = try Lesson(contentsOf: URL(fileURLWithPath: "lessons/03-shallow-network.md"))
///     lesson.cells.filter { $0.kind == .code }.count
public struct Lesson: Equatable, Sendable {
    /// The file the lesson was read from.
    public var url: URL
    /// The path shown in messages and written into `#sourceLocation` (relative to the package when inside it).
    public var displayPath: String
    /// `03` for `03-shallow-network.md` (the file name's number, or the whole name without `.md`).
    public var id: String
    /// `shallow-network` for `03-shallow-network.md`.
    public var slug: String
    public var frontMatter: FrontMatter
    public var blocks: [Block]

    public var title: String { frontMatter.title }

    /// The code blocks, in order; `cells[i].index == i`.
    public var cells: [Cell] {
        blocks.compactMap { if case .cell(let cell) = $0 { return cell } else { return nil } }
    }

    public init(url: URL, displayPath: String, id: String, slug: String, frontMatter: FrontMatter, blocks: [Block]) {
        self.url = url
        self.displayPath = displayPath
        self.id = id
        self.slug = slug
        self.frontMatter = frontMatter
        self.blocks = blocks
    }

    /// `url`'s path relative to the current directory when it lies below it, otherwise the absolute path.
    public static func relativePath(of url: URL) -> String {
        let path = url.standardizedFileURL.path
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// A piece of a lesson: Markdown prose (as written, and parsed into a tree), or a top-level code block.
public enum Block: Equatable, Sendable {
    case prose(Prose)
    case cell(Cell)
}

/// One fenced code block of a lesson.
public struct Cell: Equatable, Hashable, Codable, Sendable {
    /// Position among the lesson's code blocks (0-based); results are keyed by it.
    public var index: Int
    public var kind: CellKind
    /// The code between the fences, ending with a newline unless empty.
    public var code: String
    /// The info string as written (`swift exercise id=xor points=2`).
    public var info: String
    /// The line of the opening fence (1-based).
    public var fenceLine: Int
    /// The line of the first line of code (the fence line + 1).
    public var codeLine: Int { fenceLine + 1 }
    /// The prose between the previous code block and this one (an exercise's prompt).
    public var precedingProse: String

    public init(index: Int, kind: CellKind, code: String, info: String, fenceLine: Int, precedingProse: String = "") {
        self.index = index
        self.kind = kind
        self.code = code
        self.info = info
        self.fenceLine = fenceLine
        self.precedingProse = precedingProse
    }

    /// Whether the lesson program runs this cell when exercises take their starter code (`course run`).
    public var runs: Bool { kind.runs }
}
