import Foundation
import XCTest
import DLKit

/// DLKit's ResNet-18, saved with `save(to:)`, loaded into a PyTorch network built from `torch.nn` layers
/// (Fixtures/resnet_interop.py): the same parameter count, the same training-mode output and the same gradients.
/// Skipped without a python3 that imports torch (see `torchPython()`).
final class ArchitectureInteropTests: XCTestCase {
    func testResNet18InEvaluationModeGivesPyTorchsOutputAndGradients() throws {
        try compare(training: false, outputTolerance: 1e-4, gradientTolerance: 1e-4)
    }

    /// Training mode: batch statistics. Twenty batch norms deep, a channel whose batch variance is tiny amplifies
    /// float32 rounding (and DLKit's Winograd convolutions round differently from PyTorch's): the gradients agree to a
    /// few percent of their largest entry in the worst layer, while one block alone agrees to 1e-6 and the
    /// evaluation-mode network to 1e-4. A wrong stride, shortcut or layer order gives differences of order 1.
    func testResNet18InTrainingModeGivesPyTorchsOutputAndGradients() throws {
        try compare(training: true, outputTolerance: 1e-4, gradientTolerance: 5e-2)
    }

    private func compare(training: Bool, outputTolerance: Double, gradientTolerance: Double) throws {
        let python = try torchPython()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dlkit-resnet-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = RandomGenerator(seed: 21)
        let net = resnet18(numClasses: 10, using: &rng)
        net.isTraining = training
        try net.save(to: folder.appendingPathComponent("resnet18.safetensors").path)
        // 64 × 64 images, four of them: the last stage's batch norms see 4 · 2 · 2 = 16 values a channel (with two 32 × 32
        // images, only 2 — a normalization so ill-conditioned that float rounding alone changes the gradients).
        var x = Tensor.randn([4, 3, 64, 64], using: &rng); x.requiresGrad = true
        let output = net(x)
        let w = Tensor.randn(output.shape, using: &rng)
        (output * w).sum().backward()
        var run: [String: Tensor] = ["x": x.detached(), "w": w, "output": output.detached(), "grad.x": x.grad!]
        for (name, p) in net.namedParameters { run["grad." + name] = p.grad! }
        try SafeTensors.save(run, to: folder.appendingPathComponent("run.safetensors").path)
        let script = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/resnet_interop", withExtension: "py"))
        let (status, out, err) = try runProcess(python, [script.path, folder.path, training ? "train" : "eval"])
        XCTAssertEqual(status, 0, "resnet_interop.py failed: \(err)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Double])
        XCTAssertEqual(json["parameters"], Double(net.parameterCount))
        // 62 parameter tensors (20 convolution weights, the dense weight and bias, 20 batch norms × 2), the output, x.
        XCTAssertEqual(json.count, 1 + 62 + 2, "\(json.keys.sorted())")
        for (name, diff) in json.sorted(by: { $0.key < $1.key }) where name != "parameters" {
            let tolerance = name == "output" ? outputTolerance : gradientTolerance
            XCTAssertLessThan(diff, tolerance, "\(name): DLKit and PyTorch differ by \(diff) of the largest entry")
        }
    }
}
