/// What can go wrong while drawing or decoding a picture. Every case reads as a sentence for students.
///
///     do { _ = try PNGImage(pngData: [1, 2, 3]) }
///     catch let e as PictureError { print(e) }   // "these 3 bytes are not a PNG file …"
public enum PictureError: Error, Equatable, CustomStringConvertible, Sendable {
    case notAPNG(byteCount: Int)
    case corruptPNG(String)
    case pixelOutOfBounds(x: Int, y: Int, width: Int, height: Int)
    case fontMissing(path: String)
    case badShape(what: String, expected: Int, got: Int)
    case emptyData(what: String)
    case invalidSize(what: String, width: Int, height: Int)
    case tooSmall(what: String, width: Int, height: Int)
    case invalidArgument(String)
    case drawingFailed(String)

    public var description: String {
        switch self {
        case .notAPNG(let n):
            return "these \(n) bytes are not a PNG file (a PNG starts with the 8-byte signature 89 50 4E 47 0D 0A 1A 0A)"
        case .corruptPNG(let reason):
            return "the PNG data is damaged: \(reason)"
        case .pixelOutOfBounds(let x, let y, let w, let h):
            return "pixel (\(x), \(y)) is outside the \(w)×\(h) image (x must be in 0..<\(w), y in 0..<\(h))"
        case .fontMissing(let path):
            return "the font \(path) is missing; install it with `apt-get install fonts-dejavu-core`"
        case .badShape(let what, let expected, let got):
            return "\(what): expected \(expected) values for the given shape, got \(got)"
        case .emptyData(let what):
            return "\(what): there is nothing to draw (no values)"
        case .invalidSize(let what, let w, let h):
            return "\(what): \(w)×\(h) is not a usable picture size (each side 1…16384 pixels, at most 50 million pixels in all)"
        case .tooSmall(let what, let w, let h):
            return "\(what): at \(w)×\(h) pixels the labels leave no room for the plot; render it larger (say 640×400 or more)"
        case .invalidArgument(let message):
            return message
        case .drawingFailed(let message):
            return "drawing failed: \(message)"
        }
    }
}
