/// A progress bar redraws its line with `\r`; keep what the line finally showed.
///
///     collapseCarriageReturns("50%\r100%\n")   // "100%\n"
func collapseCarriageReturns(_ text: String) -> String {
    // Work on scalars: in Swift "\r\n" is one Character, and a redraw often ends with "\r" before a newline.
    let scalars = text.unicodeScalars
    guard scalars.contains("\r") else { return text }
    var out = String.UnicodeScalarView()
    for line in scalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if line.offset > 0 { out.append("\n") }
        let parts = line.element.split(separator: "\r", omittingEmptySubsequences: false)
        out.append(contentsOf: parts.last(where: { !$0.isEmpty }) ?? Substring.UnicodeScalarView())
    }
    return String(out)
}
