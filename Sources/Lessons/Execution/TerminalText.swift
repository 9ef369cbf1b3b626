/// Text a program printed, made safe for a terminal: escape sequences that move the cursor, clear the screen,
/// set the window title or talk to the terminal (OSC, DCS) become visible (`␛[2J`), so a cell cannot rewrite what
/// `course run` printed before it, and a submission cannot forge its grade report. Colour (SGR, `ESC[…m`) is kept
/// when asked — `course run` keeps it; reports keep nothing.
///
///     TerminalText.safe("\u{1B}[31mred\u{1B}[0m\u{1B}[2J", keepColour: true)   // red kept, "␛[2J" shown
enum TerminalText {
    static func safe(_ text: String, keepColour: Bool) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\u{1B}", keepColour, let end = colourSequenceEnd(scalars, from: index) {
                out.append(contentsOf: scalars[index...end])
                index = end + 1
                continue
            }
            switch scalar.value {
            case 0x0A, 0x09: out.append(scalar)
            case 0x0D where keepColour: out.append(scalar)   // progress bars redraw their line with \r
            case 0x1B: out.append(contentsOf: "␛".unicodeScalars)
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default: out.append(scalar)
            }
            index += 1
        }
        return String(out)
    }

    /// The index of the final `m` of an SGR sequence `ESC [ digits;… m` starting at `start`, if it is one.
    private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
        var index = start + 2
        while index < scalars.count, index - start < 64 {
            let scalar = scalars[index]
            if scalar == "m" { return index }
            guard ("0"..."9").contains(scalar) || scalar == ";" else { return nil }
            index += 1
        }
        return nil
    }
}

/// What a graded program printed, as a report shows it: no control characters at all.
enum ReportText {
    static func visible(_ text: String) -> String { TerminalText.safe(text, keepColour: false) }
}
