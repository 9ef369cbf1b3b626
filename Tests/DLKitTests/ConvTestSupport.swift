import Foundation
import XCTest

/// A tiny deterministic generator for test data (SplitMix64), independent of DLKit's own generator.
struct ConvTestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [-1, 1).
    mutating func float() -> Float { Float(next() >> 40) / Float(1 << 23) - 1 }
    mutating func floats(_ count: Int) -> [Float] { (0..<count).map { _ in float() } }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }
}

/// Asserts two float arrays are equal within `tolerance · max(1, |expected|)` element-wise,
/// reporting the first offending index.
func assertClose(_ got: [Float], _ expected: [Float], tolerance: Float, _ what: String,
                 file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(got.count, expected.count, "\(what): count", file: file, line: line)
    for i in 0..<min(got.count, expected.count) {
        let allowed = tolerance * max(1, abs(expected[i]))
        if !(abs(got[i] - expected[i]) <= allowed) {
            XCTFail("\(what): element \(i) is \(got[i]), expected \(expected[i]) (±\(allowed))", file: file, line: line)
            return
        }
    }
}

/// Loads a JSON fixture written by Fixtures/conv/make_conv_fixtures.py.
func loadConvFixture<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
    guard let url = Bundle.module.url(forResource: "Fixtures/conv/\(name)", withExtension: "json") else {
        throw NSError(domain: "fixtures", code: 1, userInfo: [NSLocalizedDescriptionKey: "missing fixture \(name).json"])
    }
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

struct ConvFixtureCase: Decodable {
    var name: String
    var shape: [Int]
    var outChannels: Int
    var kernel: Int
    var stride: Int
    var padding: Int
    var paddingMode: String
    var flip: Bool
    var input: [Float]
    var weight: [Float]
    var bias: [Float]?
    var outputShape: [Int]
    var output: [Float]
    var outputGradient: [Float]
    var inputGradient: [Float]
    var weightGradient: [Float]
    var biasGradient: [Float]?
}

struct PoolFixtureCase: Decodable {
    var name: String
    var kind: String
    var shape: [Int]
    var kernel: Int
    var stride: Int
    var padding: Int
    var input: [Float]
    var outputShape: [Int]
    var output: [Float]
    var outputGradient: [Float]
    var inputGradient: [Float]
}
