import CGD
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a piece of text sits relative to the point it is drawn at.
enum HAlign { case left, center, right }
enum VAlign { case top, middle, baseline, bottom }

/// A true-colour libgd image with the few drawing operations the charts need.
///
/// Shapes are anti-aliased by computing each pixel's coverage (the distance from the pixel centre to the shape's
/// edge) and blending; text is anti-aliased by FreeType (gdImageStringFT). Nothing here reads a clock or a random
/// generator, so the same drawing calls give the same PNG bytes.
final class Canvas {
    let width: Int
    let height: Int
    private let image: gdImagePtr
    /// When set, anti-aliased shapes only touch pixels inside this rectangle (x0..<x1, y0..<y1).
    var clip: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil

    static let regularFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let boldFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    /// libgd's FreeType cache must be set up once before text is drawn from several threads.
    private static let fontCacheReady: Bool = gdFontCacheSetup() == 0

    init(width: Int, height: Int, background: Color = Theme.background, what: String = "picture") throws {
        guard width >= 1, height >= 1, width <= 16384, height <= 16384, width * height <= 50_000_000 else {
            throw PictureError.invalidSize(what: what, width: width, height: height)
        }
        guard let image = gdImageCreateTrueColor(Int32(width), Int32(height)) else {
            throw PictureError.drawingFailed("libgd could not allocate a \(width)×\(height) image")
        }
        self.width = width
        self.height = height
        self.image = image
        gdImageAlphaBlending(image, 1)
        gdImageSaveAlpha(image, 0)
        gdImageFilledRectangle(image, 0, 0, Int32(width - 1), Int32(height - 1), background.gd)
    }

    deinit { gdImageDestroy(image) }

    // MARK: Pixels and rectangles

    /// Sets one pixel (ignored outside the image).
    func set(_ x: Int, _ y: Int, _ color: Color) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        image.pointee.tpixels[y]![x] = color.gd
    }

    /// Mixes `color` into a pixel with weight `alpha` (0 leaves it, 1 replaces it).
    func blend(_ x: Int, _ y: Int, _ color: Color, _ alpha: Double) {
        guard alpha > 0, x >= 0, y >= 0, x < width, y < height else { return }
        if let c = clip, x < c.x0 || x >= c.x1 || y < c.y0 || y >= c.y1 { return }
        let old = image.pointee.tpixels[y]![x]
        let current = Color(r: UInt8((old >> 16) & 0xFF), g: UInt8((old >> 8) & 0xFF), b: UInt8(old & 0xFF))
        image.pointee.tpixels[y]![x] = current.mixed(with: color, alpha).gd
    }

    /// Fills the pixels with x in x0..<x1 and y in y0..<y1 (clipped to the image).
    func fill(x0: Int, y0: Int, x1: Int, y1: Int, _ color: Color) {
        let ax = max(0, min(x0, x1)), bx = min(width, max(x0, x1))
        let ay = max(0, min(y0, y1)), by = min(height, max(y0, y1))
        guard ax < bx, ay < by else { return }
        gdImageFilledRectangle(image, Int32(ax), Int32(ay), Int32(bx - 1), Int32(by - 1), color.gd)
    }

    /// The outline of a rectangle, `thickness` pixels wide, drawn inside x0..<x1, y0..<y1.
    func frame(x0: Int, y0: Int, x1: Int, y1: Int, thickness: Int, _ color: Color) {
        fill(x0: x0, y0: y0, x1: x1, y1: y0 + thickness, color)
        fill(x0: x0, y0: y1 - thickness, x1: x1, y1: y1, color)
        fill(x0: x0, y0: y0, x1: x0 + thickness, y1: y1, color)
        fill(x0: x1 - thickness, y0: y0, x1: x1, y1: y1, color)
    }

    // MARK: Anti-aliased shapes

    /// A polyline `lineWidth` pixels wide with round joins and caps. Points with a non-finite coordinate break the
    /// line in two (so missing values leave a gap). Each pixel is blended once, with its largest coverage, so
    /// joins are as smooth as the segments.
    func polyline(_ points: [(x: Double, y: Double)], lineWidth: Double, _ color: Color, opacity: Double = 1) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard !finite.isEmpty else { return }
        let r = lineWidth / 2
        let minX = max(0, pixel((finite.map(\.x).min()! - r - 2).rounded(.down)))
        let maxX = min(width - 1, pixel((finite.map(\.x).max()! + r + 2).rounded(.up)))
        let minY = max(0, pixel((finite.map(\.y).min()! - r - 2).rounded(.down)))
        let maxY = min(height - 1, pixel((finite.map(\.y).max()! + r + 2).rounded(.up)))
        guard minX <= maxX, minY <= maxY else { return }
        let w = maxX - minX + 1
        var coverage = [Double](repeating: 0, count: w * (maxY - minY + 1))

        func stamp(_ a: (x: Double, y: Double), _ b: (x: Double, y: Double)) {
            let x0 = max(minX, pixel((min(a.x, b.x) - r - 1).rounded(.down)))
            let x1 = min(maxX, pixel((max(a.x, b.x) + r + 1).rounded(.up)))
            let y0 = max(minY, pixel((min(a.y, b.y) - r - 1).rounded(.down)))
            let y1 = min(maxY, pixel((max(a.y, b.y) + r + 1).rounded(.up)))
            guard x0 <= x1, y0 <= y1 else { return }
            let dx = b.x - a.x, dy = b.y - a.y
            let length2 = dx * dx + dy * dy
            for py in y0...y1 {
                for px in x0...x1 {
                    // Distance from the pixel centre to the segment a–b.
                    let cx = Double(px) + 0.5 - a.x, cy = Double(py) + 0.5 - a.y
                    let t = length2 > 0 ? min(max((cx * dx + cy * dy) / length2, 0), 1) : 0
                    let ex = cx - t * dx, ey = cy - t * dy
                    let c = min(max(r + 0.5 - (ex * ex + ey * ey).squareRoot(), 0), 1)
                    let i = (py - minY) * w + (px - minX)
                    if c > coverage[i] { coverage[i] = c }
                }
            }
        }

        var previous: (x: Double, y: Double)? = nil
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { previous = nil; continue }
            stamp(previous ?? p, p)
            previous = p
        }
        for py in minY...maxY {
            for px in minX...maxX {
                let c = coverage[(py - minY) * w + (px - minX)]
                if c > 0 { blend(px, py, color, c * opacity) }
            }
        }
    }

    /// A straight anti-aliased line.
    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, lineWidth: Double, _ color: Color) {
        polyline([(x0, y0), (x1, y1)], lineWidth: lineWidth, color)
    }

    /// A filled anti-aliased disk.
    func disk(cx: Double, cy: Double, radius: Double, _ color: Color, opacity: Double = 1) {
        let x0 = max(0, pixel(cx - radius - 1)), x1 = min(width - 1, pixel(cx + radius + 1))
        let y0 = max(0, pixel(cy - radius - 1)), y1 = min(height - 1, pixel(cy + radius + 1))
        guard x0 <= x1, y0 <= y1 else { return }
        for py in y0...y1 {
            for px in x0...x1 {
                let dx = Double(px) + 0.5 - cx, dy = Double(py) + 0.5 - cy
                let c = min(max(radius + 0.5 - (dx * dx + dy * dy).squareRoot(), 0), 1)
                if c > 0 { blend(px, py, color, c * opacity) }
            }
        }
    }

    // MARK: Text (DejaVu Sans through FreeType)

    /// Checks the font exists, so a missing package gives a sentence instead of an empty picture.
    static func requireFonts() throws {
        for path in [regularFont, boldFont] {
            if access(path, R_OK) != 0 { throw PictureError.fontMissing(path: path) }
        }
        _ = fontCacheReady
    }

    /// The advance width of `text` in pixels at `size` pixels per em.
    func textWidth(_ text: String, size: Double, bold: Bool = false) throws -> Int {
        try Canvas.textWidth(text, size: size, bold: bold)
    }

    static func textWidth(_ text: String, size: Double, bold: Bool = false) throws -> Int {
        guard !text.isEmpty else { return 0 }
        try requireFonts()
        var rect = [Int32](repeating: 0, count: 8)
        let error = gdImageStringFT(nil, &rect, 0, bold ? boldFont : regularFont, points(size), 0, 0, 0, text)
        if let error { throw PictureError.drawingFailed("text \"\(text)\": \(String(cString: error))") }
        return Int(rect[2] - rect[0])
    }

    /// Draws `text` anchored at (x, y). `rotated` turns it 90° anticlockwise (reading bottom to top), and then
    /// the alignment refers to the rotated box: `hAlign` along the text, `vAlign` across it.
    func text(_ text: String, x: Double, y: Double, size: Double, color: Color = Theme.text, bold: Bool = false,
              hAlign: HAlign = .left, vAlign: VAlign = .baseline, rotated: Bool = false) throws {
        guard !text.isEmpty else { return }
        let w = Double(try textWidth(text, size: size, bold: bold))
        let along: Double
        switch hAlign {
        case .left: along = 0
        case .center: along = -w / 2
        case .right: along = -w
        }
        // DejaVu Sans: cap height ≈ 0.73 em, descender ≈ 0.24 em.
        let across: Double
        switch vAlign {
        case .top: across = 0.73 * size
        case .middle: across = 0.365 * size
        case .baseline: across = 0
        case .bottom: across = -0.24 * size
        }
        let ox = rotated ? x + across : x + along
        let oy = rotated ? y - along : y + across
        var rect = [Int32](repeating: 0, count: 8)
        let error = gdImageStringFT(image, &rect, color.gd, bold ? Canvas.boldFont : Canvas.regularFont,
                                    Canvas.points(size), rotated ? Double.pi / 2 : 0,
                                    Int32(pixel(ox.rounded())), Int32(pixel(oy.rounded())), text)
        if let error { throw PictureError.drawingFailed("text \"\(text)\": \(String(cString: error))") }
    }

    /// libgd sizes text in points at 96 dpi; we think in pixels per em.
    private static func points(_ pixels: Double) -> Double { pixels * 72 / 96 }

    // MARK: Copying and output

    /// Copies `source` into this canvas at (x, y), each source pixel becoming a `scale`×`scale` block.
    func draw(_ source: Canvas, x: Int, y: Int, scale: Int = 1) {
        if scale == 1 {
            gdImageCopy(image, source.image, Int32(x), Int32(y), 0, 0, Int32(source.width), Int32(source.height))
        } else {
            gdImageCopyResized(image, source.image, Int32(x), Int32(y), 0, 0,
                               Int32(source.width * scale), Int32(source.height * scale),
                               Int32(source.width), Int32(source.height))
        }
    }

    /// Encodes the canvas as PNG (libgd writes no time stamp, so equal pixels give equal bytes).
    func png() throws -> PNGImage {
        var size: Int32 = 0
        guard let pointer = gdImagePngPtr(image, &size) else {
            throw PictureError.drawingFailed("libgd could not encode the \(width)×\(height) image as PNG")
        }
        defer { gdFree(pointer) }
        let bytes = Array(UnsafeRawBufferPointer(start: pointer, count: Int(size)))
        return PNGImage(width: width, height: height, data: bytes)
    }
}

/// A pixel coordinate as an Int, clamped far outside any image first: a point mapped from a huge value
/// (1e20 on a 0…1 axis) must be clipped, not crash the conversion.
func pixel(_ v: Double) -> Int {
    guard v.isFinite else { return v > 0 ? 10_000_000 : -10_000_000 }
    return Int(min(max(v, -10_000_000), 10_000_000))
}
