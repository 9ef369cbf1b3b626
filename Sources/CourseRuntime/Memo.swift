import Checksum
import DLKit
import Foundation

/// Runs expensive work (training) once and keeps the tensors it returns: later runs of the lesson load them from
/// the cache folder instead of computing them again.
///
///     let state = memo("xor-net", steps, learningRate) { train(model, steps: steps); return model.stateDict() }
///     try model.loadStateDict(state)
///
/// The tensors are stored as safetensors under a key made of `key`, the `inputs` (as printed), the code of this
/// cell and of every cell before it, the lesson's seed and the DLKit build — so changing anything that could change
/// the result computes it again, while re-plotting in a later cell never retrains.
public func memo(_ key: String, _ inputs: Any..., compute: () throws -> [String: Tensor]) rethrows -> [String: Tensor] {
    let hasher = Checksum.Hasher(.sha256)
    let described = inputs.map { String(describing: $0) }
    let library = ProcessInfo.processInfo.environment["COURSE_LIBRARY_HASH"] ?? ""
    let parts = ["memo-1", key] + described + [CourseProgram.codeKey, String(CourseProgram.seed), library]
    for part in parts { hasher.update("\(part.utf8.count):\(part)\n") }
    let folder = CourseProgram.memoDirectory
    let file = folder.appendingPathComponent(hasher.finish() + ".safetensors")
    if FileManager.default.fileExists(atPath: file.path), let stored = try? SafeTensors.load(from: file.path) {
        return stored
    }
    let tensors = try compute()
    do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Write then rename, so a lesson stopped half-way never leaves a torn file behind.
        let partial = folder.appendingPathComponent(".\(getpid())-" + file.lastPathComponent)
        try SafeTensors.save(tensors, metadata: ["memo": key], to: partial.path)
        if rename(partial.path, file.path) != 0 { try? FileManager.default.removeItem(at: partial) }
    } catch {
        fputs("memo: could not store '\(key)' in \(folder.path): \(error)\n", stderr)
    }
    return tensors
}
