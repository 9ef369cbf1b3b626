import XCTest
import DLKit

final class LayerTests: XCTestCase {
    func mlp(_ rng: inout RandomGenerator) -> Sequential {
        Sequential(Linear(784, 256, using: &rng), ReLU(), Linear(256, 128, using: &rng), ReLU(), Linear(128, 10, using: &rng))
    }

    func testSummaryOfTheMNISTMultilayerPerceptronCounts235146Parameters() {
        var rng = RandomGenerator(seed: 1)
        let model = mlp(&rng)
        let s = model.summary(inputShape: [784])
        // (784+1)·256 + (256+1)·128 + (128+1)·10, computed by hand.
        XCTAssertEqual(s.totalParameters, 235_146)
        XCTAssertEqual(s.rows.map(\.outputShape), [[-1, 256], [-1, 256], [-1, 128], [-1, 128], [-1, 10]])
        XCTAssertEqual(s.rows.map(\.parameterCount), [200_960, 0, 32_896, 0, 1_290])
        XCTAssertTrue(s.description.contains("Total params: 235,146"), s.description)
        XCTAssertEqual(model.parameterCount, 235_146)
    }

    func testSequentialAppliesLayersInOrderAndResultBuilderMatches() {
        let l1 = Linear(weight: Tensor([[1, 2], [3, 4]]), bias: Tensor([1, -20]))
        let model = Sequential(l1, ReLU())
        // [1, 1]·Wᵀ + b = [1+2+1, 3+4−20] = [4, −13] → ReLU → [4, 0]
        XCTAssertEqual(model(Tensor([[1, 1]])).scalars, [4, 0])
        let built = Sequential { l1; ReLU() }
        XCTAssertEqual(built(Tensor([[1, 1]])).scalars, [4, 0])
        XCTAssertEqual(model.namedParameters.map(\.name), ["0.weight", "0.bias"])
    }

    func testResultBuilderHandlesConditionsAndLoopsAndNestingNamesParametersLikePyTorch() {
        var rng = RandomGenerator(seed: 2)
        let useDropout = false
        let model = Sequential {
            Linear(4, 4, using: &rng)
            if useDropout { Dropout(0.5, seed: 1) }
            for _ in 0..<2 { ReLU() }
            Sequential(Linear(4, 2, using: &rng), BatchNorm(2))
        }
        XCTAssertEqual(model.layers.count, 4)
        XCTAssertEqual(model.namedParameters.map(\.name), ["0.weight", "0.bias", "3.0.weight", "3.0.bias", "3.1.weight", "3.1.bias"])
        XCTAssertEqual(model.namedBuffers.map(\.name), ["3.1.running_mean", "3.1.running_var"])
        model.eval()
        XCTAssertFalse((model[3] as! Sequential)[1].isTraining, "eval reaches nested layers")
    }

    func testAssigningALayersWeightKeepsItTrainable() {
        var rng = RandomGenerator(seed: 2)
        let layer = Linear(2, 1, using: &rng)
        var computed = Tensor([[1, 2]]); computed.requiresGrad = true
        layer.weight = computed * 2             // has gradient history: stored as a fresh leaf
        XCTAssertEqual(layer.weight.scalars, [2, 4])
        XCTAssertTrue(layer.weight.requiresGrad)
        XCTAssertFalse(layer.weight.hasGradientHistory)
        layer(Tensor([[1, 1]])).sum().backward()
        XCTAssertEqual(layer.weightParameter.grad?.scalars, [1, 1])
    }

    func testLinearLayerGradientsMatchFiniteDifferences() {
        var rng = RandomGenerator(seed: 3)
        let layer = Linear(3, 2, using: &rng)
        let x = Tensor.randn([4, 3], using: &rng)
        let w = weights(like: Tensor.zeros([4, 2]))
        assertGradientsMatchFiniteDifferences([layer.weight, layer.bias!]) { t in
            (Linear(weight: t[0], bias: t[1])(x).tanh() * w).sum()
        }
        // Gradients reach the layer's own parameters.
        (layer(x) * w).sum().backward()
        XCTAssertEqual(layer.weightParameter.grad?.shape, [2, 3])
        XCTAssertEqual(layer.biasParameter?.grad?.shape, [2])
    }

    func testInitializersHaveTheirStatedSpread() {
        var rng = RandomGenerator(seed: 4)
        let kaiming = Initializer.kaimingNormal.make([400, 500], fanIn: 500, fanOut: 400, using: &rng)
        XCTAssertEqual(kaiming.square().mean().item, 2 / 500, accuracy: 2 / 500 * 0.05)
        let xavier = Initializer.xavierUniform.make([400, 500], fanIn: 500, fanOut: 400, using: &rng)
        let bound = (6 / Float(900)).squareRoot()
        XCTAssertLessThanOrEqual(xavier.abs().max().item, bound)
        XCTAssertGreaterThan(xavier.abs().max().item, bound * 0.99)
        let torch = Linear(100, 10, using: &rng)
        XCTAssertLessThanOrEqual(torch.weight.abs().max().item, 0.1)
    }

    func testFreezingStopsGradientsAndOptimizerUpdates() {
        var rng = RandomGenerator(seed: 5)
        let model = Sequential(Linear(4, 3, using: &rng), ReLU(), Linear(3, 2, using: &rng))
        (model[0] as! Linear).freeze()
        let before = (model[0] as! Linear).weight.scalars
        let lastBefore = (model[2] as! Linear).weight.scalars
        let opt = SGD(model.parameters, learningRate: 0.5)
        let x = Tensor.randn([8, 4], using: &rng)
        let loss = crossEntropy(logits: model(x), labels: [0, 1, 0, 1, 1, 0, 0, 1])
        loss.backward()
        XCTAssertNil((model[0] as! Linear).weightParameter.grad)
        opt.step()
        XCTAssertEqual((model[0] as! Linear).weight.scalars, before)
        XCTAssertNotEqual((model[2] as! Linear).weight.scalars, lastBefore)
        XCTAssertEqual(model.summary(inputShape: [4]).trainableParameters, 8)
    }

    func testDropoutZeroesAboutPAndScalesSurvivorsAndIsIdentityInEval() {
        let drop = Dropout(0.4, seed: 9)
        let x = Tensor.ones([10_000])
        let y = drop(x)
        let zeros = y.scalars.filter { $0 == 0 }.count
        XCTAssertEqual(Double(zeros) / 10_000, 0.4, accuracy: 0.02)
        XCTAssertTrue(y.scalars.allSatisfy { $0 == 0 || abs($0 - 1 / 0.6) < 1e-6 })
        drop.eval()
        XCTAssertEqual(drop(x), x)
        // Same seed, same mask.
        XCTAssertEqual(Dropout(0.4, seed: 9)(x), y)
    }

    func testDropoutGradientFollowsItsMask() {
        var rng = RandomGenerator(seed: 1)
        var x = Tensor.randn([50], using: &rng); x.requiresGrad = true
        let y = x.dropout(0.5, using: &rng)
        y.sum().backward()
        for i in 0..<50 { XCTAssertEqual(x.grad!.scalars[i], y.scalars[i] == 0 ? 0 : 2) }
    }

    func testBatchNormNormalizesPerChannelAndTracksRunningStatistics() {
        var rng = RandomGenerator(seed: 6)
        let bn = BatchNorm(3)
        // Channel c has mean 10·c and standard deviation c + 1.
        var x = Tensor.randn([64, 3, 4, 4], using: &rng)
        x = x * Tensor([1, 2, 3]).reshaped([1, 3, 1, 1]) + Tensor([0, 10, 20]).reshaped([1, 3, 1, 1])
        let y = bn(x)
        let perChannel = y.permuted([1, 0, 2, 3]).reshaped([3, -1])
        for c in 0..<3 {
            XCTAssertEqual(perChannel[c].mean().item, 0, accuracy: 1e-4)
            XCTAssertEqual(perChannel[c].square().mean().item, 1, accuracy: 1e-3)
        }
        XCTAssertEqual(bn.runningMean.scalars[2], 0.1 * 20, accuracy: 0.05)
        bn.eval()
        let z = bn(Tensor.full([1, 3, 1, 1], 20))
        // (20 − running mean) / √(running var + ε) for channel 2.
        let expected = (20 - bn.runningMean.scalars[2]) / (bn.runningVariance.scalars[2] + 1e-5).squareRoot()
        XCTAssertEqual(z.scalars[2], expected, accuracy: 1e-4)
        XCTAssertEqual(BatchNorm(5).summary(inputShape: [5]).totalParameters, 10)
    }

    func testFlattenAndActivationLayers() {
        XCTAssertEqual(Flatten()(Tensor.zeros([2, 1, 28, 28])).shape, [2, 784])
        XCTAssertEqual(Sigmoid()(Tensor([0])).scalars, [0.5])
        XCTAssertEqual(LeakyReLU(slope: 0.1)(Tensor([-10])).scalars, [-1])
        let p = Softmax()(Tensor([[1, 2, 3]]))
        XCTAssertEqual(p.sum().item, 1, accuracy: 1e-6)
        XCTAssertEqual(Activation { $0 * $0 }(Tensor([3])).scalars, [9])
    }
}
