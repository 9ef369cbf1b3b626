// Heading ids: readable (`the-kernel-flip`), unique on their page, never one the page frame uses.

/// Gives each heading an id unique on its page (`relu`, `relu-2`, …).
struct AnchorNamer {
    private var used: Set<String> = []

    init(reserved: Set<String> = []) { used = reserved }

    mutating func name(for text: String) -> String {
        var slug = ""
        var lastDash = true
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                slug.append(ch); lastDash = false
            } else if (ch == " " || ch == "-" || ch == "_" || ch == ".") && !lastDash {
                slug.append("-"); lastDash = true
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.isEmpty { slug = "section" }
        var candidate = slug
        var k = 2
        while used.contains(candidate) { candidate = "\(slug)-\(k)"; k += 1 }
        used.insert(candidate)
        return candidate
    }
}
