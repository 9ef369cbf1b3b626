// The one place where text becomes HTML. Every string that reaches a page goes through `HTML.text` (escaped) or
// `HTML.attribute` (escaped for a quoted attribute); `HTML(trusted:)` is reserved for markup this module writes.

/// A fragment of HTML built by composition, so that escaping happens in one place.
///
///     let link = HTML.element("a", ["href": "02-tensors.html"], .text("Tensors <2>"))
///     link.rendered   // <a href="02-tensors.html">Tensors &lt;2&gt;</a>
struct HTML: Equatable {
    private(set) var rendered: String

    /// Markup written by this module (never data from a lesson or a cell).
    init(trusted: String) { rendered = trusted }

    static let empty = HTML(trusted: "")

    /// Text content, escaped: `<`, `>`, `&`, `"` and `'` can never start markup.
    static func text(_ string: String) -> HTML { HTML(trusted: escape(string)) }

    /// An element with attributes in the given order (deterministic output) and children.
    /// A `nil` attribute value is left out; an empty string gives a boolean attribute (`hidden`).
    static func element(_ name: String, _ attributes: KeyValuePairs<String, String?>,
                        _ children: HTML...) -> HTML {
        element(name, attributes: Array(attributes).map { ($0.key, $0.value) }, children: children)
    }

    static func element(_ name: String, _ children: HTML...) -> HTML {
        element(name, attributes: [], children: children)
    }

    static func element(_ name: String, attributes: [(String, String?)], children: [HTML]) -> HTML {
        var out = "<" + name
        for (key, value) in attributes {
            guard let value else { continue }
            out += value.isEmpty ? " \(key)" : " \(key)=\"\(escape(value))\""
        }
        out += ">"
        if voidElements.contains(name) { return HTML(trusted: out) }
        for child in children { out += child.rendered }
        out += "</\(name)>"
        return HTML(trusted: out)
    }

    static func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:],
                        children: [HTML]) -> HTML {
        element(name, attributes: Array(attributes).map { ($0.key, $0.value) }, children: children)
    }

    static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.rendered + rhs.rendered) }
    static func += (lhs: inout HTML, rhs: HTML) { lhs.rendered += rhs.rendered }

    static func joined(_ parts: [HTML], separator: String = "") -> HTML {
        HTML(trusted: parts.map(\.rendered).joined(separator: separator))
    }

    private static let voidElements: Set<String> = ["br", "hr", "img", "meta", "link", "input", "wbr"]

    /// Escapes for both text and quoted attribute values.
    static func escape(_ string: String) -> String {
        var out = ""
        out.reserveCapacity(string.utf8.count)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
