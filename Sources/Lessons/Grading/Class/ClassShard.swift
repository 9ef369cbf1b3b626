import Checksum

/// A deterministic share of a class, so that a CI matrix, a Slurm array or a Kubernetes Indexed Job spreads the
/// grading over machines with no scheduler of ours: shard I of N takes the students whose id hashes to I − 1
/// modulo N (SHA-256 of the id). Every machine computes the same split from the same class folder, a student's
/// lessons stay together, and adding a student moves no other student to another shard.
///
///     let shard = try ClassShard("2/4")        // the second of four; 1-based like `jest --shard`
///     shard.contains(student: "alice")
public struct ClassShard: Equatable, Sendable {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, (1...count).contains(index) else { throw ClassGradingError.badShard("\(index)/\(count)") }
        self.index = index
        self.count = count
    }

    /// Reads `I/N`.
    public init(_ text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ClassGradingError.badShard(text)
        }
        do { try self.init(index: index, count: count) } catch { throw ClassGradingError.badShard(text) }
    }

    /// Whether `student` belongs to this shard.
    public func contains(student: String) -> Bool {
        ClassShard.bucket(of: student, count: count) == index - 1
    }

    /// The first 8 bytes of SHA-256(student), as a number, modulo `count`.
    static func bucket(of student: String, count: Int) -> Int {
        let hasher = Checksum.Hasher(.sha256)
        hasher.update(student)
        let hex = hasher.finish()
        return Int(UInt64(hex.prefix(16), radix: 16)! % UInt64(count))
    }
}
