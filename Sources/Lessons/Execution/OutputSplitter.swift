/// Splits a lesson program's stdout into plain text and event lines as the bytes arrive.
///
///     var splitter = OutputSplitter(nonce: "3f9a…")
///     for item in splitter.feed(bytes) { … }   // .text("loss 0.3\n"), .event(.cellStarted(index: 4))
///
/// An event is `\u{1E}course:<nonce> <json>` up to the end of the line; it may follow text printed without a
/// newline. Text is passed on as soon as it cannot be the start of an event (so `\r` progress bars stream).
struct OutputSplitter {
    enum Item: Equatable {
        case text(String)
        case event(WireEvent)
    }

    let marker: [UInt8]
    private var pending: [UInt8] = []

    init(nonce: String) {
        marker = Array("\u{1E}course:\(nonce) ".utf8)
    }

    /// A splitter for the same nonce with nothing pending.
    func fresh() -> OutputSplitter {
        var copy = self
        copy.pending = []
        return copy
    }

    /// Feeds bytes; returns the complete items they finish.
    mutating func feed(_ bytes: [UInt8]) -> [Item] {
        pending += bytes
        var items: [Item] = []
        var text: [UInt8] = []
        func flushText() {
            if !text.isEmpty { items.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while !pending.isEmpty {
            guard let start = pending.firstIndex(of: 0x1E) else {
                // No possible marker: pass everything on, except an unfinished UTF-8 character at the end.
                let keep = OutputSplitter.incompleteUTF8Suffix(pending)
                text += pending[..<(pending.count - keep)]
                pending.removeFirst(pending.count - keep)
                break
            }
            text += pending[..<start]
            pending.removeFirst(start)
            guard let newline = pending.firstIndex(of: 0x0A) else {
                // Maybe a marker whose line is not complete yet — unless it already cannot be one.
                let couldBeMarker = pending.count >= marker.count
                    ? pending.starts(with: marker) : marker.starts(with: pending)
                if !couldBeMarker {
                    text.append(pending.removeFirst())
                    continue
                }
                break
            }
            let line = Array(pending[..<newline])
            if line.starts(with: marker), let event = WireEvent(json: Substring(decoding: line[marker.count...], as: UTF8.self)) {
                flushText()
                items.append(.event(event))
                pending.removeFirst(newline + 1)
            } else {
                // A forged or broken marker is just text.
                text.append(pending.removeFirst())
            }
        }
        flushText()
        return items
    }

    /// What is left at the end of the stream, as text.
    mutating func finish() -> [Item] {
        defer { pending.removeAll() }
        return pending.isEmpty ? [] : [.text(String(decoding: pending, as: UTF8.self))]
    }

    /// How many bytes at the end of `bytes` begin a UTF-8 sequence that is not complete yet.
    static func incompleteUTF8Suffix(_ bytes: [UInt8]) -> Int {
        var count = 0
        for byte in bytes.reversed().prefix(4) {
            count += 1
            if byte & 0xC0 == 0x80 { continue }           // continuation byte
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > count ? count : 0
        }
        return 0
    }
}
