import Foundation

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// NumPy/PyTorch-style printing: the values as nested brackets (large tensors show their first and last
    /// three entries per axis with `...`), then the shape.
    ///
    /// ```swift
    /// print(Tensor([[1, 2], [3, 4.5]]))
    /// // [[1.0000, 2.0000],
    /// //  [3.0000, 4.5000]]  shape [2, 2]
    /// ```
    public var description: String {
        let summarize = count > 1000
        // Choose the number format from the values actually shown (a 47-million-element tensor prints fast).
        var shown: [Float] = []
        if summarize { collect(into: &shown, axis: 0, offset: 0) } else { shown = scalars }
        let format = ScalarFormat(shown)
        var out = ""
        render(into: &out, axis: 0, offset: 0, indent: 1, format: format, summarize: summarize)
        var suffix = "  shape \(describe(shape))"
        if node != nil { suffix += node!.isLeaf ? ", requiresGrad" : ", grad history (\(node!.op))" }
        return out + suffix
    }

    public var debugDescription: String { description }

    /// The indices shown along one axis of length `n` (first and last three when summarizing).
    private static func shownIndices(_ n: Int, summarize: Bool) -> [Int?] {
        let edge = 3
        return summarize && n > 2 * edge
            ? Array(0..<edge).map(Optional.some) + [nil] + Array((n - edge)..<n).map(Optional.some)
            : Array(0..<n).map(Optional.some)
    }

    private func collect(into values: inout [Float], axis: Int, offset: Int) {
        if shape.isEmpty { values.append(scalars[0]); return }
        let stride = shape[(axis + 1)...].reduce(1, *)
        for case let i? in Tensor.shownIndices(shape[axis], summarize: true) {
            if axis == shape.count - 1 { values.append(scalars[offset + i]) } else {
                collect(into: &values, axis: axis + 1, offset: offset + i * stride)
            }
        }
    }

    private func render(into out: inout String, axis: Int, offset: Int, indent: Int,
                        format: ScalarFormat, summarize: Bool) {
        if shape.isEmpty { out += format.string(scalars[0]); return }
        let n = shape[axis]
        let stride = shape[(axis + 1)...].reduce(1, *)
        let indices = Tensor.shownIndices(n, summarize: summarize)
        out += "["
        for (k, idx) in indices.enumerated() {
            if k > 0 {
                out += axis == shape.count - 1 ? ", " : "," + String(repeating: "\n", count: shape.count - 1 - axis)
                    + String(repeating: " ", count: indent)
            }
            guard let i = idx else { out += "..."; continue }
            if axis == shape.count - 1 {
                out += format.string(scalars[offset + i])
            } else {
                render(into: &out, axis: axis + 1, offset: offset + i * stride, indent: indent + 1,
                       format: format, summarize: summarize)
            }
        }
        out += "]"
    }
}

/// Chooses one number format for a whole tensor, so columns line up.
private struct ScalarFormat {
    enum Style { case integer, fixed, scientific }
    let style: Style
    let width: Int

    init(_ values: [Float]) {
        let finite = values.filter { $0.isFinite }
        let maxAbs = finite.map(abs).max() ?? 0
        let minAbs = finite.filter { $0 != 0 }.map(abs).min() ?? 0
        if finite.allSatisfy({ $0 == $0.rounded() }) && maxAbs < 1e8 {
            style = .integer
        } else if maxAbs >= 1e5 || (minAbs > 0 && minAbs < 1e-4) {
            style = .scientific
        } else {
            style = .fixed
        }
        var w = 1
        for v in values { w = max(w, ScalarFormat.raw(v, style).count) }
        width = w
    }

    static func raw(_ v: Float, _ style: Style) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        switch style {
        case .integer: return String(format: "%.0f.", Double(v))
        case .fixed: return String(format: "%.4f", Double(v))
        case .scientific: return String(format: "%.4e", Double(v))
        }
    }

    func string(_ v: Float) -> String {
        let s = ScalarFormat.raw(v, style)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
