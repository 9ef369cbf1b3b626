import Foundation

/// The terminal's size in character cells and, when it tells (`TIOCGWINSZ`'s pixel fields), in pixels.
///
///     let size = TerminalSize.current() ?? .fallback
///     size.cellWidth   // e.g. 9.0 pixels per column
public struct TerminalSize: Equatable, Sendable {
    public var columns: Int
    public var rows: Int
    /// Width and height of the text area in pixels; 0 when the terminal does not say.
    public var pixelWidth: Int
    public var pixelHeight: Int

    public init(columns: Int, rows: Int, pixelWidth: Int = 0, pixelHeight: Int = 0) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
        self.pixelWidth = max(0, pixelWidth)
        self.pixelHeight = max(0, pixelHeight)
    }

    /// 80 × 24 cells of 10 × 20 pixels: what a terminal that tells nothing is assumed to be.
    public static let fallback = TerminalSize(columns: 80, rows: 24)

    /// Pixels per cell: measured when the terminal reports its pixel size, else a common 10 × 20.
    public var cellWidth: Double { pixelWidth > 0 ? Double(pixelWidth) / Double(columns) : 10 }
    public var cellHeight: Double { pixelHeight > 0 ? Double(pixelHeight) / Double(rows) : 20 }

    /// The size of the terminal on `fd` (stdout by default), nil when it is not a terminal.
    public static func current(fd: Int32 = STDOUT_FILENO) -> TerminalSize? {
        var size = winsize()
        guard withUnsafeMutablePointer(to: &size, { ioctl(fd, UInt(TIOCGWINSZ), $0) }) == 0, size.ws_col > 0 else { return nil }
        return TerminalSize(columns: Int(size.ws_col), rows: Int(size.ws_row),
                            pixelWidth: Int(size.ws_xpixel), pixelHeight: Int(size.ws_ypixel))
    }

    /// The size, in pixels and in cells, to show a `width × height` picture at: as large as it is, shrunk to fit
    /// the terminal's width (one column spare) and most of its height, and small pixel pictures (a 28×28 digit)
    /// enlarged to about 224 pixels, as on the site.
    ///
    ///     TerminalSize(columns: 80, rows: 24).fit(width: 1280, height: 800)   // 672×420 px: 68 columns, 21 rows
    public func fit(width: Int, height: Int) -> (width: Int, height: Int, columns: Int, rows: Int) {
        guard width > 0, height > 0 else { return (0, 0, 0, 0) }
        let maxWidth = Double(columns - 1) * cellWidth
        let maxHeight = Double(max(4, rows - 3)) * cellHeight
        var scale = min(1, maxWidth / Double(width), maxHeight / Double(height))
        if max(width, height) <= 64 { scale = min(maxWidth / Double(width), (224 / Double(max(width, height))).rounded(.down)) }
        let w = max(1, Int((Double(width) * scale).rounded()))
        let h = max(1, Int((Double(height) * scale).rounded()))
        return (w, h, max(1, Int((Double(w) / cellWidth).rounded(.up))), max(1, Int((Double(h) / cellHeight).rounded(.up))))
    }
}
