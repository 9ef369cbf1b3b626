import XCTest
import Foundation
import DLKit

/// The spellings lesson writers reach for first must compile and mean what they say.
final class LayerSpellingTests: XCTestCase {
    func cube(_ z: Tensor) -> Tensor { z * z * z }

    func testActivationAcceptsAClosureVariableATrailingClosureAndANamedClosure() {
        let x = Tensor([2, -1, 0.5])
        let g: (Tensor) -> Tensor = { z in z * z }
        let fromVariable = Activation(g)
        let trailing = Activation { z in z * z }
        let named = Activation("square") { z in z * z }
        let fromFunction = Activation(cube)
        for layer in [fromVariable, trailing, named] {
            XCTAssertEqual(layer(x).scalars, [4, 1, 0.25])
        }
        XCTAssertEqual(fromFunction(x).scalars, [8, -1, 0.125])
        XCTAssertEqual(fromVariable.name, "Activation")
        XCTAssertEqual(trailing.name, "Activation")
        XCTAssertEqual(named.name, "square")
        XCTAssertEqual(Activation("g", g).name, "g")
    }

    func testAnActivationFromAVariableIsDifferentiableAndNamedInTheSummary() {
        let g: (Tensor) -> Tensor = { z in z * z }
        var rng = RandomGenerator(seed: 3)
        let model = Sequential(Linear(2, 3, using: &rng), Activation("z²", g), Linear(3, 1, using: &rng))
        XCTAssertEqual(model.summary(inputShape: [2]).rows.map(\.name), ["Linear(2→3)", "z²", "Linear(3→1)"])
        let x = Tensor([[0.5, -1], [2, 0.25]])
        let w = Tensor([[0.3], [-0.7]])
        assertGradientsMatchFiniteDifferences([x], step: 1e-3) { t in (Activation(g)(t[0]) * w).sum() }
    }

    func testSummaryNamesSayWhatEachLayerMaps() {
        var rng = RandomGenerator(seed: 2)
        let model = Sequential(Flatten(), Linear(784, 256, using: &rng), BatchNorm(256), ReLU(),
                               Linear(256, 10, bias: false, using: &rng))
        XCTAssertEqual(model.summary(inputShape: [1, 28, 28]).rows.map(\.name),
                       ["Flatten", "Linear(784→256)", "BatchNorm(256)", "ReLU", "Linear(256→10, no bias)"])
    }

    func testTensorsFromIntegerAndDoubleVariablesRangesAndSlices() {
        let labels = [3, 1, 4]
        XCTAssertEqual(Tensor(labels).scalars, [3, 1, 4])
        XCTAssertEqual(Tensor(labels).shape, [3])
        XCTAssertEqual(Tensor(0..<4).scalars, [0, 1, 2, 3])
        let xs: [Double] = [0.5, -1.25]
        XCTAssertEqual(Tensor(xs).scalars, [0.5, -1.25])
        let floats: [Float] = [1, 2, 3, 4]
        XCTAssertEqual(Tensor(floats.prefix(2)).scalars, [1, 2])
        XCTAssertEqual(Tensor(labels[1...]).scalars, [1, 4])
        // Literals still read as Float, fractions included.
        XCTAssertEqual(Tensor([1, 2.5]).scalars, [1, 2.5])
        XCTAssertEqual(Tensor([[1, 2], [3, 4]]).shape, [2, 2])
    }

    func testCrossEntropyTakesLabelsAsIntsAFloatTensorOrOneHotRows() {
        // Equal logits: every class has probability 1/3, so the loss is ln 3 whatever the labels.
        let logits = Tensor.zeros([2, 3])
        let ln3 = Float(1.0986123)
        XCTAssertEqual(crossEntropy(logits: logits, labels: [0, 2]).item, ln3, accuracy: 1e-6)
        XCTAssertEqual(crossEntropy(logits: logits, labels: Tensor([0, 2])).item, ln3, accuracy: 1e-6)
        XCTAssertEqual(Loss.crossEntropy(logits, .values(Tensor([0, 2]))).item, ln3, accuracy: 1e-6)
        XCTAssertEqual(Loss.crossEntropy(logits, .values(Tensor.oneHot([0, 2], classes: 3))).item, ln3, accuracy: 1e-6)
        // Unequal logits: −log softmax([2, 0, 0])[0] = −2 + ln(e² + 2).
        let z = Tensor([[2, 0, 0]])
        let expected = Float(-2 + Foundation.log(Foundation.exp(2.0) + 2))
        XCTAssertEqual(crossEntropy(logits: z, labels: Tensor([0])).item, expected, accuracy: 1e-5)
        XCTAssertEqual(Loss.crossEntropy(z, .values(Tensor([[1, 0, 0]]))).item, expected, accuracy: 1e-5)
    }

    func testAPrintedLossNamesTheLossThatMadeIt() {
        var p = Tensor([0.25, 0.75]); p.requiresGrad = true
        let target = Tensor([0, 1])
        XCTAssertTrue("\(mseLoss(p, target))".contains("grad history (mseLoss)"))
        XCTAssertTrue("\(binaryCrossEntropy(p, target))".contains("grad history (binaryCrossEntropy)"))
        // The name adds no factor: mean((0.25 − 0)², (0.75 − 1)²) = 0.0625, gradient 2(p − y)/2 = [0.25, −0.25].
        let loss = mseLoss(p, target)
        XCTAssertEqual(loss.item, 0.0625, accuracy: 1e-7)
        loss.backward()
        XCTAssertEqual(p.grad!.scalars, [0.25, -0.25])
        XCTAssertFalse("\(withoutGrad { mseLoss(p, target) })".contains("grad history"))
    }

    func testActivationClosuresWorkInsideTheResultBuilder() {
        var rng = RandomGenerator(seed: 4)
        let model = Sequential {
            Linear(1, 1, using: &rng)
            Activation { z in z * z }
        }
        let linear = model[0] as! Linear
        let w = linear.weight.scalars[0], b = linear.bias!.scalars[0]
        XCTAssertEqual(model(Tensor([[3]])).scalars[0], (3 * w + b) * (3 * w + b), accuracy: 1e-5)
    }

    func testPrintingASequentialListsItsLayersLikePyTorch() {
        var rng = RandomGenerator(seed: 5)
        let model = Sequential(Flatten(), Sequential(Linear(4, 3, using: &rng), ReLU()), Linear(3, 2, using: &rng))
        XCTAssertEqual("\(model)", """
            Sequential(
              (0): Flatten
              (1): Sequential(
                (0): Linear(4→3)
                (1): ReLU
              )
              (2): Linear(3→2)
            )
            """)
        XCTAssertEqual("\(Sequential(layers: []))", "Sequential(\n)")
    }

    /// conv 3×3 on 32×32 → 30×30 (4 filters: 4·(9 + 1) = 40 parameters); pool 2 → 15×15; 4·15·15 = 900 → 10
    /// (900·10 + 10 = 9010 parameters). Counted by hand.
    func cnn(_ rng: inout RandomGenerator) -> Sequential {
        Sequential(Conv2D(in: 1, out: 4, kernel: 3, using: &rng), ReLU(), MaxPool2D(kernel: 2), Flatten(),
                   Linear(900, 10, using: &rng))
    }

    func testSummaryOfACNNListsTheHandComputedShapesAndCounts() {
        var rng = RandomGenerator(seed: 1)
        let s = cnn(&rng).summary(inputShape: [1, 32, 32])
        XCTAssertEqual(s.rows.map(\.outputShape), [[-1, 4, 30, 30], [-1, 4, 30, 30], [-1, 4, 15, 15], [-1, 900], [-1, 10]])
        XCTAssertEqual(s.rows.map(\.parameterCount), [40, 0, 0, 0, 9010])
        XCTAssertEqual(s.totalParameters, 9050)
    }

    func testSummaryAcceptsALeadingBatchAxisOfOneWhenTheFirstLayerTellsItApart() {
        var rng = RandomGenerator(seed: 1)
        let model = cnn(&rng)
        XCTAssertEqual(model.summary(inputShape: [1, 1, 32, 32]).rows, model.summary(inputShape: [1, 32, 32]).rows)
        let mlp = Sequential(Linear(784, 16, using: &rng), ReLU(), Linear(16, 10, using: &rng))
        let withBatch = mlp.summary(inputShape: [1, 784])
        XCTAssertEqual(withBatch.rows.map(\.outputShape), [[-1, 16], [-1, 16], [-1, 10]])
        XCTAssertEqual(withBatch.rows, mlp.summary(inputShape: [784]).rows)
        // Layers that keep the shape (dropout, activations) before the first Linear do not hide it.
        let dropoutFirst = Sequential(Dropout(0.2), Sequential(Linear(784, 16, using: &rng)))
        XCTAssertEqual(dropoutFirst.summary(inputShape: [1, 784]).rows.map(\.outputShape), [[-1, 784], [-1, 16]])
        // A single layer, not inside a Sequential, is checked the same way.
        XCTAssertEqual(Linear(5, 2, using: &rng).summary(inputShape: [1, 5]).rows.map(\.outputShape), [[-1, 2]])
    }

    func testSummaryLeavesTheModelInTheModeItWasIn() {
        var rng = RandomGenerator(seed: 1)
        let model = cnn(&rng)
        model.train()
        _ = model.summary(inputShape: [1, 1, 32, 32])
        XCTAssertTrue(model.isTraining)
        model.eval()
        _ = model.summary(inputShape: [1, 32, 32])
        XCTAssertFalse(model.isTraining)
    }

    func testConv2DTakesItsGeneratorAsUsingWithEveryOption() {
        var a = RandomGenerator(seed: 7), b = RandomGenerator(seed: 7)
        let spelledUsing = Conv2D(in: 2, out: 3, kernel: 3, padding: 1, kernelFlip: .convolution, bias: false,
                                  initializer: .kaimingNormal, using: &a)
        let spelledRng = Conv2D(in: 2, out: 3, kernel: 3, padding: 1, kernelFlip: .convolution, bias: false,
                                initializer: .kaimingNormal, rng: &b)
        XCTAssertEqual(spelledUsing.kernelFlip, .convolution)
        XCTAssertEqual(spelledUsing.padding, 1)
        XCTAssertNil(spelledUsing.bias)
        XCTAssertEqual(spelledUsing.weight.scalars, spelledRng.weight.scalars)
        XCTAssertEqual(a.next(), b.next())   // both drew the same amount
        var c = RandomGenerator(seed: 7)
        XCTAssertEqual(Conv2D(in: 2, out: 3, kernel: 3, using: &c).kernelFlip, .crossCorrelation)
    }
}
