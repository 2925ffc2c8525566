/// A bounds-checked big-endian cursor over received bytes.
///
/// Every RTP, RTCP and VP8 parser reads through this so that a truncated or
/// hostile datagram becomes a thrown error instead of an out-of-range trap.
/// The error to throw is fixed at creation (typed throws), so each protocol
/// keeps its own error type.
struct MediaByteReader<Failure: Error>: Sendable where Failure: Sendable {
    let bytes: [UInt8]
    private(set) var offset: Int
    let end: Int
    private let truncated: Failure

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil, truncated: Failure) {
        self.bytes = bytes
        self.offset = start
        self.end = min(end ?? bytes.count, bytes.count)
        self.truncated = truncated
    }

    var remaining: Int { max(0, end - offset) }
    var isAtEnd: Bool { offset >= end }

    mutating func u8() throws(Failure) -> UInt8 {
        guard offset < end else { throw truncated }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func u16() throws(Failure) -> UInt16 {
        UInt16(try uint(width: 2))
    }

    mutating func u24() throws(Failure) -> UInt32 {
        UInt32(try uint(width: 3))
    }

    mutating func u32() throws(Failure) -> UInt32 {
        UInt32(try uint(width: 4))
    }

    mutating func u64() throws(Failure) -> UInt64 {
        try uint(width: 8)
    }

    mutating func take(_ count: Int) throws(Failure) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw truncated }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func skip(_ count: Int) throws(Failure) {
        guard count >= 0, count <= remaining else { throw truncated }
        offset += count
    }

    /// Everything up to `end`.
    mutating func rest() -> [UInt8] {
        defer { offset = end }
        return offset < end ? Array(bytes[offset..<end]) : []
    }

    private mutating func uint(width: Int) throws(Failure) -> UInt64 {
        guard width <= remaining else { throw truncated }
        var value: UInt64 = 0
        for index in offset..<(offset + width) {
            value = value << 8 | UInt64(bytes[index])
        }
        offset += width
        return value
    }
}

/// Big-endian serialization into a growing byte array.
struct MediaByteWriter: Sendable {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    var count: Int { bytes.count }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u16(_ value: UInt16) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func u24(_ value: UInt32) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    mutating func u32(_ value: UInt32) {
        u16(UInt16(truncatingIfNeeded: value >> 16))
        u16(UInt16(truncatingIfNeeded: value))
    }

    mutating func u64(_ value: UInt64) {
        u32(UInt32(truncatingIfNeeded: value >> 32))
        u32(UInt32(truncatingIfNeeded: value))
    }

    mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

    mutating func zeros(_ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(0, count: count)) }
    }

    /// Pads with zero bytes to a multiple of four (RTP extensions, RTCP packets).
    mutating func padToWord() { zeros((4 - bytes.count % 4) % 4) }

    /// Overwrites a big-endian 16-bit value already written (lengths known only afterwards).
    mutating func patch16(_ value: UInt16, at index: Int) {
        bytes[index] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[index + 1] = UInt8(truncatingIfNeeded: value)
    }
}
