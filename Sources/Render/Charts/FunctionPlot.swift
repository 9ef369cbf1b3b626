/// Plots functions of one variable over an interval, with the lines x = 0 and y = 0 drawn darker —
/// made for activation functions (sigmoid, tanh, ReLU, …) and their derivatives.
///
///     let plot = FunctionPlot(title: "Activations", functions: [("ReLU", { max(0, $0) }), ("tanh", { tanh($0) })])
///     let png = try plot.render()
public struct FunctionPlot {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var functions: [(name: String, f: (Double) -> Double)]
    /// The interval of x.
    public var x: ClosedRange<Double>
    /// A fixed y range; `nil` fits the curves.
    public var yRange: ClosedRange<Double>?
    /// How many evenly spaced points each curve is sampled at.
    public var samples: Int

    public init(title: String = "", xLabel: String = "x", yLabel: String = "",
                functions: [(name: String, f: (Double) -> Double)], x: ClosedRange<Double> = -5...5,
                yRange: ClosedRange<Double>? = nil, samples: Int = 801) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.functions = functions
        self.x = x
        self.yRange = yRange
        self.samples = samples
    }

    /// The sampled curves as series (the points the chart draws).
    public func series() throws -> [Series] {
        guard samples >= 2 else {
            throw PictureError.invalidArgument("FunctionPlot: samples must be at least 2 (got \(samples))")
        }
        guard x.lowerBound.isFinite, x.upperBound.isFinite, x.lowerBound < x.upperBound else {
            throw PictureError.invalidArgument(
                "FunctionPlot: the x interval \(x.lowerBound)…\(x.upperBound) must be finite and not empty")
        }
        let xs = (0..<samples).map { x.lowerBound + (x.upperBound - x.lowerBound) * Double($0) / Double(samples - 1) }
        return functions.map { fn in Series(fn.name, x: xs, y: xs.map(fn.f)) }
    }

    /// Draws the curves; a single function gets no legend (its name belongs in the title).
    public func render(width: Int = 1280, height: Int = 800) throws -> PNGImage {
        guard !functions.isEmpty else { throw PictureError.emptyData(what: "FunctionPlot") }
        return try XYPlot(title: title, xLabel: xLabel, yLabel: yLabel, series: try series(),
                          xRange: x, yRange: yRange, zeroLines: true, what: "FunctionPlot")
            .render(width: width, height: height).described(summary)
    }
}
