import CCrypto
import Foundation

/// Cryptographic digests through OpenSSL's libcrypto, as lowercase hex strings.
///
///     Checksum.md5(Data("abc".utf8))     // "900150983cd24fb0d6963f7d28e17f72"
///     Checksum.sha256(Data("abc".utf8))  // "ba7816bf…"
public enum Checksum {
    public enum Algorithm: Sendable { case md5, sha256 }

    /// An incremental digest: feed bytes with `update`, read the hex digest with `finish`.
    public final class Hasher {
        private let ctx: OpaquePointer

        public init(_ algorithm: Algorithm) {
            ctx = EVP_MD_CTX_new()
            let md = algorithm == .md5 ? EVP_md5() : EVP_sha256()
            EVP_DigestInit_ex(ctx, md, nil)
        }

        deinit { EVP_MD_CTX_free(ctx) }

        public func update(_ bytes: UnsafeRawBufferPointer) {
            if bytes.count > 0 { EVP_DigestUpdate(ctx, bytes.baseAddress, bytes.count) }
        }

        public func update(_ data: Data) { data.withUnsafeBytes { update($0) } }
        public func update(_ string: String) { update(Data(string.utf8)) }

        public func finish() -> String {
            var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            EVP_DigestFinal_ex(ctx, &out, &length)
            return out.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
        }
    }

    public static func md5(_ data: Data) -> String { digest(.md5, data) }
    public static func sha256(_ data: Data) -> String { digest(.sha256, data) }
    public static func sha256(_ string: String) -> String { digest(.sha256, Data(string.utf8)) }

    /// The digest of a file, read in 1 MiB chunks.
    public static func file(_ url: URL, _ algorithm: Algorithm) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let hasher = Hasher(algorithm)
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.finish()
    }

    private static func digest(_ algorithm: Algorithm, _ data: Data) -> String {
        let hasher = Hasher(algorithm)
        hasher.update(data)
        return hasher.finish()
    }
}
