/// One named set of (x, y) points of a line chart or scatter plot.
///
///     let loss = Series("training loss", y: [2.3, 1.1, 0.6, 0.4])   // x = 0, 1, 2, 3
///     let chart = LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss", series: [loss])
public struct Series: Sendable, Equatable {
    /// How the points are drawn.
    public enum Style: Sendable, Equatable { case line, markers, lineAndMarkers }

    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// `nil` takes the next colour of the tab10 palette.
    public var color: Color?
    public var style: Style

    /// Points (x[i], y[i]); `x` and `y` must have the same length. `[Double]` or `[Float]` (tensor scalars).
    public init<X: BinaryFloatingPoint, Y: BinaryFloatingPoint>(_ name: String, x: [X], y: [Y], color: Color? = nil, style: Style = .line) {
        self.name = name
        self.x = x.map { Double($0) }
        self.y = y.map { Double($0) }
        self.color = color
        self.style = style
    }

    /// Values against their index 0, 1, 2, … (like `plt.plot(y)`).
    public init<T: BinaryFloatingPoint>(_ name: String, y: [T], color: Color? = nil, style: Style = .line) {
        self.init(name, x: (0..<y.count).map { Double($0) }, y: y, color: color, style: style)
    }

    func validate(in what: String) throws {
        guard x.count == y.count else {
            throw PictureError.invalidArgument(
                "\(what): series \"\(name)\" has \(x.count) x values but \(y.count) y values; they must pair up")
        }
    }
}
