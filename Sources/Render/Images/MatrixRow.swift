/// Matrices side by side with symbols between them — "input ⊛ kernel = output" in a convolution lesson.
///
///     let row = MatrixRow([input, kernel, output], operators: ["⊛", "="])
///     let png = try row.png()
public struct MatrixRow: Sendable, Equatable {
    public var items: [MatrixGrid]
    /// Written between neighbours: `items.count - 1` of them.
    public var operators: [String]

    public init(_ items: [MatrixGrid], operators: [String]) {
        self.items = items
        self.operators = operators
    }

    public func png() throws -> PNGImage {
        guard !items.isEmpty else { throw PictureError.emptyData(what: "MatrixRow") }
        guard operators.count == items.count - 1 else {
            throw PictureError.invalidArgument(
                "MatrixRow: \(items.count) matrices need \(items.count - 1) operators between them, got \(operators.count)")
        }
        for item in items { try item.validate() }
        try Canvas.requireFonts()
        let opSize = Double(items.map(\.cellSize).max()!) * 0.5
        let opWidths = try operators.map { try Canvas.textWidth($0, size: opSize) + Int(opSize) }
        let height = items.map(\.size.height).max()! + 2 * MatrixGrid.margin
        let width = items.map(\.size.width).reduce(0, +) + opWidths.reduce(0, +) + 2 * MatrixGrid.margin
        let canvas = try Canvas(width: width, height: height, what: "MatrixRow")
        var x = MatrixGrid.margin
        let bodyTop = MatrixGrid.margin + items.map(\.titleBand).max()!
        let bodyHeight = items.map { $0.rows * $0.cellSize }.max()!
        for (i, item) in items.enumerated() {
            // Align the grids' vertical centres; titles sit above each grid.
            let gridTop = bodyTop + (bodyHeight - item.rows * item.cellSize) / 2
            try item.draw(on: canvas, x: x, y: gridTop - item.titleBand)
            x += item.size.width
            if i < operators.count {
                try canvas.text(operators[i], x: Double(x + opWidths[i] / 2), y: Double(bodyTop + bodyHeight / 2),
                                size: opSize, color: Theme.tickText, hAlign: .center, vAlign: .middle)
                x += opWidths[i]
            }
        }
        return try canvas.png().described(summary)
    }
}
