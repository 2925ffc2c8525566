/// CRC-32 as PNG uses it (ISO 3309 / ITU-T V.42 polynomial, reflected,
/// PNG spec §5.5 "CRC algorithm"), table-driven.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum<S: Sequence>(_ bytes: S, initial: UInt32 = 0) -> UInt32 where S.Element == UInt8 {
        var c = ~initial
        for byte in bytes { c = table[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return ~c
    }
}

/// Adler-32, the zlib stream's trailer (RFC 1950 §8.2).
enum Adler32 {
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        let modulus: UInt32 = 65_521
        var a: UInt32 = 1, b: UInt32 = 0
        // 5552 is the most bytes that cannot overflow 32 bits before the
        // modulo (RFC 1950 §9 leaves the speed-up to implementations).
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 5552)
            for i in index..<end {
                a += UInt32(bytes[i])
                b += a
            }
            a %= modulus
            b %= modulus
            index = end
        }
        return b << 16 | a
    }
}
