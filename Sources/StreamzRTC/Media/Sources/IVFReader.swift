/// The fixed 32-byte header of an IVF file (libvpx's container: "DKIF", version 0,
/// header length, codec FourCC, size, time base, frame count; little endian).
public struct IVFHeader: Equatable, Sendable {
    public var fourCC: String
    public var width: Int
    public var height: Int
    /// Timestamps count units of `timebaseNumerator / timebaseDenominator` seconds.
    public var timebaseNumerator: Int
    public var timebaseDenominator: Int
    /// As written by the muxer; often 0 when it could not seek back. The reader counts for itself.
    public var declaredFrameCount: Int
}

/// Where one frame of an IVF file lies, found by scanning its 12-byte frame headers.
public struct IVFFrameEntry: Equatable, Sendable {
    /// Offset of the frame data (after its header) and its size in bytes.
    public var offset: Int
    public var size: Int
    public var timestamp: UInt64
    public var isKeyframe: Bool
}

/// Reads VP8 frames from an IVF file: the header and an index at once (so a
/// broken file fails when opened, not mid-session), frame data on demand.
public final class IVFReader {
    static let headerLength = 32
    static let frameHeaderLength = 12
    /// No sane VP8 frame comes near this; a larger size field is corruption, not a frame.
    static let maximumFrameSize = 16 << 20

    public let header: IVFHeader
    public let frames: [IVFFrameEntry]
    private let bytes: MediaBytes

    public init(_ bytes: MediaBytes) throws(MediaSourceError) {
        self.bytes = bytes
        let head = try bytes.read(Self.headerLength, at: 0, what: "IVF header")
        guard head.hasASCII("DKIF", at: 0) else { throw .badMagic(expected: "IVF signature DKIF", offset: 0) }
        let version = head.littleEndian16(at: 4)
        guard version == 0 else { throw .unsupported("IVF version \(version)") }
        let length = Int(head.littleEndian16(at: 6))
        guard length >= Self.headerLength else { throw .invalidField("IVF header length \(length)") }
        let fourCC = String(decoding: head[8..<12], as: UTF8.self)
        guard fourCC == "VP80" else { throw .unsupported("IVF codec \(fourCC.debugDescription): only VP8 (VP80) can be sent") }
        let header = IVFHeader(
            fourCC: fourCC, width: Int(head.littleEndian16(at: 12)), height: Int(head.littleEndian16(at: 14)),
            timebaseNumerator: Int(head.littleEndian32(at: 20)), timebaseDenominator: Int(head.littleEndian32(at: 16)),
            declaredFrameCount: Int(head.littleEndian32(at: 24)))
        guard header.width > 0, header.height > 0 else { throw .invalidField("IVF picture size \(header.width)x\(header.height)") }
        guard header.timebaseNumerator > 0, header.timebaseDenominator > 0 else {
            throw .invalidField("IVF time base \(header.timebaseNumerator)/\(header.timebaseDenominator)")
        }
        self.header = header
        frames = try Self.index(bytes, from: length)
    }

    private static func index(_ bytes: MediaBytes, from start: Int) throws(MediaSourceError) -> [IVFFrameEntry] {
        var frames: [IVFFrameEntry] = []
        var offset = start
        while offset < bytes.count {
            let frameHeader = try bytes.read(frameHeaderLength, at: offset, what: "IVF frame \(frames.count) header")
            let size = Int(frameHeader.littleEndian32(at: 0))
            let timestamp = frameHeader.littleEndian64(at: 4)
            guard (1...maximumFrameSize).contains(size) else { throw .invalidField("IVF frame \(frames.count) size \(size) at byte \(offset)") }
            let dataOffset = offset + frameHeaderLength
            guard size <= bytes.count - dataOffset else { throw .truncated(what: "IVF frame \(frames.count) (\(size) bytes)", offset: dataOffset) }
            if let previous = frames.last, timestamp < previous.timestamp {
                throw .invalidField("IVF frame \(frames.count) timestamp \(timestamp) before \(previous.timestamp)")
            }
            // The VP8 frame tag (RFC 6386 §9.1) tells keyframes apart; a frame that is not VP8 fails here.
            let start = try bytes.read(min(size, 10), at: dataOffset, what: "IVF frame \(frames.count)")
            let vp8: VP8FrameHeader
            do {
                vp8 = try VP8FrameHeader(parsing: start)
            } catch {
                throw .invalidField("IVF frame \(frames.count) is not a VP8 frame (\(error))")
            }
            frames.append(IVFFrameEntry(offset: dataOffset, size: size, timestamp: timestamp, isKeyframe: vp8.isKeyframe))
            offset = dataOffset + size
        }
        guard let first = frames.first else { throw .empty("IVF file has no frames") }
        // Sending starts, and every loop restarts, at frame 0: it must decode on its own.
        guard first.isKeyframe else { throw .invalidField("IVF frame 0 is not a keyframe") }
        return frames
    }

    /// The bytes of frame `index`, exactly as stored.
    public func frameData(at index: Int) throws(MediaSourceError) -> [UInt8] {
        guard frames.indices.contains(index) else { throw .invalidField("IVF frame index \(index) of \(frames.count)") }
        let entry = frames[index]
        return try bytes.read(entry.size, at: entry.offset, what: "IVF frame \(index)")
    }

    /// A timestamp difference as a duration on the file's time base, exact to the nanosecond below.
    public func duration(ofTicks ticks: UInt64) -> Duration {
        let numerator = UInt64(header.timebaseNumerator), denominator = UInt64(header.timebaseDenominator)
        let (product, overflow) = ticks.multipliedReportingOverflow(by: numerator)
        guard !overflow else { return .seconds(Int64.max / 2) }
        // The remainder is below the 32-bit denominator, so remainder x 10^9 fits in 64 bits.
        let nanoseconds = (product % denominator) * 1_000_000_000 / denominator
        return .seconds(Int64(clamping: product / denominator)) + .nanoseconds(Int64(nanoseconds))
    }
}
