import XCTest
import Foundation
import DLKit

final class SafeTensorsTests: XCTestCase {
    let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("dlkit-\(UUID().uuidString)-\(name)").path
    }

    func testReadsAFileWrittenByPythonSafetensors() throws {
        // Values as written by Fixtures/make_safetensors_fixture.py.
        let t = try SafeTensors.load(from: fixtures.appendingPathComponent("python-written.safetensors").path)
        XCTAssertEqual(t["layer.weight"], Tensor([[1.5, -2, 3], [0.25, 0, -7]]))
        XCTAssertEqual(t["layer.bias"], Tensor([0.5, -0.5]))
        XCTAssertEqual(t["scores"], Tensor([0.125, 1e10]))
        XCTAssertEqual(t["counts"], Tensor([3, -4, 5]))
        XCTAssertEqual(t["half"], Tensor([1.5, -0.5, 65504]))
        XCTAssertEqual(t["scalar"], Tensor(2.75))
        let bytes = [UInt8](try Data(contentsOf: fixtures.appendingPathComponent("python-written.safetensors")))
        XCTAssertEqual(try SafeTensors.decodeWithMetadata(bytes).metadata, ["format": "pt", "author": "fixture"])
    }

    func testRoundTripPreservesNamesShapesAndExactValues() throws {
        var rng = RandomGenerator(seed: 11)
        let tensors = ["a": Tensor.randn([3, 4, 5], using: &rng), "b.c": Tensor([Float.infinity, -0.0, 1e-30]),
                       "s": Tensor(7), "empty": Tensor.zeros([0, 3])]
        let bytes = SafeTensors.encode(tensors, metadata: ["k": "v \"quoted\""])
        let (back, meta) = try SafeTensors.decodeWithMetadata(bytes)
        XCTAssertEqual(back, tensors)
        XCTAssertEqual(meta, ["k": "v \"quoted\""])
        // Header layout: 8-byte little-endian length, data 8-byte aligned.
        let n = bytes[0..<8].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        XCTAssertEqual(n % 8, 0)
        XCTAssertEqual(bytes.count, 8 + n + (60 + 3 + 1) * 4)
        XCTAssertEqual(SafeTensors.encode(tensors), SafeTensors.encode(tensors), "deterministic bytes")
    }

    func testModelSaveAndLoadRestoresPredictions() throws {
        var rng = RandomGenerator(seed: 12)
        let model = Sequential(Linear(4, 8, using: &rng), BatchNorm(8), ReLU(), Linear(8, 3, using: &rng))
        _ = model(Tensor.randn([16, 4], using: &rng))   // moves the running statistics
        model.eval()
        let x = Tensor.randn([5, 4], using: &rng)
        let expected = model(x)
        let path = temporaryPath("model.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.save(to: path)
        XCTAssertEqual(Set(try SafeTensors.load(from: path).keys),
                       ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "3.weight", "3.bias"])
        var other = RandomGenerator(seed: 99)
        let fresh = Sequential(Linear(4, 8, using: &other), BatchNorm(8), ReLU(), Linear(8, 3, using: &other))
        fresh.eval()
        XCTAssertNotEqual(fresh(x), expected)
        try fresh.load(from: path)
        XCTAssertEqual(fresh(x), expected)
    }

    func testCorruptFilesGiveReadableErrors() throws {
        func message(_ bytes: [UInt8]) -> String {
            do { _ = try SafeTensors.decode(bytes); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(message([1, 2, 3]).contains("too short"))
        let good = SafeTensors.encode(["w": Tensor([1, 2, 3])])
        XCTAssertTrue(message(Array(good.dropLast(4))).contains("truncated"), message(Array(good.dropLast(4))))
        var huge = good; huge[5] = 1
        XCTAssertTrue(message(huge).contains("truncated"))
        var badJSON = good; badJSON[8] = UInt8(ascii: "x")
        XCTAssertTrue(message(badJSON).contains("JSON"))
        XCTAssertThrowsError(try SafeTensors.load(from: "/nonexistent/w.safetensors")) { e in
            XCTAssertTrue("\(e)".contains("/nonexistent/w.safetensors"))
        }
        var rng = RandomGenerator(seed: 1)
        let model = Sequential(Linear(2, 2, using: &rng))
        XCTAssertThrowsError(try model.loadStateDict(["0.weight": Tensor.zeros([3, 2]), "0.bias": Tensor.zeros([2])])) { e in
            XCTAssertTrue("\(e)".contains("[3, 2]") && "\(e)".contains("[2, 2]"), "\(e)")
        }
        XCTAssertThrowsError(try model.loadStateDict(["0.weight": Tensor.zeros([2, 2])])) { e in
            XCTAssertTrue("\(e)".contains("0.bias"), "\(e)")
        }
    }

    func testPythonSafetensorsReadsAFileWrittenByDLKit() throws {
        // Every python3 on PATH (and the system one), first one with safetensors and numpy wins.
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
        let candidates = dirs.map { $0 + "/python3" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
        guard !candidates.isEmpty else { throw XCTSkip("python3 is not installed; skipping the Python interoperability check") }
        func hasSafetensors(_ python: String) -> Bool {
            let probe = Process()
            probe.executableURL = URL(fileURLWithPath: python)
            probe.arguments = ["-c", "import safetensors, numpy"]
            probe.standardError = FileHandle.nullDevice
            guard (try? probe.run()) != nil else { return false }
            probe.waitUntilExit()
            return probe.terminationStatus == 0
        }
        guard let python = candidates.first(where: hasSafetensors) else {
            throw XCTSkip("Python's safetensors/numpy are not installed (pip install safetensors numpy); skipping")
        }
        let path = temporaryPath("from-dlkit.safetensors")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SafeTensors.save(["w": Tensor([[1, 2, 3], [4, 5, 6.5]]), "b": Tensor([-1])], metadata: ["who": "dlkit"], to: path)
        let script = """
        import sys
        from safetensors.numpy import load_file
        from safetensors import safe_open
        t = load_file(sys.argv[1])
        assert t["w"].dtype.name == "float32" and t["w"].shape == (2, 3), t["w"]
        assert t["w"].tolist() == [[1, 2, 3], [4, 5, 6.5]] and t["b"].tolist() == [-1]
        with safe_open(sys.argv[1], "np") as f: assert f.metadata() == {"who": "dlkit"}
        print("ok")
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", script, path]
        let out = Pipe(); p.standardOutput = out; p.standardError = out
        try p.run(); p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 0, text)
        XCTAssertEqual(text.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
    }
}
