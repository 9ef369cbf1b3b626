/// The environment variables through which `course` tells a lesson program where things are. Named once, here,
/// for both sides: the host sets them (`ProgramExecutor`), the program reads them (`CourseProgram.start`).
///
///     environment[CourseVariable.nonce.name] = nonce
public enum CourseVariable: String, CaseIterable, Sendable {
    /// The random marker that authenticates event lines (removed from the environment at start).
    case nonce = "COURSE_NONCE"
    /// Where `show` writes pictures.
    case outputDirectory = "COURSE_OUTPUT_DIR"
    /// The folder relative paths in a lesson mean (the course folder).
    case workDirectory = "COURSE_WORKDIR"
    /// The program's address-space limit, in MiB.
    case memoryLimitMB = "COURSE_MEMORY_LIMIT_MB"
    /// Where `memo` keeps trained weights.
    case memoDirectory = "COURSE_MEMO_DIR"
    /// `1` when the memo folder must only be read (a graded run).
    case memoReadOnly = "COURSE_MEMO_READONLY"
    /// The content hash of the CourseKit library (part of every memo key).
    case libraryHash = "COURSE_LIBRARY_HASH"
    /// Checksums of the data files (part of every cache key).
    case dataKey = "COURSE_DATA_KEY"
    /// Where the datasets are (read by DLKit's `DatasetCache`).
    case dataDirectory = "COURSE_DATA_DIR"

    public var name: String { rawValue }
}
