@testable import StreamzRTC

/// A VP8 sender for jitter buffer tests: frames of recognisable bytes, keyframes
/// with a valid RFC 6386 §9.1 header, packetized and wrapped in RTP packets.
struct SyntheticVP8Sender {
    var packetizer: VP8Packetizer
    var nextSequence: UInt16
    var frameIndex = 0
    let keyframeInterval: Int

    init(firstSequence: UInt16 = 65_500, maxPayloadSize: Int = 120, keyframeInterval: Int = 30) throws {
        packetizer = try VP8Packetizer(maxPayloadSize: maxPayloadSize)
        nextSequence = firstSequence
        self.keyframeInterval = keyframeInterval
    }

    /// The bytes of frame `index`: a VP8 frame tag (keyframe or not) then a pattern naming the frame.
    static func frameBytes(index: Int, keyframe: Bool, length: Int) -> [UInt8] {
        let header: [UInt8] = keyframe
            ? [0x90, 0x0C, 0x00, 0x9D, 0x01, 0x2A, 0x40, 0x01, 0xF0, 0x00]
            : [0x91, 0x0C, 0x00]
        return header + (0..<(length - header.count)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index) }
    }

    /// The next frame's packets (the last one has the marker bit) and its bytes.
    mutating func nextFrame(length: Int = 300, forceKeyframe: Bool = false) throws -> (packets: [RTPPacket], frame: [UInt8], keyframe: Bool) {
        let keyframe = forceKeyframe || frameIndex % keyframeInterval == 0
        let bytes = Self.frameBytes(index: frameIndex, keyframe: keyframe, length: length)
        let payloads = try packetizer.packetize(frame: bytes)
        var packets: [RTPPacket] = []
        for (position, payload) in payloads.enumerated() {
            let header = RTPHeader(
                marker: position == payloads.count - 1, payloadType: 96, sequenceNumber: nextSequence,
                timestamp: UInt32(truncatingIfNeeded: frameIndex * 3000), ssrc: 0x1234)
            packets.append(RTPPacket(header: header, payload: payload))
            nextSequence &+= 1
        }
        frameIndex += 1
        return (packets, bytes, keyframe)
    }
}

extension VP8JitterBuffer {
    mutating func drainFrames() -> [AssembledFrame] {
        var frames: [AssembledFrame] = []
        while let frame = popFrame() { frames.append(frame) }
        return frames
    }
}
