/// A value that crosses from a lesson program to the host: the operands of checks. Typed and bounded — numbers,
/// booleans, strings, arrays, tensors — so that a value can be compared outside the process that made it, and a
/// fake type (an `Equatable` whose `==` is always true) has nothing to offer: only its data crosses.
///
///     WireValue.int(13)
///     WireValue.tensor(type: "Tensor", shape: [2, 2], values: [0, 2, 0, 4])
public indirect enum WireValue: Codable, Equatable, Hashable, Sendable {
    case bool(Bool)
    case int(Int)
    /// A floating-point number; `type` is `Float` or `Double` (a Float travels exactly as a Double).
    case number(Double, type: String)
    case string(String)
    /// An array of values; `type` is the element type's name (`Int`, `[Float]`), so `[]` of two types differ.
    case array([WireValue], type: String)
    /// A tensor-like value: DLKit's `Tensor`, `PixelImage` (`[channels, height, width]`).
    case tensor(type: String, shape: [Int], values: [Double])
    /// A type's name (`checkType`).
    case typeName(String)
    /// Tensor shapes (`checkParameterCount`).
    case shapes([[Int]])

    /// The Swift type the value came from, as a reader writes it (`Int`, `[Float]`, `Tensor`).
    public var typeName: String {
        switch self {
        case .bool: return "Bool"
        case .int: return "Int"
        case .number(_, let type): return type
        case .string: return "String"
        case .array(_, let type): return "[\(type)]"
        case .tensor(let type, _, _): return type
        case .typeName: return "type"
        case .shapes: return "[shape]"
        }
    }

    /// How many scalars the value holds (for bounding what crosses the wire).
    public var scalarCount: Int {
        switch self {
        case .array(let items, _): return items.reduce(0) { $0 + $1.scalarCount }
        case .tensor(_, _, let values): return values.count
        case .shapes(let shapes): return shapes.reduce(0) { $0 + $1.count }
        case .string(let text): return text.utf8.count / 8 + 1
        default: return 1
        }
    }

    /// The numbers of a numeric value, flattened, with its shape: a number is `[]`-shaped, an array of numbers
    /// `[n]`, nested arrays their nesting, a tensor its shape. Nil for anything that is not numbers.
    public var numbers: (shape: [Int], values: [Double])? {
        switch self {
        case .int(let value): return ([], [Double(value)])
        case .number(let value, _): return ([], [value])
        case .tensor(_, let shape, let values): return (shape, values)
        case .array(let items, _):
            var values: [Double] = []
            var inner: [Int]?
            for item in items {
                guard let (shape, numbers) = item.numbers else { return nil }
                if let inner, inner != shape { return nil }
                inner = shape
                values += numbers
            }
            return ([items.count] + (inner ?? []), values)
        default: return nil
        }
    }
}
