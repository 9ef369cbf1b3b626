import XCTest
import Render

final class ChartHeatmapTests: XCTestCase {
    func testTheMaximumCellHasTheColourMapsTopColourAndTheMinimumItsBottom() throws {
        // Max at row 0, col 2 (top right); min at row 2, col 0 (bottom left).
        let values: [Double] = [0, 1, 9, 2, 4, 3, -5, 2, 1]
        let png = try Heatmap(values: values, rows: 3, cols: 3, colorBar: false).render(width: 600, height: 600)
        let stats = try PixelStats(png)
        let top = try XCTUnwrap(stats.centroid(ColorMap.viridis.top))
        let bottom = try XCTUnwrap(stats.centroid(ColorMap.viridis.bottom))
        XCTAssertGreaterThan(top.x, bottom.x, "the max is right of the min")
        XCTAssertLessThan(top.y, bottom.y, "the max is above the min")
        // One cell of nine: about a ninth of the grid, far more than an edge or a tick could cover.
        XCTAssertGreaterThan(stats.count(ColorMap.viridis.top), 600 * 600 / 40)
    }

    func testTheColourBarRunsFromBottomColourToTopColour() throws {
        let png = try Heatmap(values: [1, 1, 1, 1], rows: 2, cols: 2, range: 0...2).render(width: 800, height: 500)
        let stats = try PixelStats(png)
        // Cells are all the middle colour, so the map's ends can only come from the bar, top above bottom.
        let top = try XCTUnwrap(stats.centroid(ColorMap.viridis.top))
        let bottom = try XCTUnwrap(stats.centroid(ColorMap.viridis.bottom))
        XCTAssertLessThan(top.y, bottom.y)
        XCTAssertEqual(top.x, bottom.x, accuracy: 1)
    }

    func testNumericYAxisPutsRowZeroAtTheBottom() throws {
        // Row 0 holds the max. As a matrix it is drawn at the top; as a surface (yExtent) at the bottom.
        let values: [Double] = [5, 5, 0, 0]
        let matrix = try PixelStats(Heatmap(values: values, rows: 2, cols: 2, colorBar: false).render(width: 500, height: 500))
        let surface = try PixelStats(Heatmap(values: values, rows: 2, cols: 2, xExtent: 0...1, yExtent: 0...1,
                                             colorBar: false).render(width: 500, height: 500))
        let top = ColorMap.viridis.top, bottom = ColorMap.viridis.bottom
        XCTAssertLessThan(try XCTUnwrap(matrix.centroid(top)).y, try XCTUnwrap(matrix.centroid(bottom)).y)
        XCTAssertGreaterThan(try XCTUnwrap(surface.centroid(top)).y, try XCTUnwrap(surface.centroid(bottom)).y)
    }

    func testSurfaceSamplesTheFunctionAtCellCentres() {
        let map = Heatmap.surface(x: 0...2, y: 0...4, resolution: 2) { x, y in x * 10 + y }
        // Cell centres: x ∈ {0.5, 1.5}, y ∈ {1, 3}; row 0 is the smallest y.
        XCTAssertEqual(map.values, [6, 16, 8, 18])
        XCTAssertEqual(map.rows, 2)
        XCTAssertEqual(map.cols, 2)
    }

    func testDivergingMapIsSymmetricSoZeroIsTheMiddleColour() throws {
        let map = Heatmap(values: [-1, 0, 4], rows: 1, cols: 3, colorMap: .redBlue)
        XCTAssertEqual(map.colorRange(), -4...4)
        let stats = try PixelStats(map.render(width: 600, height: 300))
        XCTAssertGreaterThan(stats.count(ColorMap.redBlue.color(at: 0.5)), 1000, "the zero cell is white-ish grey")
        XCTAssertGreaterThan(stats.count(ColorMap.redBlue.top), 1000, "the +4 cell is the darkest red")
    }

    func testAnnotatedCellsGetWhiteTextOnDarkAndDarkTextOnLight() throws {
        let dark = try PixelStats(Heatmap(values: [0, 0, 0, 0], rows: 2, cols: 2, range: 0...1, annotate: true,
                                          colorBar: false).render(width: 400, height: 400))
        let plain = try PixelStats(Heatmap(values: [0, 0, 0, 0], rows: 2, cols: 2, range: 0...1, annotate: false,
                                           colorBar: false).render(width: 400, height: 400))
        let cellColour = ColorMap.viridis.bottom
        XCTAssertLessThan(dark.count(cellColour), plain.count(cellColour), "numbers cover some of the cell")
    }

    func testWrongValueCountNamesBothNumbers() {
        assertPictureError("expected 6 values for the given shape, got 5") {
            _ = try Heatmap(values: [1, 2, 3, 4, 5], rows: 2, cols: 3).render()
        }
        assertPictureError("3 row labels for 2 rows") {
            _ = try Heatmap(values: [1, 2, 3, 4], rows: 2, cols: 2, rowLabels: ["a", "b", "c"]).render()
        }
    }

    func testConfusionMatrixCountsPairsAndAccuracy() throws {
        let cm = try ConfusionMatrix(truth: [0, 0, 1, 1, 2, 2], predicted: [0, 1, 1, 1, 2, 0], classes: ["a", "b", "c"])
        XCTAssertEqual(cm.counts, [1, 1, 0,
                                   0, 2, 0,
                                   1, 0, 1])
        XCTAssertEqual(cm.accuracy, 4.0 / 6.0, accuracy: 1e-12)
        let png = try cm.render(width: 700, height: 600)
        XCTAssertEqual(png.width, 700)
        // The largest count (2) is the darkest blue.
        XCTAssertGreaterThan(try PixelStats(png).count(ColorMap.blues.top), 1000)
    }

    func testConfusionMatrixRejectsLabelsOutsideTheClasses() {
        assertPictureError("label 3 is not a class index (0..<3)") {
            _ = try ConfusionMatrix(truth: [0, 3], predicted: [0, 1], classes: ["a", "b", "c"])
        }
        assertPictureError("2 true labels but 1 predictions") {
            _ = try ConfusionMatrix(truth: [0, 1], predicted: [0], classes: ["a", "b"])
        }
    }

    func testColourMapsEndAtTheirPublishedColours() {
        XCTAssertEqual(ColorMap.viridis.color(at: 0), Color(hex: 0x440154))
        XCTAssertEqual(ColorMap.viridis.color(at: 1), Color(hex: 0xFDE725))
        XCTAssertEqual(ColorMap.redBlue.color(at: 0.5), Color(hex: 0xF7F7F7))
        XCTAssertEqual(ColorMap.grays.color(at: 0.5), Color(r: 128, g: 128, b: 128))
        XCTAssertEqual(ColorMap.viridis.color(at: 7), ColorMap.viridis.top, "clamped")
    }
}
