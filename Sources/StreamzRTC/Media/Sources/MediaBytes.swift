/// Random access to a media file's bytes without this module doing any I/O:
/// either bytes already in memory, or a closure the caller backs with a file
/// handle (so a looping 720p Y4M file need not fit in memory).
public struct MediaBytes {
    /// Reads up to `length` bytes at `offset`; may return fewer only at the end of the file.
    public typealias Read = (_ offset: Int, _ length: Int) throws -> [UInt8]

    /// The file's total size in bytes.
    public let count: Int
    private let reader: Read

    public init(_ bytes: [UInt8]) {
        count = bytes.count
        reader = { offset, length in
            let start = min(max(0, offset), bytes.count)
            return Array(bytes[start..<min(bytes.count, start + max(0, length))])
        }
    }

    public init(count: Int, read: @escaping Read) {
        self.count = max(0, count)
        reader = read
    }

    /// Exactly `length` bytes at `offset`, or `.truncated` naming `what` when the file ends first.
    func read(_ length: Int, at offset: Int, what: String) throws(MediaSourceError) -> [UInt8] {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else {
            throw .truncated(what: what, offset: offset)
        }
        let bytes: [UInt8]
        do {
            bytes = try reader(offset, length)
        } catch {
            throw .readFailed("\(length) bytes at \(offset): \(error)")
        }
        // Short means the file shrank under us; long means a broken closure. Neither is data to trust.
        guard bytes.count <= length else { throw .readFailed("\(bytes.count) bytes returned for \(length) at \(offset)") }
        guard bytes.count == length else { throw .truncated(what: what, offset: offset) }
        return bytes
    }

    /// Up to `length` bytes at `offset` (fewer at the end of the file), for scanning text headers.
    func readAvailable(_ length: Int, at offset: Int) throws(MediaSourceError) -> [UInt8] {
        guard offset >= 0, offset < count, length > 0 else { return [] }
        return try read(min(length, count - offset), at: offset, what: "data")
    }
}

/// Little-endian field access for IVF and Ogg headers, whose offsets the callers
/// have already checked against the array's length.
extension Array where Element == UInt8 {
    func littleEndian16(at index: Int) -> UInt16 {
        UInt16(self[index]) | UInt16(self[index + 1]) << 8
    }

    func littleEndian32(at index: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[index + $1]) << (8 * UInt32($1)) }
    }

    func littleEndian64(at index: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[index + $1]) << (8 * UInt64($1)) }
    }

    /// Whether the bytes at `index` spell `ascii` exactly.
    func hasASCII(_ ascii: String, at index: Int) -> Bool {
        let expected = Array(ascii.utf8)
        guard index >= 0, index + expected.count <= count else { return false }
        return Array(self[index..<(index + expected.count)]) == expected
    }
}
