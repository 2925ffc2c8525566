/// Encodes an RGB picture as a PNG file (ISO/IEC 15948, the PNG spec):
/// signature, IHDR (8-bit truecolour, no interlace), one IDAT holding the
/// zlib stream of the filtered rows, IEND; every chunk with its CRC-32.
public enum PNGEncoder {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    public static func encode(_ image: PixelImage) -> [UInt8] {
        var out = signature
        var header: [UInt8] = []
        appendBigEndian(UInt32(image.width), to: &header)
        appendBigEndian(UInt32(image.height), to: &header)
        // Bit depth 8, colour type 2 (RGB), compression 0, filter 0, no interlace (§11.2.2).
        header += [8, 2, 0, 0, 0]
        appendChunk("IHDR", header, to: &out)
        appendChunk("IDAT", Deflate.zlib(filteredRows(image)), to: &out)
        appendChunk("IEND", [], to: &out)
        return out
    }

    /// Each row prefixed by its filter type (§9.2), choosing per row the
    /// filter with the smallest sum of absolute residuals, the heuristic the
    /// spec recommends (§12.8).
    static func filteredRows(_ image: PixelImage) -> [UInt8] {
        let stride = image.width * 3
        var raw = [UInt8](repeating: 0, count: stride * image.height)
        for (index, pixel) in image.pixels.enumerated() {
            raw[index * 3] = pixel.r
            raw[index * 3 + 1] = pixel.g
            raw[index * 3 + 2] = pixel.b
        }
        var out: [UInt8] = []
        out.reserveCapacity((stride + 1) * image.height)
        var candidate = [UInt8](repeating: 0, count: stride)
        var best = [UInt8](repeating: 0, count: stride)
        for row in 0..<image.height {
            let start = row * stride
            var bestType: UInt8 = 0
            var bestCost = Int.max
            for type in UInt8(0)...4 {
                var cost = 0
                for i in 0..<stride {
                    let x = raw[start + i]
                    let a = i >= 3 ? raw[start + i - 3] : 0
                    let b = row > 0 ? raw[start - stride + i] : 0
                    let c = row > 0 && i >= 3 ? raw[start - stride + i - 3] : 0
                    let value = x &- predictor(type, a: a, b: b, c: c)
                    candidate[i] = value
                    cost += Int(Int8(bitPattern: value).magnitude)
                }
                if cost < bestCost {
                    bestCost = cost
                    bestType = type
                    swap(&best, &candidate)
                }
            }
            out.append(bestType)
            out += best
        }
        return out
    }

    /// The predictors of filter types 0-4: None, Sub, Up, Average, Paeth (§9.2-9.4).
    static func predictor(_ type: UInt8, a: UInt8, b: UInt8, c: UInt8) -> UInt8 {
        switch type {
        case 1: return a
        case 2: return b
        case 3: return UInt8((Int(a) + Int(b)) / 2)
        case 4:
            let p = Int(a) + Int(b) - Int(c)
            let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
            if pa <= pb && pa <= pc { return a }
            return pb <= pc ? b : c
        default: return 0
        }
    }

    static func appendChunk(_ type: String, _ data: [UInt8], to out: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &out)
        let typeBytes = Array(type.utf8)
        out += typeBytes
        out += data
        // The CRC covers the type and the data, not the length (§5.3).
        appendBigEndian(CRC32.checksum(typeBytes + data), to: &out)
    }

    static func appendBigEndian(_ value: UInt32, to out: inout [UInt8]) {
        out += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}
