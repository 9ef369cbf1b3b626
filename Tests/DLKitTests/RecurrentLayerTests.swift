import Foundation
import XCTest
import DLKit

final class RecurrentLayerTests: XCTestCase {
    func testParametersHavePyTorchsNamesAndShapesForEveryLayerOfTheStack() {
        var rng = RandomGenerator(seed: 1)
        let cases: [(Layer, Int)] = [(RNN(3, 5, numLayers: 2, using: &rng), 1), (LSTM(3, 5, numLayers: 2, using: &rng), 4),
                                     (GRU(3, 5, numLayers: 2, using: &rng), 3)]
        for (layer, gates) in cases {
            let named = layer.namedParameters.map { "\($0.name) \($0.parameter.shape)" }
            XCTAssertEqual(named, ["weight_ih_l0 [\(gates * 5), 3]", "weight_hh_l0 [\(gates * 5), 5]",
                                   "bias_ih_l0 [\(gates * 5)]", "bias_hh_l0 [\(gates * 5)]",
                                   "weight_ih_l1 [\(gates * 5), 5]", "weight_hh_l1 [\(gates * 5), 5]",
                                   "bias_ih_l1 [\(gates * 5)]", "bias_hh_l1 [\(gates * 5)]"], layer.name)
            // PyTorch's initialization: every value inside ±1/√hidden.
            let bound = 1 / Float(5).squareRoot()
            for p in layer.parameters { XCTAssertLessThanOrEqual(p.value.abs().max().item, bound) }
        }
        XCTAssertEqual(RNN(3, 4, bias: false, using: &rng).namedParameters.map(\.name), ["weight_ih_l0", "weight_hh_l0"])
    }

    func testCellsUseTheUnsuffixedNamesOfPyTorchsCells() {
        var rng = RandomGenerator(seed: 1)
        XCTAssertEqual(LSTMCell(2, 3, using: &rng).namedParameters.map(\.name), ["weight_ih", "weight_hh", "bias_ih", "bias_hh"])
        XCTAssertEqual(GRUCell(2, 3, using: &rng).weights.weightIH.shape, [9, 2])
    }

    func testStackedLayersMatchTheirReferenceAndReturnTheLastStates() {
        var rng = RandomGenerator(seed: 4)
        let lstm = LSTM(3, 4, numLayers: 2, using: &rng)
        let x = Tensor.randn([2, 5, 3], using: &rng)
        let h0 = Tensor.randn([2, 2, 4], using: &rng), c0 = Tensor.randn([2, 2, 4], using: &rng)
        let fast = lstm.forward(x, initialHidden: h0, initialCell: c0)
        let slow = lstm.referenceForward(x, initialHidden: h0, initialCell: c0)
        assertClose(fast.output, slow.output, tolerance: 1e-5)
        assertClose(fast.cell, slow.cell, tolerance: 1e-5)
        XCTAssertEqual(fast.hidden.shape, [2, 2, 4])
        // h_n of the top layer is the output's last step.
        assertClose(fast.hidden.slice(axis: 0, 1..<2).reshaped([2, 4]), fast.output.slice(axis: 1, 4..<5).reshaped([2, 4]))
        // The initial state matters.
        XCTAssertGreaterThan((lstm(x) - fast.output).abs().max().item, 1e-3)
    }

    func testOneStepOfTheLayerEqualsItsCellWithTheSameWeights() {
        var rng = RandomGenerator(seed: 8)
        for kind in ["RNN", "GRU"] {
            let layer: Layer = kind == "RNN" ? RNN(2, 3, using: &rng) : GRU(2, 3, using: &rng)
            let cell: Layer = kind == "RNN" ? RNNCell(2, 3, using: &rng) : GRUCell(2, 3, using: &rng)
            for (p, q) in zip(cell.parameters, layer.parameters) { p.value = q.value }
            let x = Tensor.randn([4, 1, 2], using: &rng)
            assertClose(cell(x.reshaped([4, 2])), layer(x).reshaped([4, 3]), tolerance: 1e-6)
        }
    }

    func testLastTimeStepKeepsTheFinalStepOfEverySample() {
        let x = Tensor(shape: [2, 3, 2], scalars: (0..<12).map(Float.init))
        XCTAssertEqual(LastTimeStep()(x), Tensor([[4, 5], [10, 11]]))
    }

    func testSavedWeightsLoadIntoAFreshLayerAndGiveTheSameOutputs() throws {
        var rng = RandomGenerator(seed: 2)
        let gru = GRU(3, 4, using: &rng), other = GRU(3, 4, using: &rng)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gru-\(UUID().uuidString).safetensors").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let x = Tensor.randn([2, 6, 3], using: &rng)
        XCTAssertGreaterThan((gru(x) - other(x)).abs().max().item, 1e-3)
        try gru.save(to: path)
        try other.load(from: path)
        XCTAssertEqual(other(x), gru(x))
    }

    func testAnLSTMLearnsToRecallTheFirstValueOfASequence() {
        // Target: the first of 6 random values; only a network that keeps it in its state can do better than
        // predicting the mean (MSE ≈ variance of U(−1, 1) = 1/3).
        var rng = RandomGenerator(seed: 3)
        let x = Tensor.uniform([256, 6, 1], low: -1, high: 1, using: &rng)
        let y = x.slice(axis: 1, 0..<1).reshaped([256, 1])
        let model = Sequential(LSTM(1, 16, using: &rng), LastTimeStep(), Linear(16, 1, using: &rng))
        model.fit(x: x, targets: y, epochs: 60, batchSize: 32, optimizer: Adam(model.parameters, learningRate: 1e-2),
                  loss: .mse, progress: .silent)
        let mse = mseLoss(model.predict(x), y).item
        XCTAssertLessThan(mse, 0.02, "an LSTM should recall the first value (MSE of the mean is ≈ 0.33)")
    }

    func testSummaryListsTheRecurrentLayerWithItsSequenceShape() {
        var rng = RandomGenerator(seed: 1)
        let model = Sequential(RNN(28, 32, using: &rng), LastTimeStep(), Linear(32, 10, using: &rng))
        let s = model.summary(inputShape: [28, 28])
        XCTAssertEqual(s.rows.first?.name, "RNN(28→32)")
        XCTAssertEqual(s.rows.first?.outputShape, [-1, 28, 32])
        XCTAssertEqual(s.totalParameters, (32 * 28 + 32 * 32 + 64) + (32 * 10 + 10))
    }
}
