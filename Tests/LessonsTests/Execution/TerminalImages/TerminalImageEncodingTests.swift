import Foundation
import Lessons
import Render
import XCTest

/// What `course run` writes to draw a picture, read back: kitty's and iTerm2's payloads decode to the very PNG
/// file, and a sixel stream parses back to the quantised picture's pixels, each painted once.
final class TerminalImageEncodingTests: XCTestCase {
    /// A real chart from Render (anti-aliased lines: thousands of colours) and its PNG bytes.
    private func chart() throws -> PNGImage {
        try LineChart(title: "loss", xLabel: "epoch", yLabel: "loss",
                      series: [Series("train", y: [2.3, 1.1, 0.6, 0.4, 0.3]), Series("test", y: [2.2, 1.3, 0.9, 0.8, 0.8])])
            .render(width: 320, height: 200)
    }

    func testKittyChunksCarryThePNGFileAndTheCellsToCover() throws {
        let png = try chart()
        let text = InlineImageEncoder.kitty(png: png.data, columns: 40, rows: 10)
        let chunks = text.components(separatedBy: "\u{1B}\\").dropLast()
        XCTAssertGreaterThan(chunks.count, 1, "a 320×200 chart needs several 4096-character chunks")
        var payload = ""
        for (n, chunk) in chunks.enumerated() {
            XCTAssertTrue(chunk.hasPrefix("\u{1B}_G"))
            let parts = chunk.dropFirst(3).split(separator: ";", maxSplits: 1).map(String.init)
            let keys = Dictionary(uniqueKeysWithValues: parts[0].split(separator: ",").map {
                let kv = $0.split(separator: "="); return (String(kv[0]), String(kv[1]))
            })
            XCTAssertEqual(keys["m"], n == chunks.count - 1 ? "0" : "1")
            if n == 0 {
                XCTAssertEqual(keys["a"], "T"); XCTAssertEqual(keys["f"], "100"); XCTAssertEqual(keys["q"], "2")
                XCTAssertEqual(keys["c"], "40"); XCTAssertEqual(keys["r"], "10")
            } else {
                XCTAssertEqual(keys.count, 1, "later chunks carry only m")
            }
            XCTAssertLessThanOrEqual(parts[1].count, 4096)
            if n < chunks.count - 1 { XCTAssertEqual(parts[1].count % 4, 0, "a chunk ends on a base64 boundary") }
            payload += parts[1]
        }
        let decoded = try XCTUnwrap(Data(base64Encoded: payload))
        XCTAssertEqual([UInt8](decoded), png.data)
        XCTAssertEqual(try PNGImage(pngData: [UInt8](decoded)).rgbPixels(), try png.rgbPixels())
    }

    func testITermPayloadIsTheFileWithItsSize() throws {
        let png = try chart()
        let text = InlineImageEncoder.iterm(png: png.data, columns: 30, rows: 8)
        XCTAssertTrue(text.hasPrefix("\u{1B}]1337;File=")); XCTAssertTrue(text.hasSuffix("\u{07}"))
        let body = text.dropFirst("\u{1B}]1337;File=".count).dropLast()
        let colon = try XCTUnwrap(body.firstIndex(of: ":"))
        let keys = Dictionary(uniqueKeysWithValues: body[..<colon].split(separator: ";").map {
            let kv = $0.split(separator: "="); return (String(kv[0]), String(kv[1]))
        })
        XCTAssertEqual(keys["inline"], "1")
        XCTAssertEqual(keys["size"], String(png.data.count))
        XCTAssertEqual(keys["width"], "30"); XCTAssertEqual(keys["height"], "8")
        let decoded = try XCTUnwrap(Data(base64Encoded: String(body[body.index(after: colon)...])))
        XCTAssertEqual([UInt8](decoded), png.data)
    }

    func testSixelParsesBackToTheQuantisedPixels() throws {
        // 61 rows: ten bands of six and a last band of one row.
        let pixels = try RGBPixels(png: chart()).resized(width: 97, height: 61)
        let indexed = IndexedPixels(quantizing: pixels, maxColors: 256)
        let decoded = try SixelDecoder(SixelEncoder.encode(indexed))
        XCTAssertEqual(decoded.width, 97); XCTAssertEqual(decoded.height, 61)
        XCTAssertEqual(decoded.overpainted, 0, "every pixel is painted once")
        XCTAssertFalse(decoded.indices.contains(-1), "every pixel is painted")
        XCTAssertEqual(decoded.indices, indexed.indices)
        for (index, color) in indexed.palette.enumerated() {
            let percent = try XCTUnwrap(decoded.palette[index])
            for channel in 0..<3 {
                XCTAssertEqual(Double(percent[channel]) * 2.55, Double(color[channel]), accuracy: 1.28)
            }
        }
    }

    func testSixelOfAOneRowPictureHasOneBand() throws {
        let pixels = RGBPixels(width: 5, height: 1, bytes: [255, 0, 0, 255, 0, 0, 0, 0, 255, 255, 0, 0, 255, 0, 0])
        let text = SixelEncoder.encode(IndexedPixels(quantizing: pixels))
        XCTAssertFalse(text.contains("-"))
        let decoded = try SixelDecoder(text)
        XCTAssertEqual(decoded.indices.map { decoded.palette[$0]! },
                       [[100, 0, 0], [100, 0, 0], [0, 0, 100], [100, 0, 0], [100, 0, 0]])
    }

    func testFewColoursAreKeptExactly() throws {
        let digit = try GrayImage(bytes: (0..<64).map { UInt8($0 * 4) }, width: 8, height: 8).png(scale: 2)
        let pixels = try RGBPixels(png: digit)
        let indexed = IndexedPixels(quantizing: pixels, maxColors: 256)
        XCTAssertEqual(indexed.palette.count, 64)
        XCTAssertEqual(indexed.rgb, pixels)
    }

    func testMedianCutOfManyColoursStaysClose() throws {
        // 64 × 64 pixels, every one a different colour: a smooth red–green ramp with blue stripes.
        var bytes: [UInt8] = []
        for y in 0..<64 { for x in 0..<64 { bytes += [UInt8(x * 4), UInt8(y * 4), UInt8((x + y) % 8 * 32)] } }
        let pixels = RGBPixels(width: 64, height: 64, bytes: bytes)
        let indexed = IndexedPixels(quantizing: pixels, maxColors: 256)
        XCTAssertEqual(indexed.palette.count, 256)
        let error = zip(indexed.rgb.bytes, bytes).map { abs(Int($0) - Int($1)) }
        let mean = Double(error.reduce(0, +)) / Double(error.count)
        // The fixed web-safe cube (6 levels a channel, 216 colours) is the yardstick a palette fitted to the picture
        // must beat.
        let cube = bytes.map { v -> Int in let level = (Int(v) * 5 + 127) / 255 * 51; return abs(level - Int(v)) }
        let cubeMean = Double(cube.reduce(0, +)) / Double(cube.count)
        XCTAssertLessThan(mean, cubeMean * 0.9, "median cut \(mean), web-safe cube \(cubeMean)")
        XCTAssertLessThan(error.max()!, 64)
    }

    func testShrinkingAveragesAndEnlargingRepeats() {
        let pixels = RGBPixels(width: 2, height: 2, bytes: [0, 0, 0, 100, 100, 100, 200, 200, 200, 255, 255, 255])
        XCTAssertEqual(pixels.resized(width: 1, height: 1).bytes, [139, 139, 139], "(0+100+200+255)/4 = 138.75")
        let big = pixels.resized(width: 4, height: 4)
        XCTAssertEqual(big.pixel(x: 1, y: 1).r, 0); XCTAssertEqual(big.pixel(x: 2, y: 1).r, 100)
        XCTAssertEqual(big.pixel(x: 3, y: 3).r, 255)
    }
}
