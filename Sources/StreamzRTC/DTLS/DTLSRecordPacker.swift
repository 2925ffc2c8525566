/// Cuts what OpenSSL wrote into its memory BIO into datagrams.
///
/// A memory BIO keeps no datagram boundaries, so the write side is split back
/// into DTLS records (RFC 6347 §4.1: a 13-byte header whose last two bytes are
/// the fragment length) and whole records are packed into datagrams of at most
/// `mtu` bytes; RFC 6347 §4.1.1 allows several records per datagram and
/// forbids splitting one across two.
enum DTLSRecordPacker {
    static let recordHeaderLength = 13

    /// The records in `bytes`, in order. A malformed tail (never produced by
    /// OpenSSL) is returned as one final piece rather than dropped.
    static func records(in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var records: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bytes.count {
            let remaining = bytes.count - offset
            guard remaining >= recordHeaderLength else {
                records.append(bytes[offset...])
                break
            }
            let fragmentLength = Int(bytes[offset + 11]) << 8 | Int(bytes[offset + 12])
            let end = offset + recordHeaderLength + fragmentLength
            guard end <= bytes.count else {
                records.append(bytes[offset...])
                break
            }
            records.append(bytes[offset..<end])
            offset = end
        }
        return records
    }

    /// Whole records packed greedily into datagrams of at most `mtu` bytes;
    /// a single record larger than `mtu` travels alone.
    static func datagrams(from bytes: [UInt8], mtu: Int) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        var current: [UInt8] = []
        for record in records(in: bytes) {
            if !current.isEmpty, current.count + record.count > mtu {
                datagrams.append(current)
                current = []
            }
            current.append(contentsOf: record)
        }
        if !current.isEmpty { datagrams.append(current) }
        return datagrams
    }
}
