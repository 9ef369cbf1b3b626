import Foundation

/// The two protocols that take the PNG file as it is, base64-encoded, and scale it in the terminal.
///
///     InlineImageEncoder.kitty(png: bytes, columns: 60, rows: 19)
///     InlineImageEncoder.iterm(png: bytes, columns: 60, rows: 19)
public enum InlineImageEncoder {
    /// kitty's graphics protocol: `ESC _ G <keys> ; <base64> ESC \`, at most 4096 base64 characters a chunk,
    /// `m=1` on every chunk but the last. `a=T` transmits and shows, `f=100` says PNG, `c`/`r` the cells to
    /// cover, `q=2` asks the terminal not to answer (an answer would arrive on the program's input).
    public static func kitty(png: [UInt8], columns: Int, rows: Int) -> String {
        let payload = Data(png).base64EncodedString()
        var out = ""
        var start = payload.startIndex
        var first = true
        repeat {
            let end = payload.index(start, offsetBy: 4096, limitedBy: payload.endIndex) ?? payload.endIndex
            let more = end < payload.endIndex ? 1 : 0
            let keys = first ? "a=T,f=100,t=d,q=2,c=\(columns),r=\(rows),m=\(more)" : "m=\(more)"
            out += "\u{1B}_G\(keys);\(payload[start..<end])\u{1B}\\"
            start = end
            first = false
        } while start < payload.endIndex
        return out
    }

    /// iTerm2's inline images (also WezTerm): `ESC ] 1337 ; File=<keys> : <base64 of the file> BEL`, sized in cells.
    public static func iterm(png: [UInt8], columns: Int, rows: Int) -> String {
        "\u{1B}]1337;File=inline=1;size=\(png.count);width=\(columns);height=\(rows);preserveAspectRatio=1:"
            + Data(png).base64EncodedString() + "\u{07}"
    }

    /// A link a terminal may make clickable (OSC 8): `ESC ] 8 ; ; file://… ESC \ text ESC ] 8 ; ; ESC \`.
    public static func hyperlink(_ text: String, to url: URL) -> String {
        "\u{1B}]8;;\(url.absoluteString)\u{1B}\\\(text)\u{1B}]8;;\u{1B}\\"
    }
}
