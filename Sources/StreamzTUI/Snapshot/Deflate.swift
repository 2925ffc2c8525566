/// A small DEFLATE compressor (RFC 1951) inside a zlib stream (RFC 1950):
/// one block with the fixed Huffman codes (§3.2.6) and greedy LZ77 matches
/// found through a hash of the next three bytes with chains (as zlib does,
/// much simplified). Frames saved with `p` are camera pictures after PNG
/// filtering: this gets most of zlib's gain without dynamic Huffman tables.
enum Deflate {
    static let windowSize = 32_768
    static let minMatch = 3
    static let maxMatch = 258
    /// How many earlier positions with the same hash are tried per byte.
    static let maxChain = 32

    /// `data` as a zlib stream: header, the DEFLATE data, Adler-32.
    static func zlib(_ data: [UInt8]) -> [UInt8] {
        // CMF 0x78: deflate with a 32 KiB window; FLG 0x01 makes CMF·256+FLG
        // a multiple of 31 (RFC 1950 §2.2), no dictionary, level "fastest".
        var out: [UInt8] = [0x78, 0x01]
        out += deflate(data)
        let adler = Adler32.checksum(data)
        out += [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    /// Raw DEFLATE data: one final block with fixed Huffman codes.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE 01: fixed Huffman codes
        let hashSize = 1 << 15
        var head = [Int](repeating: -1, count: hashSize)
        var previous = [Int](repeating: -1, count: windowSize)
        func hash(_ i: Int) -> Int {
            (Int(data[i]) << 10 ^ Int(data[i + 1]) << 5 ^ Int(data[i + 2])) & (hashSize - 1)
        }
        func insert(_ i: Int) {
            guard i + minMatch <= data.count else { return }
            let h = hash(i)
            previous[i % windowSize] = head[h]
            head[h] = i
        }
        var i = 0
        while i < data.count {
            var bestLength = 0, bestDistance = 0
            if i + minMatch <= data.count {
                var candidate = head[hash(i)]
                var chain = 0
                let limit = min(maxMatch, data.count - i)
                while candidate >= 0, i - candidate <= windowSize, chain < maxChain {
                    var length = 0
                    while length < limit, data[candidate + length] == data[i + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = i - candidate
                        if length == limit { break }
                    }
                    let next = previous[candidate % windowSize]
                    // The chain slot may have been reused by a newer position.
                    if next >= candidate { break }
                    candidate = next
                    chain += 1
                }
            }
            if bestLength >= minMatch {
                writeLength(bestLength, into: &bits)
                writeDistance(bestDistance, into: &bits)
                for j in i..<(i + bestLength) { insert(j) }
                i += bestLength
            } else {
                writeLiteral(Int(data[i]), into: &bits)
                insert(i)
                i += 1
            }
        }
        writeLiteral(256, into: &bits)  // end of block
        return bits.finish()
    }

    /// The fixed literal/length code of RFC 1951 §3.2.6.
    static func writeLiteral(_ symbol: Int, into bits: inout BitWriter) {
        switch symbol {
        case 0...143: bits.writeHuffman(0x30 + symbol, count: 8)
        case 144...255: bits.writeHuffman(0x190 + symbol - 144, count: 9)
        case 256...279: bits.writeHuffman(symbol - 256, count: 7)
        default: bits.writeHuffman(0xC0 + symbol - 280, count: 8)
        }
    }

    /// Length codes 257-285 with their extra bits (RFC 1951 §3.2.5).
    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
                             163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                               2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
                                13, 13]

    static func writeLength(_ length: Int, into bits: inout BitWriter) {
        let code = (lengthBase.lastIndex { $0 <= length }) ?? 0
        writeLiteral(257 + code, into: &bits)
        bits.write(UInt32(length - lengthBase[code]), count: lengthExtra[code])
    }

    static func writeDistance(_ distance: Int, into bits: inout BitWriter) {
        let code = (distanceBase.lastIndex { $0 <= distance }) ?? 0
        // Distance codes are fixed 5-bit codes, sent most significant bit first.
        bits.writeHuffman(code, count: 5)
        bits.write(UInt32(distance - distanceBase[code]), count: distanceExtra[code])
    }
}

/// Bits packed least significant first into bytes (RFC 1951 §3.1.1).
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var used = 0

    /// Data values and extra bits: least significant bit first.
    mutating func write(_ value: UInt32, count: Int) {
        guard count > 0 else { return }
        buffer |= UInt64(value & (UInt32.max >> (32 - count))) << used
        used += count
        while used >= 8 {
            bytes.append(UInt8(buffer & 0xFF))
            buffer >>= 8
            used -= 8
        }
    }

    /// Huffman codes: most significant bit first, so reversed here.
    mutating func writeHuffman(_ code: Int, count: Int) {
        var reversed: UInt32 = 0
        for bit in 0..<count where code >> bit & 1 != 0 { reversed |= 1 << (count - 1 - bit) }
        write(reversed, count: count)
    }

    mutating func finish() -> [UInt8] {
        if used > 0 { bytes.append(UInt8(buffer & 0xFF)) }
        buffer = 0
        used = 0
        return bytes
    }
}
