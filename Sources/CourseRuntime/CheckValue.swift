import CourseWire
import DLKit

/// A value a check can compare: it crosses to the host as data (`WireValue`), where the comparison happens.
/// Numbers, booleans, strings, arrays of them, DLKit's `Tensor` and `PixelImage`. A type of the lesson's own
/// cannot conform (the grader refuses code that names this protocol), so a fake whose `==` always says yes has
/// nothing to compare.
///
///     checkEqual(pooledSize(26, window: 2, stride: 2), 13)   // Int: CheckValue
public protocol CheckValue {
    /// The value as it travels.
    var checkValue: WireValue { get }
    /// The type's name as it travels (also for empty arrays).
    static var checkTypeName: String { get }
}

extension Int: CheckValue {
    public var checkValue: WireValue { .int(self) }
    public static var checkTypeName: String { "Int" }
}

extension Bool: CheckValue {
    public var checkValue: WireValue { .bool(self) }
    public static var checkTypeName: String { "Bool" }
}

extension String: CheckValue {
    public var checkValue: WireValue { .string(self) }
    public static var checkTypeName: String { "String" }
}

extension Double: CheckValue {
    public var checkValue: WireValue { .number(self, type: "Double") }
    public static var checkTypeName: String { "Double" }
}

extension Float: CheckValue {
    public var checkValue: WireValue { .number(Double(self), type: "Float") }
    public static var checkTypeName: String { "Float" }
}

extension Array: CheckValue where Element: CheckValue {
    public var checkValue: WireValue { .array(map(\.checkValue), type: Element.checkTypeName) }
    public static var checkTypeName: String { "[\(Element.checkTypeName)]" }
}

extension Tensor: CheckValue {
    public var checkValue: WireValue { .tensor(type: "Tensor", shape: shape, values: scalars.map(Double.init)) }
    public static var checkTypeName: String { "Tensor" }
}

extension PixelImage: CheckValue {
    public var checkValue: WireValue {
        .tensor(type: "PixelImage", shape: [channels, height, width], values: pixels.map(Double.init))
    }
    public static var checkTypeName: String { "PixelImage" }
}
