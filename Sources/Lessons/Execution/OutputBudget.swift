/// How much of what a cell prints is kept: at most `limit` bytes of stdout and of stderr per cell (the terminal
/// sees everything as it streams; the cache and the page keep the first MiB). What was dropped is counted and
/// said in place.
///
///     var budget = OutputBudget()
///     if let kept = budget.take(text, cell: 3, stream: .stderr) { … }
struct OutputBudget {
    enum Stream: Hashable { case stdout, stderr }

    static let limit = 1 << 20
    private var kept: [Key: Int] = [:]
    private var dropped: [Key: Int] = [:]

    private struct Key: Hashable { var cell: Int; var stream: Stream }

    /// The part of `text` that still fits in the cell's budget for `stream` (nil when nothing does).
    mutating func take(_ text: String, cell: Int, stream: Stream) -> String? {
        let key = Key(cell: cell, stream: stream)
        let used = kept[key, default: 0]
        let size = text.utf8.count
        if used + size <= OutputBudget.limit {
            kept[key] = used + size
            return text
        }
        let room = max(0, OutputBudget.limit - used)
        kept[key] = OutputBudget.limit
        dropped[key, default: 0] += size - room
        guard room > 0 else { return nil }
        // Cut at a character boundary.
        var prefix = Substring(text).utf8.prefix(room)
        while !prefix.isEmpty, String(prefix) == nil { prefix = prefix.dropLast() }
        return String(prefix).map { $0 }
    }

    /// One line per cell and stream that lost output: `… 49 MiB of stderr not kept (the first 1 MiB is above)`.
    func notes() -> [(cell: Int, text: String)] {
        dropped.keys.sorted { ($0.cell, $0.stream == .stdout ? 0 : 1) < ($1.cell, $1.stream == .stdout ? 0 : 1) }.map { key in
            let name = key.stream == .stdout ? "printed output" : "stderr"
            return (key.cell, "\n… \(OutputBudget.size(dropped[key]!)) more of \(name) not kept "
                    + "(the first \(OutputBudget.size(OutputBudget.limit)) is above)\n")
        }
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return "\((bytes + (1 << 19)) >> 20) MiB" }
        if bytes >= 1 << 10 { return "\((bytes + 512) >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
