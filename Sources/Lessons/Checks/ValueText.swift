import CourseWire
import Foundation

/// How check messages write values: numbers as a reader expects them (`3`, `0.25`, `1.23457e-07`), strings
/// quoted, shapes `[2, 2]`, long arrays shortened.
///
///     ValueText.number(0.1 + 0.2)   // "0.30000000000000004"  → "0.3" (six significant digits past 10 characters)
enum ValueText {
    static func number(_ value: Double) -> String {
        if value.isNaN { return "nan" }   // 0/0 is -nan on x86: the sign of a NaN means nothing to a reader
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        let text = "\(value)"
        return text.count <= 10 ? text : String(format: "%.6g", value)
    }

    /// A value as Swift's `String(reflecting:)` would show it (what `checkEqual` printed before), at most 200
    /// characters.
    static func describe(_ value: WireValue) -> String {
        let text = reflecting(value)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    private static func reflecting(_ value: WireValue) -> String {
        switch value {
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .number(let number, let type): return type == "Float" ? "\(Float(number))" : "\(number)"
        case .string(let text): return text.debugDescription
        case .array(let items, _): return "[" + items.map(reflecting).joined(separator: ", ") + "]"
        case .tensor(let type, let dims, let values):
            return "\(type) \(shape(dims)) \(preview(values))"
        case .typeName(let name): return typeName(.typeName(name))
        case .shapes(let shapes): return shapes.map(shape).joined(separator: ", ")
        }
    }

    static func shape(_ dims: [Int]) -> String { "[" + dims.map(String.init).joined(separator: ", ") + "]" }

    static func shapes(_ value: WireValue) -> String {
        if case .shapes(let shapes) = value, shapes.count == 1 { return shape(shapes[0]) }
        return describe(value)
    }

    /// A type name without the module prefixes a reader did not write (`Swift.Optional<Swift.Int>` → `Optional<Int>`).
    static func typeName(_ value: WireValue) -> String {
        guard case .typeName(let name) = value else { return value.typeName }
        var text = name
        for module in ["Swift.", "DLKit.", "Render.", "lessons.", "Foundation."] {
            text = text.replacingOccurrences(of: module, with: "")
        }
        return text
    }

    /// The multi-index of flat position `flat` in `shape`.
    static func index(_ flat: Int, in shape: [Int]) -> [Int] {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return index
    }

    static func preview(_ values: [Double]) -> String {
        let shown = values.prefix(8).map(number).joined(separator: ", ")
        return "[" + shown + (values.count > 8 ? ", … (\(values.count) values)]" : "]")
    }
}
