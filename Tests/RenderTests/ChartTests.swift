import XCTest
import Render

final class ChartTests: XCTestCase {
    let blue = Palette.tab10[0], orange = Palette.tab10[1]

    func testLineChartDecodesToTheRequestedSize() throws {
        let png = try LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss",
                                series: [Series("train", y: [3, 2, 1.5, 1])]).render(width: 900, height: 500)
        let stats = try PixelStats(png)
        XCTAssertEqual(stats.width, 900)
        XCTAssertEqual(stats.height, 500)
        XCTAssertEqual(png.width, 900)
        XCTAssertEqual(png.height, 500)
    }

    func testDefaultChartSizeIsTwiceA640By400CSSBox() throws {
        let png = try LineChart(series: [Series("a", y: [1, 2])]).render()
        XCTAssertEqual(png.width, 1280)
        XCTAssertEqual(png.height, 800)
    }

    func testRenderingTwiceGivesIdenticalBytes() throws {
        let chart = LineChart(title: "Accuracy", xLabel: "epoch", yLabel: "accuracy",
                              series: [Series("train", y: [0.5, 0.8, 0.9]), Series("test", y: [0.4, 0.7, 0.85])])
        XCTAssertEqual(try chart.render().data, try chart.render().data)
        let map = Heatmap(values: [1, 2, 3, 4], rows: 2, cols: 2, annotate: true)
        XCTAssertEqual(try map.render().data, try map.render().data)
    }

    func testPNGBytesHaveNoTimeChunk() throws {
        let data = try LineChart(series: [Series("a", y: [1, 2])]).render(width: 320, height: 200).data
        // A PNG tIME chunk would make builds differ; its type bytes are "tIME".
        let tIME: [UInt8] = Array("tIME".utf8)
        let found = (0..<(data.count - 4)).contains { Array(data[$0..<($0 + 4)]) == tIME }
        XCTAssertFalse(found)
    }

    func testSeriesTakeTab10ColoursInOrder() throws {
        let one = try PixelStats(LineChart(series: [Series("a", y: [1, 3, 2])]).render(width: 640, height: 400))
        XCTAssertGreaterThan(one.count(blue), 50, "the first series is tab:blue")
        XCTAssertEqual(one.count(orange), 0, "no second series, no orange")
        let two = try PixelStats(LineChart(series: [Series("a", y: [1, 3, 2]), Series("b", y: [2, 1, 3])])
            .render(width: 640, height: 400))
        XCTAssertGreaterThan(two.count(orange), 50, "the second series is tab:orange")
    }

    func testLogScaleTurnsAnExponentialIntoAStraightLine() throws {
        let ys = (0..<20).map { 1e-3 * pow(10, Double($0) / 4) }   // five decades
        let series = [Series("loss", y: ys, color: Color(hex: 0x123456))]
        let log = try PixelStats(LineChart(series: series, logY: true).render(width: 800, height: 500))
        let linear = try PixelStats(LineChart(series: series).render(width: 800, height: 500))
        XCTAssertGreaterThan(linearFitR2(log.columnCentres(Color(hex: 0x123456))), 0.999)
        XCTAssertLessThan(linearFitR2(linear.columnCentres(Color(hex: 0x123456))), 0.9)
    }

    func testNarrowLogRangeStillGetsLabelledTicks() throws {
        // 0.91…0.98 contains no 1, 2 or 5 × 10ᵏ; the axis must still be labelled (tick text is #4D4D4D).
        let png = try LineChart(series: [Series("acc", y: [0.91, 0.95, 0.97, 0.98])], logY: true).render(width: 640, height: 400)
        let stats = try PixelStats(png)
        let tickInk = Color(hex: 0x4D4D4D)
        var leftInk = 0
        for y in 0..<stats.height { for x in 0..<60 where stats.isColor(x, y, tickInk) { leftInk += 1 } }
        XCTAssertGreaterThan(leftInk, 20)
    }

    func testLogScaleWithoutPositiveValuesIsAnError() {
        assertPictureError("log-scale y axis needs positive values") {
            _ = try LineChart(series: [Series("a", y: [0, -1, -2])], logY: true).render()
        }
    }

    func testMismatchedSeriesLengthsAreNamedInTheError() {
        assertPictureError("series \"bad\" has 2 x values but 3 y values") {
            _ = try LineChart(series: [Series("bad", x: [1, 2], y: [1, 2, 3])]).render()
        }
    }

    func testValuesFarOutsideAFixedRangeAreClippedNotFatal() throws {
        let c = Color(hex: 0x00AA00)
        let png = try LineChart(series: [Series("wild", y: [0.5, 1e20, -1e300, 0.5], color: c)], yRange: 0...1)
            .render(width: 640, height: 400)
        XCTAssertGreaterThan(try PixelStats(png).count(c), 20, "the in-range parts are still drawn")
        _ = try BarChart(labels: ["a", "b"], values: [1e20, -1e20], yRange: 0...1).render(width: 640, height: 400)
    }

    func testImpossibleRangesAreExplained() {
        assertPictureError("a log-scale y axis cannot start at 0.0") {
            _ = try LineChart(series: [Series("a", y: [1, 2])], logY: true, yRange: 0...1).render()
        }
        assertPictureError("must be finite and not empty") {
            _ = try Heatmap(values: [1, 2, 3, 4], rows: 2, cols: 2, xExtent: 1...1, yExtent: 0...1).render()
        }
        assertPictureError("the series have no points") {
            _ = try LineChart(series: [Series("a", y: [Double]())]).render()
        }
    }

    func testEmptyChartAndBadSizeAreErrors() {
        assertPictureError("nothing to draw") { _ = try LineChart(series: []).render() }
        assertPictureError("not a usable picture size") {
            _ = try LineChart(series: [Series("a", y: [1, 2])]).render(width: 0, height: 100)
        }
        assertPictureError("the labels leave no room for the plot") {
            _ = try LineChart(title: "t", xLabel: "x", yLabel: "y", series: [Series("a", y: [1, 2])]).render(width: 60, height: 40)
        }
    }

    func testHigherValuesAreDrawnHigherUp() throws {
        let c = Color(hex: 0x00AA00)
        let stats = try PixelStats(LineChart(series: [Series("up", y: [0, 1, 2, 3], color: c)]).render(width: 640, height: 400))
        let centres = stats.columnCentres(c)
        XCTAssertGreaterThan(centres.first!.y, centres.last!.y, "an increasing series goes up (smaller pixel y)")
    }

    func testNaNValuesLeaveAGapInsteadOfFailing() throws {
        let c = Color(hex: 0x00AA00)
        let stats = try PixelStats(LineChart(series: [Series("gap", y: [1, 2, Double.nan, Double.nan, 2, 1], color: c)])
            .render(width: 640, height: 400))
        let xs = stats.columnCentres(c).map(\.x)
        let biggestJump = zip(xs, xs.dropFirst()).map { $1 - $0 }.max()!
        XCTAssertGreaterThan(biggestJump, 100, "the missing points leave an empty stretch")
    }

    func testLegendGoesWhereTheCurvesAreNot() throws {
        let frame = Color(hex: 0xD9D9D9)   // the legend box's outline, used nowhere else
        let falling = (0..<50).map { 1 / (1 + Double($0)) }
        let loss = try PixelStats(LineChart(series: [Series("train", y: falling), Series("test", y: falling.map { $0 * 1.1 })])
            .render(width: 800, height: 500))
        let lossBox = try XCTUnwrap(loss.centroid(frame))
        XCTAssertGreaterThan(lossBox.x, 400, "falling curves leave the upper right free")
        XCTAssertLessThan(lossBox.y, 250)
        let rising = falling.reversed().map { $0 }
        let accuracy = try PixelStats(LineChart(series: [Series("train", y: rising), Series("test", y: rising.map { $0 * 1.1 })])
            .render(width: 800, height: 500))
        let accuracyBox = try XCTUnwrap(accuracy.centroid(frame))
        XCTAssertLessThan(accuracyBox.x, 400, "curves rising to the upper right push the legend to the left")
    }

    func testTitlesAndLabelsAreDrawnAsText() throws {
        // Text is drawn by FreeType in the theme's text colour #262626, which nothing else uses.
        let ink = Color(hex: 0x262626)
        let bare = try PixelStats(LineChart(series: [Series("a", y: [1, 2])]).render(width: 640, height: 400))
        let titled = try PixelStats(LineChart(title: "A title", xLabel: "epoch", yLabel: "loss",
                                              series: [Series("a", y: [1, 2])]).render(width: 640, height: 400))
        XCTAssertEqual(bare.count(ink), 0)
        XCTAssertGreaterThan(titled.count(ink), 100)
        // Anti-aliased: the glyph edges are blends, so there are many more non-white pixels than solid ink.
        let nonWhiteTopBand = (0..<40).reduce(0) { sum, y in
            sum + (0..<640).filter { !titled.isColor($0, y, .white) }.count
        }
        XCTAssertGreaterThan(nonWhiteTopBand, titled.count(ink) / 4)
    }

    func testALonePointIsDrawnAsAVisibleMarker() throws {
        let stats = try PixelStats(LineChart(series: [Series("one", y: [3])]).render(width: 640, height: 400))
        // A marker of radius 4 CSS px at 1× is about π·4² ≈ 50 pixels of solid colour; a bare line end is ~2.
        XCTAssertGreaterThan(stats.count(blue), 30)
    }

    func testFunctionPlotSamplesTheFunction() throws {
        let plot = FunctionPlot(functions: [("square", { $0 * $0 })], x: -2...2, samples: 5)
        let s = try plot.series()[0]
        XCTAssertEqual(s.x, [-2, -1, 0, 1, 2])
        XCTAssertEqual(s.y, [4, 1, 0, 1, 4])
    }

    func testFunctionPlotOfALineIsStraightAndOfReLUIsBent() throws {
        func r2(_ f: @escaping (Double) -> Double) throws -> Double {
            let png = try FunctionPlot(functions: [("f", f)], x: -3...3).render(width: 800, height: 500)
            return linearFitR2(try PixelStats(png).columnCentres(blue))
        }
        XCTAssertGreaterThan(try r2({ 0.5 * $0 + 1 }), 0.999)
        XCTAssertLessThan(try r2({ max(0, $0) }), 0.95)
    }

    func testFunctionPlotRejectsAnEmptyInterval() {
        assertPictureError("must be finite and not empty") {
            _ = try FunctionPlot(functions: [("f", { $0 })], x: 1...1).render()
        }
    }

    func testScatterMarkersAppearInEachSeriesColour() throws {
        let png = try ScatterPlot(series: [Series("a", x: [0, 1, 2], y: [0, 1, 0]), Series("b", x: [0, 1, 2], y: [1, 0, 1])])
            .render(width: 640, height: 400)
        let stats = try PixelStats(png)
        XCTAssertGreaterThan(stats.count(blue), 30)
        XCTAssertGreaterThan(stats.count(orange), 30)
    }

    func testBarAreasAreProportionalToValuesAndHighlightIsOrange() throws {
        let png = try BarChart(labels: ["a", "b"], values: [0.2, 0.4], highlight: 1, yRange: 0...1,
                               showValues: false).render(width: 640, height: 400)
        let stats = try PixelStats(png)
        let ratio = Double(stats.count(orange)) / Double(stats.count(blue))
        XCTAssertEqual(ratio, 2, accuracy: 0.05, "bar b (0.4, orange) is twice bar a (0.2, blue)")
    }

    func testBarChartNeedsOneLabelPerValue() {
        assertPictureError("2 labels for 3 values") {
            _ = try BarChart(labels: ["a", "b"], values: [1, 2, 3]).render()
        }
        assertPictureError("highlight 5 is not a bar index") {
            _ = try BarChart(labels: ["a"], values: [1], highlight: 5).render()
        }
    }
}

