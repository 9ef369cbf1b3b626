import Foundation
import XCTest
import DLKit

/// DLKit's RNN, LSTM and GRU, saved with `save(to:)`, loaded into `torch.nn.RNN/LSTM/GRU(batch_first=True)` by
/// `load_state_dict(strict=True)`: the same outputs, final states and gradients. Needs a python3 that imports
/// torch: `$COURSE_TORCH_PYTHON`, else a `.venv*/bin/python3` at the package root, else `python3` on the PATH;
/// skipped (with the reason) when none has torch.
final class RecurrentInteropTests: XCTestCase {
    func testLayersSavedByDLKitLoadIntoPyTorchAndGiveTheSameOutputsAndGradients() throws {
        let python = try torchPython()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dlkit-rnn-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var rng = RandomGenerator(seed: 17)
        let layers: [(String, Layer)] = [("RNN", RNN(3, 5, numLayers: 2, using: &rng)),
                                         ("LSTM", LSTM(3, 4, numLayers: 2, using: &rng)),
                                         ("GRU", GRU(3, 6, using: &rng))]
        for (kind, layer) in layers {
            try layer.save(to: folder.appendingPathComponent("\(kind).safetensors").path)
            var x = Tensor.randn([2, 7, 3], using: &rng); x.requiresGrad = true
            var run: [String: Tensor] = ["x": x.detached()]
            let output: Tensor
            switch layer {
            case let l as LSTM: let r = l.forward(x); output = r.output; run["h_n"] = r.hidden.detached(); run["c_n"] = r.cell.detached()
            case let l as GRU: let r = l.forward(x); output = r.output; run["h_n"] = r.hidden.detached()
            case let l as RNN: let r = l.forward(x); output = r.output; run["h_n"] = r.hidden.detached()
            default: fatalError("unreachable")
            }
            let w = Tensor.randn(output.shape, using: &rng)
            (output * w).sum().backward()
            run["output"] = output.detached()
            run["w"] = w
            run["grad.x"] = x.grad!
            for (name, p) in layer.namedParameters { run["grad." + name] = p.grad! }
            try SafeTensors.save(run, to: folder.appendingPathComponent("\(kind)-run.safetensors").path)
        }
        let script = try XCTUnwrap(Bundle.module.url(forResource: "Fixtures/recurrent_interop", withExtension: "py"))
        let (status, out, err) = try runProcess(python, [script.path, folder.path])
        XCTAssertEqual(status, 0, "recurrent_interop.py failed: \(err)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: [String: Double]])
        for kind in ["RNN", "LSTM", "GRU"] {
            let diffs = try XCTUnwrap(json[kind], "no result for \(kind)")
            XCTAssertEqual(diffs.count, ["RNN": 11, "LSTM": 12, "GRU": 7][kind]!, "\(kind): \(diffs.keys.sorted())")
            for (name, diff) in diffs.sorted(by: { $0.key < $1.key }) {
                XCTAssertLessThan(diff, 1e-4, "\(kind) \(name): DLKit and PyTorch differ by \(diff)")
            }
        }
    }
}
