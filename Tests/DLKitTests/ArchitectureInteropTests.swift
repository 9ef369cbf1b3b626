import Foundation
import XCTest
import DLKit

/// DLKit's ResNet-18, saved with `save(to:)`, loaded into a PyTorch network built from `torch.nn` layers
/// (Fixtures/resnet_interop.py): the same parameter count, the same training-mode output and the same gradients.
/// Skipped without a python3 that imports torch (see `torchPython()`).
final class ArchitectureInteropTests: XCTestCase {
    func testResNet18SavedByDLKitGivesPyTorchsOutputAndGradients() throws {
        let python = try torchPython()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dlkit-resnet-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = RandomGenerator(seed: 21)
        let net = resnet18(numClasses: 10, using: &rng)
        try net.save(to: folder.appendingPathComponent("resnet18.safetensors").path)
        var x = Tensor.randn([2, 3, 32, 32], using: &rng); x.requiresGrad = true
        let output = net(x)
        let w = Tensor.randn(output.shape, using: &rng)
        (output * w).sum().backward()
        var run: [String: Tensor] = ["x": x.detached(), "w": w, "output": output.detached(), "grad.x": x.grad!]
        for (name, p) in net.namedParameters { run["grad." + name] = p.grad! }
        try SafeTensors.save(run, to: folder.appendingPathComponent("run.safetensors").path)
        let script = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/resnet_interop", withExtension: "py"))
        let (status, out, err) = try runProcess(python, [script.path, folder.path])
        XCTAssertEqual(status, 0, "resnet_interop.py failed: \(err)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Double])
        XCTAssertEqual(json["parameters"], Double(net.parameterCount))
        // 62 parameter tensors (20 convolution weights, the dense weight and bias, 20 batch norms × 2), the output, x.
        XCTAssertEqual(json.count, 1 + 62 + 2, "\(json.keys.sorted())")
        for (name, diff) in json.sorted(by: { $0.key < $1.key }) where name != "parameters" {
            XCTAssertLessThan(diff, 2e-3, "\(name): DLKit and PyTorch differ by \(diff)")
        }
    }
}
