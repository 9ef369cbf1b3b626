import Foundation
import Render

/// How `course run` puts a picture in the terminal: inline in the chosen protocol, scaled to the terminal, else
/// (no protocol, or a file that does not decode) as the path, a clickable OSC 8 link when `links` is on.
///
///     let pictures = TerminalPictures(protocol: .kitty, size: TerminalSize.current() ?? .fallback, links: true)
///     print(pictures.show(file: url, width: 1280, height: 800, caption: "line chart: loss"))
public struct TerminalPictures: Sendable {
    public var imageProtocol: TerminalImageProtocol
    public var size: TerminalSize
    /// Print paths as OSC 8 hyperlinks (on a terminal).
    public var links: Bool
    /// Wrap each picture in tmux's passthrough (`ESC P tmux; … ESC \`, inner ESCs doubled), so that it reaches the
    /// terminal tmux runs in (tmux needs `set -g allow-passthrough on`). Only when a protocol was chosen in tmux.
    public var tmuxPassthrough: Bool

    public init(protocol imageProtocol: TerminalImageProtocol, size: TerminalSize = .fallback, links: Bool = false,
                tmuxPassthrough: Bool = false) {
        self.imageProtocol = imageProtocol
        self.size = size
        self.links = links
        self.tmuxPassthrough = tmuxPassthrough
    }

    /// Plain paths, no pictures: what a pipe or a file gets.
    public static let paths = TerminalPictures(protocol: .none)

    /// A caption line (`🖼  caption 1280×800: path`), then the picture drawn inline when the terminal can.
    public func show(file: URL, width: Int, height: Int, caption: String) -> String {
        let path = Lesson.relativePath(of: file)
        let shownPath = links ? InlineImageEncoder.hyperlink(path, to: file.standardizedFileURL) : path
        let line = "🖼  \(caption) \(width)×\(height): \(shownPath)\n"
        guard imageProtocol != TerminalImageProtocol.none, let drawn = try? inline(file: file) else { return line }
        guard tmuxPassthrough else { return line + drawn + "\n" }
        return line + "\u{1B}Ptmux;" + drawn.replacingOccurrences(of: "\u{1B}", with: "\u{1B}\u{1B}") + "\u{1B}\\\n"
    }

    /// The escape sequence that draws the picture in `file`.
    public func inline(file: URL) throws -> String {
        let bytes = [UInt8](try Data(contentsOf: file))
        let png = try PNGImage(pngData: bytes)
        let fit = size.fit(width: png.width, height: png.height)
        switch imageProtocol {
        case .kitty: return InlineImageEncoder.kitty(png: bytes, columns: fit.columns, rows: fit.rows)
        case .iterm: return InlineImageEncoder.iterm(png: bytes, columns: fit.columns, rows: fit.rows)
        case .sixel:
            let pixels = try RGBPixels(png: png).resized(width: fit.width, height: fit.height)
            return SixelEncoder.encode(IndexedPixels(quantizing: pixels))
        case .none: return ""
        }
    }
}
