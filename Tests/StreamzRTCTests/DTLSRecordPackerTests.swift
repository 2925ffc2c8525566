import Testing
@testable import StreamzRTC

@Suite("DTLS record packing")
struct DTLSRecordPackerTests {
    /// A record: type 22, DTLS 1.2, epoch 0, sequence `sequence`, `length` body bytes.
    static func record(sequence: UInt8, length: Int) -> [UInt8] {
        [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, sequence, UInt8(length >> 8), UInt8(length & 0xFF)]
            + Array(repeating: sequence, count: length)
    }

    @Test("splits back-to-back records")
    func split() {
        let bytes = Self.record(sequence: 1, length: 10) + Self.record(sequence: 2, length: 0) + Self.record(sequence: 3, length: 300)
        let records = DTLSRecordPacker.records(in: bytes)
        #expect(records.map(\.count) == [23, 13, 313])
        #expect(records.map { $0[$0.startIndex + 10] } == [1, 2, 3])
    }

    @Test("packs whole records into datagrams up to the MTU")
    func pack() {
        let bytes = Self.record(sequence: 1, length: 500) + Self.record(sequence: 2, length: 500)
            + Self.record(sequence: 3, length: 100) + Self.record(sequence: 4, length: 1300)
        let datagrams = DTLSRecordPacker.datagrams(from: bytes, mtu: 1200)
        // 513 + 513 + 113 = 1139 fit together; the oversized record travels alone.
        #expect(datagrams.map(\.count) == [1139, 1313])
        #expect(datagrams.joined().elementsEqual(bytes))
    }

    @Test("a truncated tail is kept, never dropped or overrun")
    func truncated() {
        let whole = Self.record(sequence: 1, length: 4)
        let claimsMore = [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 2, 0x01, 0x00, 9, 9] as [UInt8]
        #expect(DTLSRecordPacker.records(in: whole + claimsMore).map(\.count) == [17, 15])
        #expect(DTLSRecordPacker.records(in: whole + [22, 0xFE]).map(\.count) == [17, 2])
        #expect(DTLSRecordPacker.datagrams(from: [], mtu: 1200).isEmpty)
    }
}
