import Testing
@testable import StreamzRTC

@Suite("RTP packets (RFC 3550 §5.1)")
struct RTPPacketTests {
    /// V=2 P=0 X=0 CC=0 M=1 PT=96 seq=0x1234 ts=0xDEADBEEF ssrc=0x01020304, payload 0xAA 0xBB.
    let minimal: [UInt8] = [0x80, 0xE0, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04, 0xAA, 0xBB]

    @Test func parsesFixedHeader() throws {
        let packet = try RTPPacket(parsing: minimal)
        #expect(packet.header.marker)
        #expect(packet.header.payloadType == 96)
        #expect(packet.header.sequenceNumber == 0x1234)
        #expect(packet.header.timestamp == 0xDEAD_BEEF)
        #expect(packet.header.ssrc == 0x0102_0304)
        #expect(packet.header.csrcs.isEmpty)
        #expect(packet.header.extensions.isEmpty)
        #expect(packet.payload == [0xAA, 0xBB])
        #expect(try packet.serialized() == minimal)
    }

    @Test func csrcsAndPaddingRoundTrip() throws {
        let bytes: [UInt8] = [
            0xA2, 0x6F, 0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0xCA, 0xFE, 0xBA, 0xBE,
            0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22,
            0x01, 0x02, 0x03,
            0x00, 0x00, 0x03,
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.csrcs == [0x1111_1111, 0x2222_2222])
        #expect(packet.header.payloadType == 111)
        #expect(!packet.header.marker)
        #expect(packet.payload == [1, 2, 3])
        #expect(packet.paddingLength == 3)
        #expect(try packet.serialized() == bytes)
    }

    @Test func oneByteExtensions() throws {
        // RFC 8285 §4.2 example shape: id 1 len 1, id 2 len 2, padding to a word.
        let bytes: [UInt8] = [
            0x90, 0x60, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBE, 0xDE, 0x00, 0x02,
            0x10, 0xAA, 0x21, 0xBB, 0xCC, 0x00, 0x00, 0x00,
            0x99,
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions[1] == [0xAA])
        #expect(packet.header.extensions[2] == [0xBB, 0xCC])
        #expect(packet.header.extensions[3] == nil)
        #expect(packet.payload == [0x99])
        #expect(try packet.serialized() == bytes)
    }

    @Test func oneByteIdFifteenStopsParsing() throws {
        let bytes: [UInt8] = [
            0x90, 0x60, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBE, 0xDE, 0x00, 0x01,
            0x10, 0xAA, 0xF0, 0x55,
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions.elements == [.init(id: 1, data: [0xAA])])
    }

    @Test func twoByteExtensions() throws {
        let bytes: [UInt8] = [
            0x90, 0x60, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x10, 0x00, 0x00, 0x02,
            0x01, 0x00, 0x20, 0x03, 0x01, 0x02, 0x03, 0x00,
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions[1] == [])
        #expect(packet.header.extensions[32] == [1, 2, 3])
        #expect(packet.payload.isEmpty)
        #expect(try packet.serialized() == bytes)
    }

    @Test func writerPicksTwoByteFormWhenNeeded() throws {
        var header = RTPHeader(payloadType: 96, sequenceNumber: 1, timestamp: 2, ssrc: 3)
        header.extensions.set(id: 3, data: [UInt8](repeating: 7, count: 17))
        let bytes = try RTPPacket(header: header, payload: [1]).serialized()
        #expect(bytes[12] == 0x10 && bytes[13] == 0x00)
        #expect(try RTPPacket(parsing: bytes).header.extensions[3]?.count == 17)
    }

    @Test func unknownProfileKeptOpaque() throws {
        let bytes: [UInt8] = [
            0x90, 0x60, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x12, 0x34, 0x00, 0x01, 0xDE, 0xAD, 0xBE, 0xEF,
        ]
        let packet = try RTPPacket(parsing: bytes)
        #expect(packet.header.extensions.opaque == .init(profile: 0x1234, data: [0xDE, 0xAD, 0xBE, 0xEF]))
        #expect(try packet.serialized() == bytes)
    }

    @Test func rejectsMalformed() {
        #expect(throws: RTPError.truncated) { try RTPPacket(parsing: []) }
        #expect(throws: RTPError.truncated) { try RTPPacket(parsing: Array(minimal.prefix(11))) }
        #expect(throws: RTPError.unsupportedVersion(1)) { try RTPPacket(parsing: [0x40] + minimal.dropFirst()) }
        // CC=3 but no CSRCs follow.
        #expect(throws: RTPError.truncated) { try RTPPacket(parsing: [0x83] + minimal.dropFirst()) }
        // X set but the extension header is missing.
        #expect(throws: RTPError.truncated) { try RTPPacket(parsing: [0x90] + minimal.dropFirst()) }
        // Padding count 0 and padding longer than the payload.
        var zeroPadding = minimal
        zeroPadding[0] |= 0x20
        zeroPadding[zeroPadding.count - 1] = 0
        #expect(throws: RTPError.invalidPadding(0)) { try RTPPacket(parsing: zeroPadding) }
        var longPadding = zeroPadding
        longPadding[longPadding.count - 1] = 9
        #expect(throws: RTPError.invalidPadding(9)) { try RTPPacket(parsing: longPadding) }
        // One-byte element announcing more bytes than the block holds.
        let overrun: [UInt8] = [
            0x90, 0x60, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBE, 0xDE, 0x00, 0x01, 0x1F, 0xAA, 0xBB, 0xCC,
        ]
        #expect(throws: RTPError.invalidExtensionElement(id: 1, length: 16)) { try RTPPacket(parsing: overrun) }
    }

    @Test func randomBytesNeverTrap() {
        var rng = SeededRandom(seed: 0x5EED)
        for _ in 0..<5_000 {
            let length = Int.random(in: 0...64, using: &rng)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if !bytes.isEmpty, Bool.random(using: &rng) { bytes[0] = 0x80 | (bytes[0] & 0x3F) }
            if let packet = try? RTPPacket(parsing: bytes) {
                // Whatever parses must serialize and parse back to the same thing.
                if let again = try? packet.serialized() {
                    #expect((try? RTPPacket(parsing: again)) == packet)
                }
            }
        }
    }
}
