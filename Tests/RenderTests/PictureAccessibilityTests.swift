import Render
import XCTest

/// Every picture says what it shows (its `summary`, the page's alt text), from what it was made of: the words a
/// reader needs in place of the pixels.
final class PictureAccessibilityTests: XCTestCase {
    func testALineChartNamesItsKindTitleAxesAndSeriesWithTheirEnds() throws {
        let chart = LineChart(title: "Loss", xLabel: "epoch", yLabel: "loss",
                              series: [Series("train", y: [2.25, 1.5, 0.125]), Series("test", y: [2.5, 0.75])], logY: true)
        XCTAssertEqual(chart.summary, "Line chart “Loss”. x: epoch; y: loss (log scale). "
                       + "2 series: train (3 points, from 2.25 to 0.125), test (2 points, from 2.5 to 0.75).")
        XCTAssertEqual(try chart.render(width: 200, height: 120).summary, chart.summary, "the PNG carries it")
    }

    func testOtherChartsSayWhatTheyAre() throws {
        let bars = BarChart(title: "Accuracy", xLabel: "model", yLabel: "accuracy", labels: ["MLP", "CNN"], values: [0.97, 0.99],
                            highlight: 1)
        XCTAssertEqual(bars.summary, "Bar chart “Accuracy”. x: model; y: accuracy. 2 bars: MLP = 0.97, CNN = 0.99. Highlighted: CNN.")
        let scatter = ScatterPlot(title: "XOR", series: [Series("class 0", x: [0, 1], y: [0, 1], style: .markers)])
        XCTAssertEqual(scatter.summary, "Scatter plot “XOR”. 1 series: class 0 (2 points).")
        let plot = FunctionPlot(title: "Activations", functions: [("ReLU", { max(0, $0) }), ("tanh", { tanh($0) })], x: -3...3)
        XCTAssertTrue(plot.summary.hasPrefix("Function plot “Activations”. Functions: ReLU, tanh, x from -3 to 3."), plot.summary)
        let heat = Heatmap(title: "Weights", values: [-1.5, 0, 2, 4], rows: 2, cols: 2)
        XCTAssertEqual(heat.summary, "Heatmap “Weights”. 2 rows × 2 columns, values from -1.5 to 4.")
        let confusion = try ConfusionMatrix(counts: [8, 2, 1, 9], classes: ["cat", "dog"])
        XCTAssertEqual(confusion.summary, "Confusion matrix. 2 classes: cat, dog. Rows: true class; columns: predicted class. "
                       + "20 examples, accuracy 85 %.")
        XCTAssertEqual(try confusion.render(width: 300, height: 300).summary, confusion.summary)
    }

    func testImagesAndGridsGiveTheirSizeAndCaptions() throws {
        let digit = GrayImage(bytes: [UInt8](repeating: 9, count: 28 * 28), width: 28, height: 28)
        XCTAssertEqual(try digit.png().summary, "Grayscale image, 28 × 28 pixels.")
        let grid = ImageGrid(images: [Double](repeating: 0, count: 3 * 4 * 5), count: 3, height: 4, width: 5,
                             captions: ["7", "", "1"], highlighted: [2], title: "Mistakes")
        XCTAssertEqual(try grid.png().summary, "Image grid “Mistakes”. 3 grayscale images of 5 × 4 pixels. "
                       + "Captions: 7, –, 1. Highlighted: 1.")
        let maps = FeatureMaps(values: [Double](repeating: 1, count: 2 * 9), channels: 2, height: 3, width: 3, title: "conv1")
        XCTAssertEqual(try maps.png().summary, "Feature maps “conv1”. 2 channels of 3 × 3 pixels, colours: viridis.")
        let matrix = MatrixGrid(values: [1, 2, 3, 4.5], rows: 2, cols: 2, title: "W", decimals: 1)
        XCTAssertEqual(try matrix.png().summary, "Matrix “W”, 2 × 2. Rows: [1.0, 2.0], [3.0, 4.5].")
    }

    func testALessonsOwnWordsReplaceTheSummary() throws {
        let png = try GrayImage(bytes: [0, 255, 255, 0], width: 2, height: 2).png(scale: 1)
        XCTAssertEqual(png.described("a checkerboard").summary, "a checkerboard")
        XCTAssertEqual(png.described("a checkerboard").data, png.data, "same pixels")
    }
}
