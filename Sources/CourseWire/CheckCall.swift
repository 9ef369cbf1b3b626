/// One call of a check function (`checkEqual`, `checkClose`, …) as a lesson program reports it: which check,
/// the value the code under test produced (`got`) and the value it is compared with (`expected`), and the
/// tolerances. The program never decides whether the call passes — the host does (`Lessons.CheckJudge`), and
/// when grading it takes `expected` and the tolerances from a trusted run of the reference solution, so only
/// `got` comes from the student's process.
///
///     CheckCall(kind: .equal, got: .int(12), expected: .int(13), message: "", line: 300)
public struct CheckCall: Codable, Equatable, Sendable {
    /// What the call compares.
    public enum Kind: String, Codable, Equatable, Sendable {
        /// `check(condition)`: `got` is a Bool that must be true.
        case condition
        /// `checkEqual(got, expected)`: equal values (of the same type).
        case equal
        /// `checkClose(got, expected)`: numbers, arrays or tensors, shape first, then every value within tolerance.
        case close
        /// `checkShape(tensor, shape)`: `got` and `expected` are shapes.
        case shape
        /// `checkType(value, T.self)`: `got` and `expected` are type names.
        case type
        /// `checkParameterCount(tensors, n)`: `got` is the tensors' shapes, `expected` the count.
        case parameterCount
    }

    public var kind: Kind
    /// What the code produced; nil when computing it threw (`error` says what).
    public var got: WireValue?
    public var expected: WireValue?
    /// For `.close`: |got − expected| ≤ tolerance + relativeTolerance·|expected|.
    public var tolerance: Double?
    public var relativeTolerance: Double?
    /// The check's own message (`checkEqual(n, 3, "vowels in banana")`).
    public var message: String
    /// The lesson line of the call.
    public var line: Int
    /// The error thrown while computing `got`.
    public var error: String?

    public init(kind: Kind, got: WireValue?, expected: WireValue?, tolerance: Double? = nil,
                relativeTolerance: Double? = nil, message: String = "", line: Int = 0, error: String? = nil) {
        self.kind = kind
        self.got = got
        self.expected = expected
        self.tolerance = tolerance
        self.relativeTolerance = relativeTolerance
        self.message = message
        self.line = line
        self.error = error
    }

    /// The function name a reader knows (`checkClose`).
    public var functionName: String {
        switch kind {
        case .condition: return "check"
        case .equal: return "checkEqual"
        case .close: return "checkClose"
        case .shape: return "checkShape"
        case .type: return "checkType"
        case .parameterCount: return "checkParameterCount"
        }
    }
}
