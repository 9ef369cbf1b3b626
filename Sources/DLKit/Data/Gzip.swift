import CZlib
import Foundation

/// Gzip decompression with zlib (the format of the published MNIST files).
enum Gzip {
    /// Whether `bytes` starts with the gzip magic 1f 8b.
    static func isGzip(_ bytes: Data) -> Bool {
        bytes.count >= 2 && bytes[bytes.startIndex] == 0x1f && bytes[bytes.startIndex + 1] == 0x8b
    }

    /// The decompressed bytes of a gzip stream; `name` is used in error messages.
    /// Throws `DataError.corruptGzip` for damaged data and for a stream that ends before its trailer.
    static func decompress(_ compressed: Data, name: String) throws -> [UInt8] {
        // The last 4 bytes of a gzip member hold the uncompressed size mod 2^32: a good first capacity.
        var capacity = max(compressed.count * 4, 1 << 16)
        if compressed.count >= 18 {
            let tail = compressed.suffix(4).map(UInt32.init)
            let isize = Int(tail[0] | tail[1] << 8 | tail[2] << 16 | tail[3] << 24)
            // Deflate expands at most ~1032:1, so a larger ISIZE means the tail is not a trailer (truncated file).
            if isize > 0 && isize <= compressed.count * 1032 { capacity = isize }
        }
        var output = [UInt8](repeating: 0, count: capacity)
        var stream = z_stream()
        // windowBits 15 + 16: gzip wrapper only (a raw deflate or zlib stream is an error).
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataError.corruptGzip(file: name, reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var produced = 0
        let status: Int32 = compressed.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Int32 in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = uInt(input.count)
            while true {
                if produced == output.count { output.append(contentsOf: repeatElement(0, count: output.count)) }
                let code: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress! + produced
                    stream.avail_out = uInt(out.count - produced)
                    let code = inflate(&stream, Z_NO_FLUSH)
                    produced = out.count - Int(stream.avail_out)
                    return code
                }
                if code == Z_STREAM_END { return code }
                if code == Z_BUF_ERROR && stream.avail_in == 0 { return code }   // input ended mid-stream
                if code != Z_OK { return code }
            }
        }
        switch status {
        case Z_STREAM_END:
            output.removeSubrange(produced...)
            return output
        case Z_BUF_ERROR, Z_OK:
            throw DataError.corruptGzip(file: name, reason: "the compressed stream ends early (truncated download?)")
        default:
            let message = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
            throw DataError.corruptGzip(file: name, reason: message)
        }
    }
}
