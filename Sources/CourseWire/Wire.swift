import Foundation

/// The framing of the lesson wire: a lesson program writes plain text to stdout as it is, and each event as one
/// line `\u{1E}course:<nonce> <json>`. The nonce is random per run, handed over in `COURSE_NONCE` and removed from
/// the environment at start, so text a cell prints — even a line that looks like an event — stays text.
///
///     let line = Wire.frame(.cellStarted(index: 2), nonce: "3f9a…")   // written by the program
///     var splitter = WireSplitter(nonce: "3f9a…")                     // read by the host
public enum Wire {
    /// What starts every event line, before the nonce.
    public static let markerPrefix = "\u{1E}course:"
    /// Event lines longer than this are not events (a program cannot make the host hold unbounded lines).
    public static let maximumEventBytes = 64 << 20
    /// At most this much of an isolated scope's stderr travels in its end event.
    public static let isolatedStderrLimit = 1 << 20

    /// The marker that starts an event line of this run.
    public static func marker(nonce: String) -> String { markerPrefix + nonce + " " }

    /// One event as one line (sorted keys: the same event always gives the same bytes).
    public static func frame(_ event: WireEvent, nonce: String) -> String {
        marker(nonce: nonce) + encode(event) + "\n"
    }

    /// The event as JSON (NaN and infinities as strings, which JSON has no numbers for).
    public static func encode(_ event: WireEvent) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf",
                                                                     negativeInfinity: "-inf", nan: "nan")
        guard let data = try? encoder.encode(event) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads an event back; nil when the text is not a well-formed event, or names a picture outside the outputs
    /// folder.
    public static func decode<Bytes: Collection>(_ json: Bytes) -> WireEvent? where Bytes.Element == UInt8 {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf",
                                                                       negativeInfinity: "-inf", nan: "nan")
        guard let event = try? decoder.decode(WireEvent.self, from: Data(json)) else { return nil }
        if case .image(let image) = event, !ShownImage.isSafeFileName(image.file) { return nil }
        return event
    }
}

/// Splits a lesson program's stdout into text and events as the bytes arrive (the host side of `Wire`).
///
///     var splitter = WireSplitter(nonce: nonce)
///     for item in splitter.feed(bytes) { … }   // .text("loss 0.3\n"), .event(.cellStarted(index: 4))
///
/// An event may follow text printed without a newline. Text is passed on as soon as it cannot be the start of
/// an event, so `\r` progress bars stream.
public struct WireSplitter: Sendable {
    public enum Item: Equatable, Sendable {
        case text(String)
        case event(WireEvent)
    }

    private let marker: [UInt8]
    private var pending: [UInt8] = []

    public init(nonce: String) {
        marker = Array(Wire.marker(nonce: nonce).utf8)
    }

    /// Feeds bytes; returns the complete items they finish.
    public mutating func feed(_ bytes: [UInt8]) -> [Item] {
        pending += bytes
        var items: [Item] = []
        var text: [UInt8] = []
        var start = 0
        func flushText() {
            if !text.isEmpty { items.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll()
        }
        while start < pending.count {
            guard let mark = pending[start...].firstIndex(of: 0x1E) else {
                // No possible marker: pass everything on, except an unfinished UTF-8 character at the end.
                let keep = WireSplitter.incompleteUTF8Suffix(pending[start...])
                text += pending[start..<(pending.count - keep)]
                start = pending.count - keep
                break
            }
            text += pending[start..<mark]
            start = mark
            guard let newline = pending[mark...].prefix(Wire.maximumEventBytes).firstIndex(of: 0x0A) else {
                let rest = pending[mark...]
                let couldBeMarker = rest.count >= marker.count ? rest.starts(with: marker) : marker.starts(with: rest)
                if couldBeMarker && rest.count < Wire.maximumEventBytes { break }
                text.append(pending[mark])   // cannot be an event: the byte is text
                start = mark + 1
                continue
            }
            let line = pending[mark..<newline]
            if line.starts(with: marker), let event = Wire.decode(line.dropFirst(marker.count)) {
                flushText()
                items.append(.event(event))
                start = newline + 1
            } else {
                text.append(pending[mark])   // a forged or broken marker is just text
                start = mark + 1
            }
        }
        pending.removeFirst(start)
        flushText()
        return items
    }

    /// What is left at the end of the stream, as text.
    public mutating func finish() -> [Item] {
        defer { pending.removeAll() }
        return pending.isEmpty ? [] : [.text(String(decoding: pending, as: UTF8.self))]
    }

    /// The text of `bytes` with every event of this run taken out (a child's captured stderr).
    public func textOnly(_ bytes: [UInt8]) -> String {
        var splitter = self
        splitter.pending = []
        return (splitter.feed(bytes) + splitter.finish()).map {
            if case .text(let text) = $0 { return text } else { return "" }
        }.joined()
    }

    /// How many bytes at the end begin a UTF-8 sequence that is not complete yet.
    static func incompleteUTF8Suffix(_ bytes: ArraySlice<UInt8>) -> Int {
        var count = 0
        for byte in bytes.reversed().prefix(4) {
            count += 1
            if byte & 0xC0 == 0x80 { continue }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > count ? count : 0
        }
        return 0
    }
}
