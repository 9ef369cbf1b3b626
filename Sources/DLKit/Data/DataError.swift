import Foundation

/// What went wrong while reading, fetching or batching data — each message names the file (or dataset) and the
/// problem in words a student can act on.
///
///     do { _ = try IDX.read(url) } catch let error as DataError { print(error) }
///     // "t10k-labels-idx1-ubyte.gz: truncated — the header promises 10000 items (10008 bytes), the file has 5000"
public enum DataError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The file or folder does not exist.
    case fileNotFound(path: String)
    /// The file could not be read (permissions, I/O).
    case unreadable(path: String, reason: String)
    /// A file or folder could not be written (permissions, full disk).
    case unwritable(path: String, reason: String)
    /// A gzip stream that zlib rejects (bad header, bad CRC, corrupt deflate data) or that ends early.
    case corruptGzip(file: String, reason: String)
    /// Fewer bytes than the header announces.
    case truncated(file: String, expected: Int, actual: Int)
    /// More bytes than the header announces.
    case trailingBytes(file: String, expected: Int, actual: Int)
    /// The magic number at the start of an IDX file is not the one expected.
    case badMagic(file: String, found: UInt32, expected: String)
    /// The header's dimensions are not what this kind of file needs (e.g. images must be N×rows×cols).
    case wrongDimensions(file: String, found: [Int], expected: String)
    /// The image and label files do not describe the same number of samples.
    case countMismatch(imagesFile: String, images: Int, labelsFile: String, labels: Int)
    /// A PNG that libgd cannot decode.
    case undecodableImage(file: String)
    /// An image whose size differs from the others in the same folder.
    case imageSizeMismatch(file: String, found: [Int], expected: [Int])
    /// An image folder without class subfolders or without images.
    case emptyImageFolder(path: String, reason: String)
    /// A cached dataset file whose MD5 is not the published one; `fix` is the command that replaces it.
    case checksumMismatch(file: String, expected: String, actual: String, fix: String)
    /// A cached dataset file of the wrong size (a copy that stopped early, another file); `fix` replaces it.
    case wrongSize(file: String, expected: Int, actual: Int, fix: String)
    /// Every source for a dataset failed; `attempts` says what was tried and why each failed, `folder` is where the
    /// files were meant to go (where a user can also put them by hand).
    case allSourcesFailed(dataset: String, attempts: [String], folder: String)
    /// A dataset name that the fetcher does not know.
    case unknownDataset(name: String, known: [String])
    /// A bad argument to a data API (batch size 0, a crop larger than the image, …).
    case invalidArgument(String)
    /// An export whose destination already holds images: writing would overwrite them, or mix old and new images in
    /// one folder; `fix` says how to go ahead anyway.
    case wouldOverwrite(folder: String, files: Int, example: String, fix: String)

    public var description: String {
        switch self {
        case let .fileNotFound(path):
            return "\(path): no such file or folder"
        case let .unreadable(path, reason):
            return "\(path): cannot be read (\(reason))"
        case let .unwritable(path, reason):
            return "\(path): cannot be written (\(reason))"
        case let .corruptGzip(file, reason):
            return "\(file): corrupt gzip data — \(reason)"
        case let .truncated(file, expected, actual):
            return "\(file): truncated — the header promises \(expected) bytes, the file has \(actual)"
        case let .trailingBytes(file, expected, actual):
            return "\(file): \(actual - expected) unexpected bytes after the \(expected) bytes the header promises"
        case let .badMagic(file, found, expected):
            return "\(file): not \(expected) — magic number 0x\(String(found, radix: 16, uppercase: false))"
        case let .wrongDimensions(file, found, expected):
            return "\(file): dimensions \(found), expected \(expected)"
        case let .countMismatch(imagesFile, images, labelsFile, labels):
            return "\(imagesFile) holds \(images) images but \(labelsFile) holds \(labels) labels — "
                + "the two files do not belong together"
        case let .undecodableImage(file):
            return "\(file): not a PNG image that can be decoded"
        case let .imageSizeMismatch(file, found, expected):
            return "\(file): image is \(found) (channels, height, width) but the others are \(expected)"
        case let .emptyImageFolder(path, reason):
            return "\(path): \(reason)"
        case let .checksumMismatch(file, expected, actual, fix):
            return "\(file): damaged — its MD5 is \(actual), the published file's is \(expected) (changed, or not the "
                + "original); `\(fix)` replaces it"
        case let .wrongSize(file, expected, actual, fix):
            return "\(file): damaged — \(actual) bytes, the published file has \(expected)"
                + (actual < expected ? " (truncated)" : "") + "; `\(fix)` replaces it"
        case let .allSourcesFailed(dataset, attempts, folder):
            return "could not get \(dataset); tried:\n" + attempts.map { "  - " + $0 }.joined(separator: "\n")
                + "\nYou can also copy the four IDX files (raw or .gz) into \(folder) by hand; they are checked against "
                + "the published MD5 sums when used."
        case let .unknownDataset(name, known):
            return "unknown dataset '\(name)'; known: \(known.joined(separator: ", "))"
        case let .invalidArgument(message):
            return message
        case let .wouldOverwrite(folder, files, example, fix):
            return "\(folder) already holds \(files) PNG file\(files == 1 ? "" : "s") (\(example)\(files == 1 ? "" : ", …")); "
                + "writing there would overwrite them or mix old images with new ones — choose an empty folder, or "
                + fix
        }
    }

    public var errorDescription: String? { description }
}
