import Checksum
import DLKit
import Foundation

/// Runs a training once and keeps what it produced: the model's weights (safetensors) and the value `work`
/// returns (JSON — e.g. the per-epoch metrics). A later run of the lesson with the same code loads both from the
/// cache instead of training again, and says so in one line.
///
///     let epochs = memo("mlp", model: mlp) { mlp.fit(x: x, labels: y, epochs: 5, optimizer: opt).epochs }
///     // "mlp: trained in 4.1 s, saved"  — or — "mlp: loaded from the cache (trained earlier)"
///
/// The key digests `name`, the code of this cell and of every cell above it (`CourseProgram.codeKey`; prose does
/// not count), the model's parameter names and shapes, the lesson's seed, the MNIST checksums and
/// `$COURSE_DATA_KEY`, and the CourseKit build (`$COURSE_LIBRARY_HASH`). Change any of them and it trains again.
/// Files are written to a temporary name and renamed, so a lesson stopped half-way never leaves a torn entry.
/// `directory` overrides the cache folder (default `CourseProgram.memoDirectory`).
public func memo<T: Codable>(_ name: String, model: (any Layer)? = nil, directory: URL? = nil,
                             _ work: () throws -> T) rethrows -> T {
    let key = MemoKey.digest(name: name, model: model)
    let folder = directory ?? CourseProgram.memoDirectory
    let stem = MemoKey.safeName(name) + "-" + String(key.prefix(32))
    let jsonFile = folder.appendingPathComponent(stem + ".json")
    let weightsFile = folder.appendingPathComponent(stem + ".safetensors")

    if let loaded: T = MemoStore.load(json: jsonFile, weights: model == nil ? nil : weightsFile, into: model) {
        print("\(name): loaded from the cache (trained earlier)")
        return loaded
    }
    let start = Date()
    let value = try work()
    let seconds = Date().timeIntervalSince(start)
    if let problem = MemoStore.save(value, json: jsonFile, weights: model == nil ? nil : weightsFile, model: model) {
        print("\(name): trained in \(String(format: "%.1f", seconds)) s (not saved: \(problem))")
    } else {
        print("\(name): trained in \(String(format: "%.1f", seconds)) s, saved")
    }
    return value
}

/// How `memo` names an entry.
public enum MemoKey {
    /// The SHA-256 (hex) of everything a memoized result depends on.
    ///
    ///     let key = MemoKey.digest(name: "mlp", model: mlp)
    public static func digest(name: String, model: (any Layer)?) -> String {
        let environment = ProcessInfo.processInfo.environment
        var parts = ["memo-training-1", name, CourseProgram.codeKey, String(CourseProgram.seed),
                     environment["COURSE_LIBRARY_HASH"] ?? "", environment["COURSE_DATA_KEY"] ?? "",
                     MNIST.checksums.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")]
        if let model {
            parts += model.namedParameters.map { "\($0.name) \($0.parameter.value.shape)" }
            parts += model.namedBuffers.map { "buffer \($0.name) \($0.parameter.value.shape)" }
        }
        let hasher = Checksum.Hasher(.sha256)
        for part in parts { hasher.update("\(part.utf8.count):\(part)\n") }
        return hasher.finish()
    }

    /// `name` reduced to letters, digits, `-` and `_` (a file name on any system).
    ///
    ///     MemoKey.safeName("MLP + ridge")   // "MLP-ridge"
    public static func safeName(_ name: String) -> String {
        var out = ""
        for ch in name {
            if ch.isASCII && (ch.isLetter || ch.isNumber || ch == "_") { out.append(ch) }
            else if !out.hasSuffix("-") { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "memo" : String(out.prefix(60))
    }
}

/// Extension: the per-epoch metrics travel as JSON (what a memoized `fit` returns: `history.epochs`).
extension EpochMetrics: Codable {
    enum CodingKeys: String, CodingKey { case epoch, loss, accuracy, validationLoss, validationAccuracy, seconds }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(epoch: try c.decode(Int.self, forKey: .epoch), loss: try c.decode(Float.self, forKey: .loss),
                  accuracy: try c.decodeIfPresent(Float.self, forKey: .accuracy),
                  validationLoss: try c.decodeIfPresent(Float.self, forKey: .validationLoss),
                  validationAccuracy: try c.decodeIfPresent(Float.self, forKey: .validationAccuracy),
                  seconds: try c.decode(Double.self, forKey: .seconds))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(epoch, forKey: .epoch)
        try c.encode(loss, forKey: .loss)
        try c.encodeIfPresent(accuracy, forKey: .accuracy)
        try c.encodeIfPresent(validationLoss, forKey: .validationLoss)
        try c.encodeIfPresent(validationAccuracy, forKey: .validationAccuracy)
        try c.encode(seconds, forKey: .seconds)
    }
}

/// Reading and writing one memo entry.
enum MemoStore {
    /// The stored value, with the weights loaded into `model` — or nil when the entry is missing or unreadable.
    static func load<T: Codable>(json: URL, weights: URL?, into model: (any Layer)?) -> T? {
        guard let data = try? Data(contentsOf: json) else { return nil }
        guard let value = try? JSONDecoder().decode(Box<T>.self, from: data).value else { return nil }
        if let weights, let model {
            guard FileManager.default.fileExists(atPath: weights.path) else { return nil }
            do { try model.load(from: weights.path) } catch { return nil }
        }
        return value
    }

    /// Writes the entry (weights first, JSON last: the JSON's presence marks a complete entry). Returns a
    /// description of the problem, or nil when it was stored.
    static func save<T: Codable>(_ value: T, json: URL, weights: URL?, model: (any Layer)?) -> String? {
        do {
            let folder = json.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let tag = ".\(getpid())-partial-"
            if let weights, let model {
                let partial = folder.appendingPathComponent(tag + weights.lastPathComponent)
                try model.save(to: partial.path)
                try replace(weights, with: partial)
            }
            let partial = folder.appendingPathComponent(tag + json.lastPathComponent)
            try JSONEncoder().encode(Box(value: value)).write(to: partial)
            try replace(json, with: partial)
            return nil
        } catch {
            return "\(error)"
        }
    }

    private static func replace(_ target: URL, with partial: URL) throws {
        if rename(partial.path, target.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: partial)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "cannot rename to \(target.path): \(reason)"])
        }
    }

    /// A wrapper so that a bare number or string is valid top-level JSON.
    struct Box<V>: Codable where V: Codable {
        var value: V
    }
}
