import XCTest
import Render

/// Pixel statistics of a rendered PNG, computed from the decoded pixels (not from how the picture was drawn).
struct PixelStats {
    let width: Int
    let height: Int
    let rgb: [UInt8]

    init(_ png: PNGImage) throws {
        // Decode the bytes again, so the size we check is the one written into the file.
        let decoded = try PNGImage(pngData: png.data)
        width = decoded.width
        height = decoded.height
        rgb = try decoded.rgbPixels()
    }

    func isColor(_ x: Int, _ y: Int, _ c: Color) -> Bool {
        let i = (y * width + x) * 3
        return rgb[i] == c.r && rgb[i + 1] == c.g && rgb[i + 2] == c.b
    }

    /// How many pixels have exactly this colour.
    func count(_ c: Color) -> Int {
        var n = 0
        for y in 0..<height { for x in 0..<width where isColor(x, y, c) { n += 1 } }
        return n
    }

    /// The mean position of the pixels of exactly this colour.
    func centroid(_ c: Color) -> (x: Double, y: Double)? {
        var sx = 0.0, sy = 0.0, n = 0.0
        for y in 0..<height { for x in 0..<width where isColor(x, y, c) { sx += Double(x); sy += Double(y); n += 1 } }
        return n == 0 ? nil : (sx / n, sy / n)
    }

    /// For each image column containing the colour, the mean y of its pixels there.
    func columnCentres(_ c: Color) -> [(x: Double, y: Double)] {
        var out: [(Double, Double)] = []
        for x in 0..<width {
            var sy = 0.0, n = 0.0
            for y in 0..<height where isColor(x, y, c) { sy += Double(y); n += 1 }
            if n > 0 { out.append((Double(x), sy / n)) }
        }
        return out
    }
}

/// R² of the least-squares straight line through the points (1 = exactly on a line).
func linearFitR2(_ points: [(x: Double, y: Double)]) -> Double {
    let n = Double(points.count)
    let mx = points.map(\.x).reduce(0, +) / n, my = points.map(\.y).reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for p in points { sxy += (p.x - mx) * (p.y - my); sxx += (p.x - mx) * (p.x - mx); syy += (p.y - my) * (p.y - my) }
    return sxy * sxy / (sxx * syy)
}

/// Asserts that `body` throws a PictureError whose message contains `fragment`.
func assertPictureError(_ fragment: String, file: StaticString = #filePath, line: UInt = #line,
                        _ body: () throws -> Void) {
    do {
        try body()
        XCTFail("expected an error mentioning \"\(fragment)\"", file: file, line: line)
    } catch let error as PictureError {
        XCTAssertTrue(error.description.contains(fragment), "message was: \(error.description)", file: file, line: line)
    } catch {
        XCTFail("expected a PictureError, got \(error)", file: file, line: line)
    }
}
