@testable import StreamzRTC

/// Writes Ogg pages (RFC 3533) around packets, for the cases ffmpeg never writes:
/// packets spanning pages, exact multiples of 255 bytes, broken sequences and CRCs.
enum OggBuilder {
    static func page(flags: UInt8, granule: Int64 = 0, serial: UInt32 = 1, sequence: UInt32, lacing: [UInt8], body: [UInt8]) -> [UInt8] {
        var bytes = Array("OggS".utf8) + [0, flags] + IVFBuilder.le(UInt64(bitPattern: granule), 8)
            + IVFBuilder.le(UInt64(serial), 4) + IVFBuilder.le(UInt64(sequence), 4) + [0, 0, 0, 0] + [UInt8(lacing.count)] + lacing + body
        let crc = OggCRC.update(0, bytes)
        bytes.replaceSubrange(22..<26, with: IVFBuilder.le(UInt64(crc), 4))
        return bytes
    }

    /// Pages carrying `packets`: the first two (the Opus headers) alone on their pages as
    /// RFC 7845 §3 asks, the rest packed `maxSegments` lacing values a page.
    static func stream(_ packets: [[UInt8]], serial: UInt32 = 1, maxSegments: Int = 255) -> [UInt8] {
        // Each segment: its bytes, and whether it starts its packet.
        var groups: [[(bytes: [UInt8], first: Bool)]] = []
        var current: [(bytes: [UInt8], first: Bool)] = []
        for (index, packet) in packets.enumerated() {
            var segments = stride(from: 0, to: packet.count, by: 255).map { Array(packet[$0..<min(packet.count, $0 + 255)]) }
            // A packet that fills its last segment exactly needs a 0 to end it (RFC 3533 §5).
            if packet.count % 255 == 0 { segments.append([]) }
            for (number, segment) in segments.enumerated() {
                current.append((segment, number == 0))
                if current.count == maxSegments {
                    groups.append(current)
                    current = []
                }
            }
            if index < 2, !current.isEmpty {
                groups.append(current)
                current = []
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.enumerated().flatMap { number, segments -> [UInt8] in
            var flags: UInt8 = number == 0 ? OggPage.beginningOfStreamFlag : 0
            if number == groups.count - 1 { flags |= OggPage.endOfStreamFlag }
            if segments.first?.first == false { flags |= OggPage.continuedFlag }
            return page(flags: flags, serial: serial, sequence: UInt32(number),
                        lacing: segments.map { UInt8($0.bytes.count) }, body: segments.flatMap(\.bytes))
        }
    }

    static func opusHead(channels: UInt8 = 1, preSkip: UInt16 = 312, family: UInt8 = 0, version: UInt8 = 1) -> [UInt8] {
        Array("OpusHead".utf8) + [version, channels] + IVFBuilder.le(UInt64(preSkip), 2) + IVFBuilder.le(48_000, 4) + [0, 0, family]
    }

    static func opusTags(vendor: String = "streamz", comments: [String] = ["TITLE=tone"]) -> [UInt8] {
        Array("OpusTags".utf8) + IVFBuilder.le(UInt64(vendor.utf8.count), 4) + Array(vendor.utf8)
            + IVFBuilder.le(UInt64(comments.count), 4) + comments.flatMap { IVFBuilder.le(UInt64($0.utf8.count), 4) + Array($0.utf8) }
    }

    /// A CELT fullband 20 ms packet (TOC config 31, code 0) of `length` bytes: only its TOC matters here.
    static func audioPacket(_ length: Int, fill: UInt8 = 0x55) -> [UInt8] {
        [31 << 3] + [UInt8](repeating: fill, count: max(0, length - 1))
    }
}
