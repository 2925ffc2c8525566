/// Reads pictures from a YUV4MPEG2 file: the header and an index of its
/// "FRAME" markers at once (so a broken file fails when opened), planes on demand.
public final class Y4MReader {
    public let header: Y4MHeader
    /// Offsets of each frame's plane data.
    public let frameOffsets: [Int]
    private let bytes: MediaBytes

    /// A FRAME line carries optional parameters; longer than this is garbage.
    static let maximumFrameLineLength = 256

    public init(_ bytes: MediaBytes) throws(MediaSourceError) {
        self.bytes = bytes
        let start = try bytes.readAvailable(Y4MHeader.maximumLineLength, at: 0)
        guard start.hasASCII(Y4MHeader.signature, at: 0) else { throw .badMagic(expected: "Y4M signature YUV4MPEG2", offset: 0) }
        guard let newline = start.firstIndex(of: UInt8(ascii: "\n")) else {
            throw .truncated(what: "Y4M header line (no newline in \(Y4MHeader.maximumLineLength) bytes)", offset: 0)
        }
        header = try Y4MHeader(line: Array(start[..<newline]))
        frameOffsets = try Self.index(bytes, from: newline + 1, frameSize: header.frameSize)
    }

    public var frameCount: Int { frameOffsets.count }
    public var frameInterval: Duration {
        .nanoseconds(Int64(header.frameRateDenominator) * 1_000_000_000 / Int64(header.frameRateNumerator))
    }

    private static func index(_ bytes: MediaBytes, from start: Int, frameSize: Int) throws(MediaSourceError) -> [Int] {
        var offsets: [Int] = []
        var offset = start
        while offset < bytes.count {
            let line = try bytes.readAvailable(maximumFrameLineLength, at: offset)
            // "FRAME" then either its newline or space-separated parameters (ignored).
            guard line.hasASCII("FRAME", at: 0), line.count > 5, line[5] == UInt8(ascii: "\n") || line[5] == UInt8(ascii: " ") else {
                throw .badMagic(expected: "Y4M FRAME marker for frame \(offsets.count)", offset: offset)
            }
            guard let newline = line.firstIndex(of: UInt8(ascii: "\n")) else {
                throw .truncated(what: "Y4M FRAME line of frame \(offsets.count)", offset: offset)
            }
            let dataOffset = offset + newline + 1
            guard frameSize <= bytes.count - dataOffset else {
                throw .truncated(what: "Y4M frame \(offsets.count) (\(frameSize) bytes)", offset: dataOffset)
            }
            offsets.append(dataOffset)
            offset = dataOffset + frameSize
        }
        guard !offsets.isEmpty else { throw .empty("Y4M file has no frames") }
        return offsets
    }

    /// Frame `index` as an I420 picture (the Y4M 4:2:0 plane order is I420's).
    public func frame(at index: Int) throws(MediaSourceError) -> I420Frame {
        guard frameOffsets.indices.contains(index) else { throw .invalidField("Y4M frame index \(index) of \(frameCount)") }
        let data = try bytes.read(header.frameSize, at: frameOffsets[index], what: "Y4M frame \(index)")
        let lumaSize = header.width * header.height
        let chromaSize = (header.frameSize - lumaSize) / 2
        guard let frame = I420Frame(
            width: header.width, height: header.height, y: Array(data[0..<lumaSize]),
            u: Array(data[lumaSize..<(lumaSize + chromaSize)]), v: Array(data[(lumaSize + chromaSize)...]))
        else { throw .invalidField("Y4M frame \(index) planes for \(header.width)x\(header.height)") }
        return frame
    }
}
