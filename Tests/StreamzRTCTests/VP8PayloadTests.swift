import Testing
@testable import StreamzRTC

@Suite("VP8 RTP payload format (RFC 7741)")
struct VP8PayloadTests {
    /// A keyframe's first bytes: tag (P=0, VER=0, H=1, first partition 100 bytes), start code, 640x480.
    static let keyframeStart: [UInt8] = [0x90, 0x0C, 0x00, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01]
    /// An interframe's tag: P=1, H=1, first partition 100 bytes.
    static let interframeStart: [UInt8] = [0x91, 0x0C, 0x00, 0x11, 0x22]

    @Test("§4.6.1 shape: keyframe with 7-bit PictureID 17")
    func shortPictureID() throws {
        let payload: [UInt8] = [0x90, 0x80, 0x11] + Self.keyframeStart
        let (descriptor, length) = try VP8PayloadDescriptor.parse(payload)
        #expect(length == 3)
        #expect(descriptor.startOfPartition && descriptor.partitionIndex == 0 && !descriptor.nonReference)
        #expect(descriptor.pictureID == 17 && !descriptor.usesLongPictureID)
        #expect(descriptor.tl0PicIndex == nil && descriptor.temporalLayerIndex == nil && descriptor.keyIndex == nil)
        #expect(try descriptor.serialized() == [0x90, 0x80, 0x11])
        #expect(try VP8FrameHeader.isKeyframe(payload: payload))
    }

    @Test("§4.6.2 shape: interframe without extension")
    func noExtension() throws {
        let payload: [UInt8] = [0x10] + Self.interframeStart
        let (descriptor, length) = try VP8PayloadDescriptor.parse(payload)
        #expect(length == 1 && descriptor.pictureID == nil)
        #expect(try descriptor.serialized() == [0x10])
        #expect(try !VP8FrameHeader.isKeyframe(payload: payload))
        #expect(try VP8Depacketizer().unmarshal(payload) == Self.interframeStart)
    }

    @Test("§4.6.3 shape: 15-bit PictureID 4711, second partition")
    func longPictureIDSecondPartition() throws {
        let payload: [UInt8] = [0x91, 0x80, 0x92, 0x67, 0xAB]
        let (descriptor, length) = try VP8PayloadDescriptor.parse(payload)
        #expect(length == 4)
        #expect(descriptor.pictureID == 4711 && descriptor.usesLongPictureID)
        #expect(descriptor.partitionIndex == 1 && descriptor.startOfPartition)
        #expect(!descriptor.isFirstPacketOfFrame)
        #expect(try descriptor.serialized() == Array(payload.prefix(4)))
        // Not the first packet of the frame: no payload header, never a keyframe start.
        #expect(try !VP8FrameHeader.isKeyframe(payload: payload))
        #expect(!VP8Depacketizer().isPartitionHead(payload))
    }

    @Test("all optional fields: N, TL0PICIDX, TID, Y, KEYIDX")
    func allFields() throws {
        let payload: [UInt8] = [0xB0, 0xF0, 0xFF, 0xFF, 0x2A, 0b1010_0101, 0x00]
        let (descriptor, length) = try VP8PayloadDescriptor.parse(payload)
        #expect(length == 6)
        #expect(descriptor.nonReference)
        #expect(descriptor.pictureID == 0x7FFF)
        #expect(descriptor.tl0PicIndex == 42)
        #expect(descriptor.temporalLayerIndex == 2 && descriptor.layerSync)
        #expect(descriptor.keyIndex == 5)
        #expect(try descriptor.serialized() == Array(payload.prefix(6)))
        // K alone: the TID bits are not interpreted.
        let keyOnly = try VP8PayloadDescriptor.parse([0x80, 0x10, 0xC7, 0x00]).descriptor
        #expect(keyOnly.keyIndex == 7 && keyOnly.temporalLayerIndex == nil)
    }

    @Test func pictureIDOver127IsWrittenLong() throws {
        let descriptor = VP8PayloadDescriptor(startOfPartition: true, pictureID: 300, usesLongPictureID: false)
        #expect(try descriptor.serialized() == [0x90, 0x80, 0x81, 0x2C])
        #expect(throws: VP8Error.self) { try VP8PayloadDescriptor(startOfPartition: true, pictureID: 0x8000).serialized() }
        #expect(throws: VP8Error.self) { try VP8PayloadDescriptor(startOfPartition: true, partitionIndex: 8).serialized() }
    }

    @Test func keyframeHeader() throws {
        let header = try VP8FrameHeader(parsing: Self.keyframeStart)
        #expect(header.isKeyframe && header.showFrame && header.version == 0)
        #expect(header.firstPartitionSize == 100)
        #expect(header.width == 640 && header.height == 480)
        let inter = try VP8FrameHeader(parsing: Self.interframeStart)
        #expect(!inter.isKeyframe && inter.width == nil)
        #expect(throws: VP8Error.invalidKeyframeStartCode) {
            try VP8FrameHeader(parsing: [0x90, 0x0C, 0x00, 0x9D, 0x01, 0x2B, 0, 0, 0, 0])
        }
        #expect(throws: VP8Error.truncated) { try VP8FrameHeader(parsing: [0x90, 0x0C]) }
        #expect(throws: VP8Error.truncated) { try VP8FrameHeader(parsing: Array(Self.keyframeStart.prefix(8))) }
        // P says keyframe but the start code is wrong: not treated as one.
        #expect(try !VP8FrameHeader.isKeyframe(payload: [0x10, 0x90, 0x0C, 0x00, 0x00, 0x00, 0x00]))
    }

    @Test func rejectsGarbage() throws {
        #expect(throws: VP8Error.truncated) { try VP8PayloadDescriptor.parse([]) }
        #expect(throws: VP8Error.truncated) { try VP8PayloadDescriptor.parse([0x80]) }
        #expect(throws: VP8Error.truncated) { try VP8PayloadDescriptor.parse([0x80, 0x80, 0x80]) }
        #expect(throws: VP8Error.truncated) { try VP8PayloadDescriptor.parse([0x80, 0x40]) }
        #expect(throws: VP8Error.truncated) { try VP8PayloadDescriptor.parse([0x80, 0x20]) }
        #expect(throws: VP8Error.emptyPayload) { try VP8PayloadDescriptor.parse([0x10]) }
        #expect(throws: VP8Error.emptyPayload) { try VP8Depacketizer().unmarshal([0x90, 0x80, 0x11]) }
        var rng = SeededRandom(seed: 0x8)
        for _ in 0..<5_000 {
            let bytes = (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if let (descriptor, length) = try? VP8PayloadDescriptor.parse(bytes) {
                #expect(length < bytes.count)
                // Whatever parses serializes back to a descriptor that parses the same.
                let again = try descriptor.serialized() + [0]
                #expect(try VP8PayloadDescriptor.parse(again).descriptor == descriptor)
            }
            _ = try? VP8FrameHeader.isKeyframe(payload: bytes)
            _ = try? VP8FrameHeader(parsing: bytes)
        }
    }

    @Test func packetizerSplitsWithinMTUAndAdvancesPictureID() throws {
        var packetizer = try VP8Packetizer(maxPayloadSize: 100, firstPictureID: 0x7FFE)
        let frame = (0..<1000).map { UInt8(truncatingIfNeeded: $0) }
        let payloads = try packetizer.packetize(frame: frame)
        #expect(payloads.count == 11)
        #expect(payloads.allSatisfy { $0.count <= 100 })
        let depacketizer = VP8Depacketizer()
        #expect(depacketizer.isPartitionHead(payloads[0]))
        #expect(payloads.dropFirst().allSatisfy { !depacketizer.isPartitionHead($0) })
        var rebuilt: [UInt8] = []
        for payload in payloads {
            let (descriptor, bytes) = try depacketizer.unmarshalWithDescriptor(payload)
            #expect(descriptor.pictureID == 0x7FFE)
            rebuilt += bytes
        }
        #expect(rebuilt == frame)
        // The next frames wrap the 15-bit PictureID.
        let second = try packetizer.packetize(frame: [1, 2, 3])
        #expect(second.count == 1)
        #expect(try VP8PayloadDescriptor.parse(second[0]).descriptor.pictureID == 0x7FFF)
        let third = try packetizer.packetize(frame: [4])
        #expect(try VP8PayloadDescriptor.parse(third[0]).descriptor.pictureID == 0)
        #expect(throws: VP8Error.emptyPayload) { try packetizer.packetize(frame: []) }
        #expect(throws: VP8Error.payloadSizeTooSmall(4)) { try VP8Packetizer(maxPayloadSize: 4) }
        #expect(depacketizer.isPartitionTail(marker: true, payload: payloads[10]))
        #expect(!depacketizer.isPartitionTail(marker: false, payload: payloads[10]))
    }
}
