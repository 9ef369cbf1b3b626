import CCmarkGFM

// TeX must never meet Markdown's inline rules (`_` and `*` are emphasis, `\\` an escape), so formulas are read by
// the parser itself: a cmark-gfm inline extension called at each `$`. Code spans and backslash escapes come first
// (cmark handles them before it asks us), so `` `$x$` `` is code and `\$` a dollar. What it returns is a code node
// marked with this extension; `MarkdownTree` turns it into `.math`.

/// The `$…$` / `$$…$$` syntax, as a cmark-gfm extension.
///
/// Rules (as in Pandoc): `$$…$$` is display math and may span the lines of its paragraph; `$…$` is inline, its
/// opening `$` is followed by a non-space and its closing `$` preceded by a non-space and not followed by a digit
/// (so "$5 and $10" is not math). `\$` inside a formula does not close it.
enum MathSyntax {
    /// Made once; every parser attaches the same extension (cmark-gfm keeps only a pointer to it).
    nonisolated(unsafe) static let `extension`: OpaquePointer = {
        let ext = cmark_syntax_extension_new("course-math")!
        let dollar = UnsafeMutableRawPointer(bitPattern: Int(UInt8(ascii: "$")))
        cmark_syntax_extension_set_special_inline_chars(ext, cmark_llist_append(cmark_get_default_mem_allocator(), nil, dollar))
        cmark_syntax_extension_set_match_inline_func(ext, { ext, _, _, character, inline in
            guard character == UInt8(ascii: "$"), let inline, let chunk = cmark_inline_parser_get_chunk(inline),
                  let data = chunk.pointee.data else { return nil }
            let bytes = UnsafeBufferPointer(start: data, count: Int(chunk.pointee.len))
            let start = Int(cmark_inline_parser_get_offset(inline))
            guard let match = MathSyntax.match(bytes, at: start) else { return nil }
            let node = cmark_node_new_with_mem(match.tex == nil ? CMARK_NODE_TEXT : CMARK_NODE_CODE,
                                               cmark_get_default_mem_allocator())
            cmark_node_set_literal(node, match.tex ?? "$$")
            if match.tex != nil {
                cmark_node_set_syntax_extension(node, ext)
                if match.display { cmark_node_set_user_data(node, UnsafeMutableRawPointer(bitPattern: 1)) }
            }
            cmark_inline_parser_set_offset(inline, Int32(match.end))
            return node
        })
        return ext
    }()

    /// Whether `node` is a formula this extension made, and whether it is displayed.
    static func formula(_ node: OpaquePointer) -> (tex: String, display: Bool)? {
        guard cmark_node_get_syntax_extension(node) == `extension` else { return nil }
        let tex = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        return (tex, cmark_node_get_user_data(node) != nil)
    }

    /// A match at `start` (a `$`): the formula's TeX and the offset after it; `tex` nil for a `$$` that is never
    /// closed (kept as text, so its second `$` does not open an inline formula). Nil when `start` opens nothing.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (tex: String?, display: Bool, end: Int)? {
        let dollar = UInt8(ascii: "$"), backslash = UInt8(ascii: "\\")
        func isSpace(_ k: Int) -> Bool { [0x20, 0x09, 0x0A, 0x0D].contains(bytes[k]) }
        func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let n = bytes.count
        if start + 1 < n && bytes[start + 1] == dollar {
            var j = start + 2
            while j + 1 < n {
                if bytes[j] == backslash { j += 2; continue }
                if bytes[j] == dollar && bytes[j + 1] == dollar {
                    let tex = text((start + 2)..<j).trimmingSpace()
                    return tex.isEmpty ? (nil, true, start + 2) : (tex, true, j + 2)
                }
                j += 1
            }
            return (nil, true, start + 2)
        }
        guard start + 1 < n, !isSpace(start + 1) else { return nil }
        var j = start + 1
        while j < n {
            if bytes[j] == backslash { j += 2; continue }
            if bytes[j] == dollar {
                let digitAfter = j + 1 < n && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[j + 1])
                guard !isSpace(j - 1), !digitAfter, j > start + 1 else { return nil }
                return (text((start + 1)..<j), false, j + 1)
            }
            j += 1
        }
        return nil
    }
}

private extension String {
    func trimmingSpace() -> String {
        var slice = Substring(self)
        while let c = slice.first, c.isWhitespace { slice = slice.dropFirst() }
        while let c = slice.last, c.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
