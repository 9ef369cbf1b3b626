/// A line chart of one or more series with a legend, axis ticks and labels; optionally a log-scale y axis.
/// Made for loss and accuracy curves.
///
///     let chart = LineChart(title: "Training", xLabel: "epoch", yLabel: "loss",
///                           series: [Series("train", y: trainLoss), Series("test", y: testLoss)], logY: true)
///     let png = try chart.render()          // 1280×800 pixels, shown at 640×400 on a page
public struct LineChart: Sendable, Equatable {
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// A logarithmic y axis (decades); values ≤ 0 are left out.
    public var logY: Bool
    /// Fixed axis ranges; `nil` fits the data with a 5 % margin.
    public var xRange: ClosedRange<Double>?
    public var yRange: ClosedRange<Double>?

    public init(title: String = "", xLabel: String = "", yLabel: String = "", series: [Series],
                logY: Bool = false, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logY = logY
        self.xRange = xRange
        self.yRange = yRange
    }

    /// Draws the chart. The default size suits a high-DPI screen (shown at half size in CSS pixels).
    public func render(width: Int = 1280, height: Int = 800) throws -> PNGImage {
        try XYPlot(title: title, xLabel: xLabel, yLabel: yLabel, series: series, logY: logY,
                   xRange: xRange, yRange: yRange, what: "LineChart").render(width: width, height: height).described(summary)
    }
}
