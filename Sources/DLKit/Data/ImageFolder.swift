import Dispatch
import Foundation

/// Images stored as `root/<class>/<file>.png` — the layout of PyTorch's `ImageFolder` and of the course's
/// `course data export mnist --images DIR`.
///
///     try ImageFolder.write(try MNIST.load(split: .test), to: URL(fileURLWithPath: "mnist_images/test"))
///     let test = try ImageFolder.load(URL(fileURLWithPath: "mnist_images/test"))
public enum ImageFolder {
    /// Reads every PNG under `root/<class>/`, decoding with libgd, into an in-memory dataset.
    ///
    /// Order is deterministic: classes sorted (numerically when every class name is a number, so "10" follows
    /// "9"; otherwise by name), label = position in that order; files within a class sorted by name. Files that
    /// are not `.png` and hidden files are skipped; every image must have the same size.
    ///
    ///     let train = try ImageFolder.load(URL(fileURLWithPath: "mnist_images/train"))
    ///     print(train.classNames)   // ["0", "1", …, "9"]
    public static func load(_ root: URL, channels: Int = 1) throws -> ImageDataset {
        let (classes, files) = try listing(root)
        let decoded = try decodeAll(files.map(\.url), channels: channels)
        guard let first = decoded.first else {
            throw DataError.emptyImageFolder(path: root.path, reason: "the class folders hold no .png files")
        }
        var pixels: [UInt8] = []
        pixels.reserveCapacity(decoded.count * first.bytes.count)
        for (k, image) in decoded.enumerated() {
            guard image.shape == first.shape else {
                throw DataError.imageSizeMismatch(file: files[k].url.path, found: image.shape, expected: first.shape)
            }
            pixels += image.bytes
        }
        return try ImageDataset(pixels: pixels, labels: files.map(\.label), channels: first.shape[0],
                                height: first.shape[1], width: first.shape[2], classNames: classes)
    }

    /// The class names and the (file, label) pairs under `root`, in the order `load` uses.
    ///
    ///     let (classes, files) = try ImageFolder.listing(root)
    public static func listing(_ root: URL) throws -> (classNames: [String], files: [(url: URL, label: Int)]) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory) else { throw DataError.fileNotFound(path: root.path) }
        guard isDirectory.boolValue else {
            throw DataError.emptyImageFolder(path: root.path, reason: "is a file; expected a folder with one subfolder per class")
        }
        let entries = try contents(of: root)
        var classNames = entries.filter { name in
            var dir: ObjCBool = false
            return fm.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &dir) && dir.boolValue
        }
        guard !classNames.isEmpty else {
            throw DataError.emptyImageFolder(path: root.path, reason: "no class subfolders (expected root/<label>/*.png)")
        }
        if classNames.allSatisfy({ Int($0) != nil }) {
            classNames.sort { Int($0)! < Int($1)! }
        } else {
            classNames.sort { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        }
        var files: [(url: URL, label: Int)] = []
        var empty: [String] = []
        for (label, name) in classNames.enumerated() {
            let folder = root.appendingPathComponent(name)
            let pngs = try contents(of: folder)
                .filter { $0.lowercased().hasSuffix(".png") }
                .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            if pngs.isEmpty { empty.append(name) }
            files += pngs.map { (folder.appendingPathComponent($0), label) }
        }
        // Like PyTorch's ImageFolder: a class without images would silently shift nothing but train on nothing.
        if !empty.isEmpty && empty.count < classNames.count {
            let names = empty.map { "'\($0)'" }.joined(separator: ", ")
            throw DataError.emptyImageFolder(path: root.path, reason: "the class folder\(empty.count == 1 ? "" : "s") "
                + "\(names) hold\(empty.count == 1 ? "s" : "") no .png files (every class needs at least one image)")
        }
        return (classNames, files)
    }

    /// How `write` names the class folders.
    public enum FolderNames: Sendable {
        /// "0", "1", … — the label numbers (the seeds' `mnist_images/train/<label>/` layout); `load` gives back
        /// the same labels.
        case labels
        /// The class names ("Ankle boot"; "/" becomes "-"). `load` numbers classes by sorted name, which can differ
        /// from the original label order.
        case classNames
    }

    /// Writes `dataset` as `root/<folder>/<index>.png` (index zero-padded to at least 5 digits, so that sorting by
    /// name gives back the dataset's order within each class). Calls `progress(done, total)` every 1000 files.
    ///
    /// A `root` whose class folders already hold PNG files is refused (`DataError.wouldOverwrite`) before anything
    /// is written, unless `overwrite` is true: the new files would replace some of the old ones and leave the rest,
    /// and `load` would then read a mixture of two exports.
    ///
    ///     try ImageFolder.write(test, to: URL(fileURLWithPath: "mnist_images/test"))
    public static func write(_ dataset: ImageDataset, to root: URL, folderNames: FolderNames = .labels,
                             overwrite: Bool = false,
                             progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws {
        if !overwrite { try refuseExistingImages(under: root, fix: "pass overwrite: true to replace them") }
        let folders: [String]
        switch folderNames {
        case .labels: folders = (0..<dataset.classCount).map(String.init)
        case .classNames: folders = dataset.classNames.map { $0.replacingOccurrences(of: "/", with: "-") }
        }
        for name in folders {
            guard !name.isEmpty, !name.hasPrefix("."), Set(folders).count == folders.count else {
                throw DataError.invalidArgument("ImageFolder.write: class folder names \(folders) must be distinct, "
                    + "non-empty and not start with '.'")
            }
            try DataError.createFolder(root.appendingPathComponent(name))
        }
        let digits = max(5, String(max(dataset.count - 1, 0)).count)
        for i in 0..<dataset.count {
            let png = try PNGCodec.encode(bytes: dataset.bytes(at: i), channels: dataset.channels,
                                          height: dataset.height, width: dataset.width)
            let number = String(i), padded = String(repeating: "0", count: max(0, digits - number.count)) + number
            let url = root.appendingPathComponent(folders[dataset.labels[i]])
                .appendingPathComponent(padded + ".png")
            try writeFile(png, to: url)
            if let progress, (i + 1) % 1000 == 0 || i + 1 == dataset.count { progress(i + 1, dataset.count) }
        }
    }

    /// The PNG files already in the class folders of `root` (`root/<class>/*.png`), sorted; none when `root` does
    /// not exist.
    ///
    ///     let old = ImageFolder.existingImages(under: URL(fileURLWithPath: "mnist_images/test"))
    public static func existingImages(under root: URL) -> [URL] {
        let fm = FileManager.default
        let classes = ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return classes.flatMap { name -> [URL] in
            let folder = root.appendingPathComponent(name)
            let files = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []   // not a folder: no files
            return files.filter { !$0.hasPrefix(".") && $0.lowercased().hasSuffix(".png") }.sorted()
                .map { folder.appendingPathComponent($0) }
        }
    }

    /// Throws `DataError.wouldOverwrite` when `root`'s class folders already hold PNG files; `fix` ends the message
    /// ("add --force to replace them").
    ///
    ///     try ImageFolder.refuseExistingImages(under: root, fix: "add --force to replace them")
    public static func refuseExistingImages(under root: URL, fix: String) throws {
        let existing = existingImages(under: root)
        guard let first = existing.first else { return }
        throw DataError.wouldOverwrite(folder: root.path, files: existing.count, example: first.path, fix: fix)
    }

    /// Plain open/write/close: Foundation's `Data.write` costs ~6 ms a file here, 70,000 files would take minutes.
    private static func writeFile(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else {
            throw DataError.unwritable(path: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let written = data.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        guard written == data.count else {
            throw DataError.unwritable(path: url.path, reason: String(cString: strerror(errno)))
        }
    }

    private static func contents(of folder: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        } catch {
            throw DataError.unreadable(path: folder.path, reason: DataError.reason(error))
        }
    }

    /// Decodes the files on all cores; results keep the files' order.
    private static func decodeAll(_ urls: [URL], channels: Int) throws -> [(bytes: [UInt8], shape: [Int])] {
        let results = ResultSlots<(bytes: [UInt8], shape: [Int])>(count: urls.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, urls.count / 64))
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for k in stride(from: w, to: urls.count, by: workers) {
                results.set(k, Result {
                    try PNGCodec.decode(IDX.readFile(urls[k]), channels: channels, name: urls[k].path)
                })
            }
        }
        return try results.values.map { try $0!.get() }
    }
}

/// Slots that concurrent workers fill, each slot written by exactly one worker.
final class ResultSlots<T>: @unchecked Sendable {
    private(set) var values: [Result<T, Error>?]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Result<T, Error>) { lock.lock(); values[index] = value; lock.unlock() }
}
