/// A scatter plot: each series is a cloud of markers in its own colour, with a legend when there are several.
///
///     let plot = ScatterPlot(title: "Two classes", xLabel: "x₁", yLabel: "x₂",
///                            series: [Series("class 0", x: x0, y: y0), Series("class 1", x: x1, y: y1)])
public struct ScatterPlot: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?
    /// Marker size relative to the default (1 = 8 CSS pixels across).
    public var markerSize: Double

    public init(title: String = "", xLabel: String = "", yLabel: String = "", series: [Series],
                xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil, markerSize: Double = 1) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.xRange = xRange
        self.yRange = yRange
        self.markerSize = markerSize
    }

    public func render(width: Int = 1280, height: Int = 800) throws -> PNGImage {
        guard markerSize > 0, markerSize.isFinite else {
            throw PictureError.invalidArgument("ScatterPlot: markerSize must be positive (got \(markerSize))")
        }
        let markers = series.map { s -> Series in
            var m = s
            if m.style == .line { m.style = .markers }
            return m
        }
        return try XYPlot(title: title, xLabel: xLabel, yLabel: yLabel, series: markers, xRange: xRange,
                          yRange: yRange, markerRadiusFactor: markerSize, markerOpacity: 0.85, what: "ScatterPlot")
            .render(width: width, height: height).described(summary)
    }
}
