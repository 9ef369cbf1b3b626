/// Reads a sixel stream back into palette indices per pixel, independently of `SixelEncoder`: the DCS start,
/// raster attributes, colour definitions (`#i;2;r;g;b`), colour selection, repeats, `$` and `-`.
struct SixelDecoder {
    var width = 0
    var height = 0
    /// Palette as percentages (0…100) per channel.
    var palette: [Int: [Int]] = [:]
    /// Palette index per pixel; -1 where nothing was painted.
    var indices: [Int] = []
    /// Pixels painted more than once.
    var overpainted = 0

    enum Failure: Error { case malformed(String) }

    init(_ text: String) throws {
        let s = Array(text.unicodeScalars)
        guard s.count > 4, s[0] == "\u{1B}", s[1] == "P" else { throw Failure.malformed("no DCS start") }
        guard let q = s.firstIndex(of: "q") else { throw Failure.malformed("no q") }
        guard s.suffix(2) == ["\u{1B}", "\\"] else { throw Failure.malformed("no string terminator") }
        var i = q + 1
        func number() -> Int {
            var value = 0
            while i < s.count, let digit = Int(String(s[i])), s[i].isASCII { value = value * 10 + digit; i += 1 }
            return value
        }
        func numbers() -> [Int] {
            var list = [number()]
            while i < s.count, s[i] == ";" { i += 1; list.append(number()) }
            return list
        }
        var x = 0, bandTop = 0, color = 0
        while i < s.count - 2 {
            let c = s[i]
            switch c {
            case "\"":
                i += 1
                let raster = numbers()
                guard raster.count == 4 else { throw Failure.malformed("raster \(raster)") }
                width = raster[2]; height = raster[3]
                indices = [Int](repeating: -1, count: width * height)
            case "#":
                i += 1
                let parts = numbers()
                if parts.count == 5 {
                    guard parts[1] == 2 else { throw Failure.malformed("colour space \(parts[1])") }
                    palette[parts[0]] = Array(parts[2...])
                }
                color = parts[0]
            case "$": x = 0; i += 1
            case "-": x = 0; bandTop += 6; i += 1
            case "!":
                i += 1
                let count = number()
                try paint(s[i], times: count, x: &x, bandTop: bandTop, color: color)
                i += 1
            default:
                try paint(c, times: 1, x: &x, bandTop: bandTop, color: color)
                i += 1
            }
        }
    }

    private mutating func paint(_ c: Unicode.Scalar, times: Int, x: inout Int, bandTop: Int, color: Int) throws {
        guard (63...126).contains(c.value) else { throw Failure.malformed("character \(c.value)") }
        let bits = Int(c.value) - 63
        for _ in 0..<times {
            for row in 0..<6 where bits & (1 << row) != 0 {
                let y = bandTop + row
                guard x < width, y < height else { throw Failure.malformed("pixel \(x),\(y) outside") }
                if indices[y * width + x] != -1 { overpainted += 1 }
                indices[y * width + x] = color
            }
            x += 1
        }
    }
}
