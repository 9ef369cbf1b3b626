import Foundation

/// Reads and writes the safetensors format (Hugging Face; what PyTorch users exchange weights in):
/// an 8-byte little-endian header length N, N bytes of JSON
/// `{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, …, "__metadata__": {…}}`,
/// then the raw little-endian tensor bytes (offsets count from the end of the header).
///
/// ```swift
/// try SafeTensors.save(["w": w, "b": b], to: "model.safetensors")
/// let loaded = try SafeTensors.load(from: "model.safetensors")   // ["w": …, "b": …]
/// ```
public enum SafeTensors {
    /// Encodes named tensors as F32. Names are written in sorted order, so equal inputs give equal bytes.
    ///
    /// ```swift
    /// let bytes = SafeTensors.encode(["x": Tensor([1, 2])])
    /// ```
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) -> [UInt8] {
        let names = tensors.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let t = tensors[name]!
            let size = t.count * 4
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
        }
        var header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        // Pad with spaces so the data starts 8-byte aligned (as the reference implementation does).
        while header.count % 8 != 0 { header.append(0x20) }
        var out = [UInt8]()
        out.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for name in names {
            tensors[name]!.withUnsafeBufferPointer { p in
                for v in p { withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
            }
        }
        return out
    }

    /// Decodes a safetensors file's bytes. F32 is read as is; F64, F16, BF16 and integer dtypes
    /// (I8…I64, U8, BOOL) are converted to Float.
    ///
    /// ```swift
    /// let tensors = try SafeTensors.decode(bytes)
    /// ```
    public static func decode(_ bytes: [UInt8]) throws -> [String: Tensor] {
        try decodeWithMetadata(bytes).tensors
    }

    /// Decodes tensors and the optional `__metadata__` strings.
    ///
    /// ```swift
    /// let (tensors, meta) = try SafeTensors.decodeWithMetadata(bytes)
    /// ```
    public static func decodeWithMetadata(_ bytes: [UInt8]) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        guard bytes.count >= 8 else {
            throw DLKitError("safetensors: the file is \(bytes.count) bytes long — too short to hold the 8-byte header length")
        }
        var n: UInt64 = 0
        for i in (0..<8).reversed() { n = n << 8 | UInt64(bytes[i]) }
        guard n <= UInt64(bytes.count - 8) else {
            throw DLKitError("safetensors: the header claims \(n) bytes but only \(bytes.count - 8) follow — the file is truncated or not a safetensors file")
        }
        let headerEnd = 8 + Int(n)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd]))
        } catch {
            throw DLKitError("safetensors: the header is not valid JSON (\(error.localizedDescription))")
        }
        guard let header = json as? [String: Any] else { throw DLKitError("safetensors: the header is not a JSON object") }
        let dataLength = bytes.count - headerEnd
        var tensors: [String: Tensor] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                for (k, v) in value as? [String: Any] ?? [:] { metadata[k] = v as? String ?? "\(v)" }
                continue
            }
            guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
                  let shape = (info["shape"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  let offsets = (info["data_offsets"] as? [Any])?.compactMap({ ($0 as? NSNumber)?.intValue }),
                  offsets.count == 2 else {
                throw DLKitError("safetensors: entry \"\(name)\" lacks dtype, shape or data_offsets")
            }
            guard let width = byteWidth[dtype] else {
                throw DLKitError("safetensors: tensor \"\(name)\" has dtype \(dtype), which DLKit cannot read (supported: \(byteWidth.keys.sorted().joined(separator: ", ")))")
            }
            let count = shape.reduce(1, *)
            let (begin, end) = (offsets[0], offsets[1])
            guard shape.allSatisfy({ $0 >= 0 }), begin >= 0, begin <= end, end <= dataLength else {
                throw DLKitError("safetensors: tensor \"\(name)\" has data_offsets [\(begin), \(end)] outside the \(dataLength) data bytes — the file is truncated or corrupt")
            }
            guard end - begin == count * width else {
                throw DLKitError("safetensors: tensor \"\(name)\" of shape \(describe(shape)) and dtype \(dtype) needs \(count * width) bytes but data_offsets give \(end - begin)")
            }
            let values = bytes.withUnsafeBytes { raw in
                convert(UnsafeRawBufferPointer(rebasing: raw[(headerEnd + begin)..<(headerEnd + end)]), dtype: dtype, count: count)
            }
            tensors[name] = Tensor(shape: shape, scalars: values)
        }
        return (tensors, metadata)
    }

    /// Writes named tensors to a file.
    ///
    /// ```swift
    /// try SafeTensors.save(["weight": w], to: "/tmp/w.safetensors")
    /// ```
    public static func save(_ tensors: [String: Tensor], metadata: [String: String] = [:], to path: String) throws {
        let bytes = encode(tensors, metadata: metadata)
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw DLKitError("safetensors: cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Reads named tensors from a file.
    ///
    /// ```swift
    /// let tensors = try SafeTensors.load(from: "weights.safetensors")
    /// ```
    public static func load(from path: String) throws -> [String: Tensor] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DLKitError("safetensors: cannot read \(path) (missing file or no permission)")
        }
        do {
            return try decode([UInt8](data))
        } catch let e as DLKitError {
            throw DLKitError("\(e.message) [\(path)]")
        }
    }

    private static let byteWidth: [String: Int] = [
        "F32": 4, "F64": 8, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]

    private static func convert(_ raw: UnsafeRawBufferPointer, dtype: String, count: Int) -> [Float] {
        func read<T: FixedWidthInteger>(_ : T.Type, _ i: Int) -> T {
            T(littleEndian: raw.loadUnaligned(fromByteOffset: i * MemoryLayout<T>.size, as: T.self))
        }
        return (0..<count).map { i -> Float in
            switch dtype {
            case "F32": return Float(bitPattern: read(UInt32.self, i))
            case "F64": return Float(Double(bitPattern: read(UInt64.self, i)))
            case "F16": return Float(halfBits: read(UInt16.self, i))
            case "BF16": return Float(bitPattern: UInt32(read(UInt16.self, i)) << 16)
            case "I64": return Float(read(Int64.self, i))
            case "I32": return Float(read(Int32.self, i))
            case "I16": return Float(read(Int16.self, i))
            case "I8": return Float(read(Int8.self, i))
            default: return Float(read(UInt8.self, i))   // U8, BOOL
            }
        }
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

extension Float {
    /// IEEE 754 half precision → single precision.
    init(halfBits h: UInt16) {
        let sign = UInt32(h >> 15) << 31
        let exponent = Int((h >> 10) & 0x1F), mantissa = UInt32(h & 0x3FF)
        if exponent == 0 {
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            self = sign != 0 ? -magnitude : magnitude
        } else if exponent == 31 {
            self = Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        } else {
            self = Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }
}
