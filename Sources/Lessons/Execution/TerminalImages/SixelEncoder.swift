/// DEC sixel graphics: a picture as printable characters inside a device control string, understood by xterm
/// (`-ti vt340`), foot, mlterm, WezTerm, Windows Terminal and others.
///
///     ESC P 0;1;0 q  "1;1;W;H       start; 1:1 pixels, W × H
///     #3;2;100;50;0                 palette entry 3 = red 100 %, green 50 %, blue 0 %
///     #3 ~~~!12@ $                  colour 3: one sixel character per column, `!12@` repeats `@` 12 times;
///                                   `$` returns to the band's left edge for the next colour
///     -                             next band of six rows
///     ESC \                         end
///
/// Each character (`?` + bits) paints the pixels of one column of a six-row band whose bit is set, bit 0 at the
/// top. Every pixel is painted exactly once, in its palette colour.
///
///     let text = SixelEncoder.encode(IndexedPixels(quantizing: pixels))
public enum SixelEncoder {
    public static func encode(_ image: IndexedPixels) -> String {
        var out = "\u{1B}P0;1;0q\"1;1;\(image.width);\(image.height)"
        for (index, color) in image.palette.enumerated() {
            let percent = color.map { (Int($0) * 100 + 127) / 255 }
            out += "#\(index);2;\(percent[0]);\(percent[1]);\(percent[2])"
        }
        for bandTop in stride(from: 0, to: image.height, by: 6) {
            // For each colour in this band, the six-bit column patterns across the width.
            var patterns: [Int: [UInt8]] = [:]
            for row in 0..<min(6, image.height - bandTop) {
                let base = (bandTop + row) * image.width
                for x in 0..<image.width {
                    patterns[image.indices[base + x], default: [UInt8](repeating: 0, count: image.width)][x] |= 1 << row
                }
            }
            let colors = patterns.keys.sorted()
            for (n, color) in colors.enumerated() {
                out += "#\(color)" + runs(patterns[color]!)
                out += n == colors.count - 1 ? "" : "$"
            }
            if bandTop + 6 < image.height { out += "-" }
        }
        return out + "\u{1B}\\"
    }

    /// One colour's row of sixels, with runs of four or more written `!count<char>` and trailing blanks dropped.
    static func runs(_ bits: [UInt8]) -> String {
        var end = bits.count
        while end > 0 && bits[end - 1] == 0 { end -= 1 }
        var out = ""
        var x = 0
        while x < end {
            var next = x + 1
            while next < end && bits[next] == bits[x] { next += 1 }
            let character = String(UnicodeScalar(63 + bits[x]))
            out += next - x >= 4 ? "!\(next - x)\(character)" : String(repeating: character, count: next - x)
            x = next
        }
        return out
    }
}
