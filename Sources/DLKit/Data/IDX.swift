import Foundation

/// The contents of one IDX file of unsigned bytes: its dimensions and its values in row-major order.
///
///     let labels = try IDX.read(url)          // dimensions [60000]
///     let images = try IDX.read(imagesURL)    // dimensions [60000, 28, 28]
public struct IDXArray: Equatable, Sendable {
    public var dimensions: [Int]
    public var bytes: [UInt8]

    public init(dimensions: [Int], bytes: [UInt8]) {
        self.dimensions = dimensions
        self.bytes = bytes
    }
}

/// Reader and writer of the IDX format in which MNIST is published (raw or gzip'd).
///
/// An IDX file is a 4-byte magic number `00 00 08 D` (`08` = unsigned bytes, `D` = number of dimensions), `D`
/// big-endian 32-bit sizes, then the values. Labels are `D = 1` (magic 2049), images `D = 3` (magic 2051).
///
///     let train = try IDX.loadDataset(images: dir.appendingPathComponent("train-images-idx3-ubyte.gz"),
///                                     labels: dir.appendingPathComponent("train-labels-idx1-ubyte.gz"))
public enum IDX {
    /// Reads an IDX file of unsigned bytes, gzip'd or not (recognized by its first bytes, not its name),
    /// checking the magic number and that the length is exactly what the header promises.
    ///
    ///     let array = try IDX.read(URL(fileURLWithPath: "t10k-labels-idx1-ubyte"))
    ///     print(array.dimensions)   // [10000]
    public static func read(_ url: URL) throws -> IDXArray {
        let name = url.lastPathComponent
        let data = try readFile(url)
        let bytes = Gzip.isGzip(data) ? try Gzip.decompress(data, name: name) : [UInt8](data)
        return try decode(bytes, name: name)
    }

    /// Decodes the bytes of an (uncompressed) IDX file; `name` appears in error messages.
    ///
    ///     let array = try IDX.decode(IDX.encode(IDXArray(dimensions: [2], bytes: [7, 9])), name: "x")
    public static func decode(_ bytes: [UInt8], name: String) throws -> IDXArray {
        guard bytes.count >= 4 else { throw DataError.truncated(file: name, expected: 4, actual: bytes.count) }
        let magic = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
        guard bytes[0] == 0, bytes[1] == 0, bytes[2] == 0x08, (1...4).contains(bytes[3]) else {
            throw DataError.badMagic(file: name, found: magic, expected: "an IDX file of unsigned bytes (magic 0x00000801…0x00000804)")
        }
        let rank = Int(bytes[3])
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw DataError.truncated(file: name, expected: headerSize, actual: bytes.count)
        }
        var dimensions: [Int] = []
        for d in 0..<rank {
            let o = 4 + 4 * d
            dimensions.append(Int(UInt32(bytes[o]) << 24 | UInt32(bytes[o + 1]) << 16 | UInt32(bytes[o + 2]) << 8 | UInt32(bytes[o + 3])))
        }
        let (payload, overflow) = dimensions.reduce((1, false)) { acc, d in
            let (p, o) = acc.0.multipliedReportingOverflow(by: d)
            return (p, acc.1 || o)
        }
        guard !overflow else { throw DataError.wrongDimensions(file: name, found: dimensions, expected: "sizes whose product fits in memory") }
        let expected = headerSize + payload
        if bytes.count < expected { throw DataError.truncated(file: name, expected: expected, actual: bytes.count) }
        if bytes.count > expected { throw DataError.trailingBytes(file: name, expected: expected, actual: bytes.count) }
        return IDXArray(dimensions: dimensions, bytes: Array(bytes[headerSize...]))
    }

    /// The bytes of an uncompressed IDX file holding `array` (the inverse of `decode`).
    ///
    ///     let data = IDX.encode(IDXArray(dimensions: [3], bytes: [1, 2, 3]))
    ///     // 00 00 08 01 | 00 00 00 03 | 01 02 03
    public static func encode(_ array: IDXArray) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(array.dimensions.count)]
        out.reserveCapacity(out.count + 4 * array.dimensions.count + array.bytes.count)
        for d in array.dimensions {
            let v = UInt32(d)
            out += [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)]
        }
        out += array.bytes
        return out
    }

    /// Reads an images file: an IDX array of rank 3, `[count, rows, cols]` (magic 2051).
    ///
    ///     let images = try IDX.readImages(url)   // dimensions [10000, 28, 28]
    public static func readImages(_ url: URL) throws -> IDXArray {
        let array = try read(url)
        guard array.dimensions.count == 3, array.dimensions[1] > 0, array.dimensions[2] > 0 else {
            throw DataError.wrongDimensions(file: url.lastPathComponent, found: array.dimensions,
                                            expected: "[count, rows, cols] for an images file (magic 2051)")
        }
        return array
    }

    /// Reads a labels file: an IDX array of rank 1, `[count]` (magic 2049).
    ///
    ///     let labels = try IDX.readLabels(url)   // [5, 0, 4, 1, 9, …]
    public static func readLabels(_ url: URL) throws -> [Int] {
        let array = try read(url)
        guard array.dimensions.count == 1 else {
            throw DataError.wrongDimensions(file: url.lastPathComponent, found: array.dimensions,
                                            expected: "[count] for a labels file (magic 2049)")
        }
        return array.bytes.map(Int.init)
    }

    /// Reads a matching pair of images and labels files into an in-memory dataset; the two counts must agree.
    ///
    ///     let test = try IDX.loadDataset(images: dir.appendingPathComponent("t10k-images-idx3-ubyte"),
    ///                                    labels: dir.appendingPathComponent("t10k-labels-idx1-ubyte"))
    public static func loadDataset(images: URL, labels: URL, classNames: [String]? = nil) throws -> ImageDataset {
        let pixels = try readImages(images)
        let labelValues = try readLabels(labels)
        guard pixels.dimensions[0] == labelValues.count else {
            throw DataError.countMismatch(imagesFile: images.lastPathComponent, images: pixels.dimensions[0],
                                          labelsFile: labels.lastPathComponent, labels: labelValues.count)
        }
        let classes = classNames ?? (0...(labelValues.max() ?? 0)).map(String.init)
        return try ImageDataset(pixels: pixels.bytes, labels: labelValues, channels: 1,
                                height: pixels.dimensions[1], width: pixels.dimensions[2], classNames: classes)
    }

    static func readFile(_ url: URL) throws -> Data {
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataError.fileNotFound(path: url.path) }
        do { return try Data(contentsOf: url) } catch {
            throw DataError.unreadable(path: url.path, reason: DataError.reason(error))
        }
    }
}
