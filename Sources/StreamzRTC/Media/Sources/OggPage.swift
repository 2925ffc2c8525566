/// One Ogg page (RFC 3533 §6): a 27-byte header, a lacing table of segment
/// sizes and the body, protected by a CRC over all of it.
struct OggPage: Equatable, Sendable {
    static let headerLength = 27
    static let continuedFlag: UInt8 = 0x01
    static let beginningOfStreamFlag: UInt8 = 0x02
    static let endOfStreamFlag: UInt8 = 0x04

    var offset: Int
    var flags: UInt8
    var granulePosition: Int64
    var serial: UInt32
    var sequence: UInt32
    /// Segment sizes: 255 means the packet goes on in the next segment (RFC 3533 §5).
    var lacing: [UInt8]
    var body: [UInt8]
    /// Bytes the page occupies in the file.
    var length: Int { Self.headerLength + lacing.count + body.count }

    var isContinued: Bool { flags & Self.continuedFlag != 0 }
    var isBeginningOfStream: Bool { flags & Self.beginningOfStreamFlag != 0 }
    var isEndOfStream: Bool { flags & Self.endOfStreamFlag != 0 }

    /// Reads the page at `offset`, checking signature, version and CRC.
    init(_ bytes: MediaBytes, at offset: Int) throws(MediaSourceError) {
        let header = try bytes.read(Self.headerLength, at: offset, what: "Ogg page header")
        guard header.hasASCII("OggS", at: 0) else { throw .badMagic(expected: "Ogg capture pattern OggS", offset: offset) }
        guard header[4] == 0 else { throw .unsupported("Ogg stream structure version \(header[4]) at byte \(offset)") }
        guard header[5] & ~0x07 == 0 else { throw .invalidField("Ogg page flags 0x\(String(header[5], radix: 16)) at byte \(offset)") }
        self.offset = offset
        flags = header[5]
        granulePosition = Int64(bitPattern: header.littleEndian64(at: 6))
        serial = header.littleEndian32(at: 14)
        sequence = header.littleEndian32(at: 18)
        let storedCRC = header.littleEndian32(at: 22)
        lacing = try bytes.read(Int(header[26]), at: offset + Self.headerLength, what: "Ogg lacing table")
        body = try bytes.read(lacing.reduce(0) { $0 + Int($1) }, at: offset + Self.headerLength + lacing.count, what: "Ogg page body")
        // The CRC is computed with its own field zeroed (RFC 3533 §6, "CRC checksum").
        var crc = OggCRC.update(0, Array(header[0..<22]) + [0, 0, 0, 0] + [header[26]])
        crc = OggCRC.update(crc, lacing)
        crc = OggCRC.update(crc, body)
        guard crc == storedCRC else { throw .checksumMismatch(offset: offset) }
    }
}

/// Ogg's CRC-32: polynomial 0x04C11DB7, initial value 0, no bit reflection, no final XOR
/// (RFC 3533 §6; it differs from zlib's CRC-32 on all three counts).
enum OggCRC {
    static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index) << 24
        for _ in 0..<8 { crc = crc & 0x8000_0000 != 0 ? (crc << 1) ^ 0x04C1_1DB7 : crc << 1 }
        return crc
    }

    static func update(_ crc: UInt32, _ bytes: [UInt8]) -> UInt32 {
        bytes.reduce(crc) { ($0 << 8) ^ table[Int(($0 >> 24) ^ UInt32($1))] }
    }
}
