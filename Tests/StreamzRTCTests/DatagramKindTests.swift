import Testing
@testable import StreamzRTC

@Suite("RFC 7983 demultiplexing")
struct DatagramKindTests {
    @Test("first byte ranges", arguments: [
        ([0x00, 0x01], DatagramKind.stun), ([0x03, 0x00], .stun),
        ([0x14, 0xfe], .dtls), ([0x16, 0xfe], .dtls), ([0x3f, 0x00], .dtls),
        ([0x80, 0x60], .rtp), ([0x80, 0xe0], .rtp), ([0x80, 0xc8], .rtcp),
        ([0x81, 0xc9], .rtcp), ([0xbf, 0xdf], .rtcp),
        ([0x04, 0x00], .unknown), ([0x40, 0x00], .unknown), ([0xc0, 0x00], .unknown),
        ([0x80], .unknown), ([], .unknown),
    ] as [([UInt8], DatagramKind)])
    func classifies(bytes: [UInt8], kind: DatagramKind) {
        #expect(DatagramKind(classifying: bytes) == kind)
    }
}
