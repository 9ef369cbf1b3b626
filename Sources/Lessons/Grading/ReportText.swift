/// What a graded program printed, made safe to show: control characters (cursor movement, colour, clear-screen,
/// window titles) become visible escapes, so a submission cannot rewrite the report in a terminal.
///
///     ReportText.visible("ok\u{1B}[1A\u{1B}[2Kpoints: 7/7")   // "ok\\e[1A\\e[2Kpoints: 7/7"
enum ReportText {
    static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.unicodeScalars.append(scalar)
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: out += "\\u{\(String(scalar.value, radix: 16))}"
            case 0x202A...0x202E, 0x2066...0x2069: out += "\\u{\(String(scalar.value, radix: 16))}"   // bidi overrides
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
