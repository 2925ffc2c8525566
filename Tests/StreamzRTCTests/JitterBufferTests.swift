import Testing
@testable import StreamzRTC

@Suite("VP8 jitter buffer and frame assembly")
struct JitterBufferTests {
    let t0 = Instant(nanoseconds: 5_000_000_000)

    @Test func inOrderFramesAreAssembled() throws {
        var sender = try SyntheticVP8Sender()
        var buffer = VP8JitterBuffer()
        var sent: [[UInt8]] = []
        for index in 0..<10 {
            let (packets, frame, _) = try sender.nextFrame()
            sent.append(frame)
            for packet in packets {
                #expect(buffer.insert(packet, now: t0 + .milliseconds(Int64(index) * 33)) == .stored)
            }
        }
        let frames = buffer.drainFrames()
        #expect(frames.map(\.data) == sent)
        #expect(frames.first?.isKeyframe == true)
        #expect(frames.dropFirst().allSatisfy { !$0.isKeyframe })
        #expect(frames[3].rtpTimestamp == 9000)
        #expect(frames[0].pictureID == 0 && frames[9].pictureID == 9)
        #expect(buffer.counters.framesAssembled == 10)
        #expect(buffer.poll(now: t0 + .seconds(1)).isEmpty)
        #expect(buffer.bufferedPackets == 0)
    }

    @Test func reorderedAndDuplicatedPackets() throws {
        var sender = try SyntheticVP8Sender()
        var buffer = VP8JitterBuffer()
        var all: [RTPPacket] = []
        var sent: [[UInt8]] = []
        for _ in 0..<6 {
            let (packets, frame, _) = try sender.nextFrame()
            all += packets
            sent.append(frame)
        }
        // Swap neighbours and send every third packet twice.
        var shuffled: [RTPPacket] = []
        for pair in stride(from: 0, to: all.count - 1, by: 2) {
            shuffled += [all[pair + 1], all[pair]]
        }
        if all.count % 2 == 1, let last = all.last { shuffled.append(last) }
        var duplicates = 0
        for (index, packet) in shuffled.enumerated() {
            buffer.insert(packet, now: t0)
            if index % 3 == 0 {
                #expect(buffer.insert(packet, now: t0) == .duplicate || buffer.counters.latePackets > 0)
                duplicates += 1
            }
        }
        #expect(buffer.drainFrames().map(\.data) == sent)
        #expect(buffer.counters.duplicatePackets + buffer.counters.latePackets == duplicates)
        #expect(buffer.counters.framesDropped == 0)
    }

    @Test func lossIsNACKedAndRepaired() throws {
        var sender = try SyntheticVP8Sender()
        var buffer = VP8JitterBuffer()
        let (first, _, _) = try sender.nextFrame()
        first.forEach { buffer.insert($0, now: t0) }
        let (second, secondBytes, _) = try sender.nextFrame()
        let lost = second[1]
        for packet in second where packet != lost {
            buffer.insert(packet, now: t0 + .milliseconds(33))
        }
        #expect(buffer.drainFrames().count == 1)
        // Not NACKed before the reordering allowance, then once, then again after the retry interval.
        #expect(buffer.poll(now: t0 + .milliseconds(34)).isEmpty)
        #expect(buffer.poll(now: t0 + .milliseconds(40)) == [.nack([lost.header.sequenceNumber])])
        #expect(buffer.poll(now: t0 + .milliseconds(60)).isEmpty)
        #expect(buffer.nextTimeout == t0 + .milliseconds(140))
        #expect(buffer.poll(now: t0 + .milliseconds(140)) == [.nack([lost.header.sequenceNumber])])
        #expect(buffer.counters.nacksRequested == 2)
        buffer.insert(lost, now: t0 + .milliseconds(150))
        #expect(buffer.drainFrames().map(\.data) == [secondBytes])
        #expect(buffer.poll(now: t0 + .milliseconds(300)).isEmpty)
        #expect(buffer.counters.plisRequested == 0)
        // The retransmission arriving again is too late.
        #expect(buffer.insert(lost, now: t0 + .milliseconds(160)) == .tooLate)
    }

    @Test func unrepairedLossGivesUpAndAsksForKeyframe() throws {
        var sender = try SyntheticVP8Sender(keyframeInterval: 1000)
        var buffer = VP8JitterBuffer()
        let (key, _, _) = try sender.nextFrame()
        key.forEach { buffer.insert($0, now: t0) }
        var (delta, _, _) = try sender.nextFrame()
        delta.removeFirst()  // its head never arrives
        delta.forEach { buffer.insert($0, now: t0 + .milliseconds(33)) }
        for step in 2..<5 {
            try sender.nextFrame().packets.forEach { buffer.insert($0, now: t0 + .milliseconds(Int64(step) * 33)) }
        }
        #expect(buffer.drainFrames().count == 1)
        #expect(buffer.nextTimeout != nil)
        // Past the budget: everything after the keyframe is dropped and a PLI requested.
        let requests = buffer.poll(now: t0 + .milliseconds(33 + 500))
        #expect(requests.contains(.pictureLossIndication))
        #expect(buffer.waitingForKeyframe)
        #expect(buffer.counters.framesDropped == 4)
        #expect(buffer.counters.plisRequested == 1)
        // More delta frames are dropped; the PLI repeats at its interval.
        try sender.nextFrame().packets.forEach { buffer.insert($0, now: t0 + .milliseconds(600)) }
        #expect(buffer.drainFrames().isEmpty)
        #expect(!buffer.poll(now: t0 + .milliseconds(700)).contains(.pictureLossIndication))
        #expect(buffer.poll(now: t0 + .milliseconds(1033)).contains(.pictureLossIndication))
        #expect(buffer.counters.plisRequested == 2)
        // The keyframe resumes delivery.
        let (fresh, freshBytes, _) = try sender.nextFrame(forceKeyframe: true)
        fresh.forEach { buffer.insert($0, now: t0 + .milliseconds(1100)) }
        let (next, nextBytes, _) = try sender.nextFrame()
        next.forEach { buffer.insert($0, now: t0 + .milliseconds(1133)) }
        #expect(buffer.drainFrames().map(\.data) == [freshBytes, nextBytes])
        #expect(!buffer.waitingForKeyframe)
        #expect(buffer.poll(now: t0 + .seconds(3)).isEmpty)
    }

    @Test func startingMidStreamWaitsForKeyframe() throws {
        var sender = try SyntheticVP8Sender(keyframeInterval: 1000)
        var buffer = VP8JitterBuffer()
        _ = try sender.nextFrame()  // the keyframe is missed entirely
        try sender.nextFrame().packets.forEach { buffer.insert($0, now: t0) }
        #expect(buffer.drainFrames().isEmpty)
        #expect(buffer.poll(now: t0) == [.pictureLossIndication])
        #expect(buffer.counters.framesDropped == 1)
        let (key, keyBytes, _) = try sender.nextFrame(forceKeyframe: true)
        key.reversed().forEach { buffer.insert($0, now: t0 + .milliseconds(50)) }
        let frames = buffer.drainFrames()
        #expect(frames.map(\.data) == [keyBytes])
        #expect(frames.first?.isKeyframe == true)
    }

    @Test func paddingPacketsFillSequenceNumbers() throws {
        var sender = try SyntheticVP8Sender()
        var buffer = VP8JitterBuffer()
        try sender.nextFrame().packets.forEach { buffer.insert($0, now: t0) }
        // A padding-only packet between frames (RFC 3550 §5.1) takes one sequence number.
        let padding = RTPPacket(
            header: RTPHeader(payloadType: 96, sequenceNumber: sender.nextSequence, timestamp: 0, ssrc: 0x1234),
            payload: [], paddingLength: 200)
        sender.nextSequence &+= 1
        #expect(buffer.insert(padding, now: t0) == .padding)
        try sender.nextFrame().packets.forEach { buffer.insert($0, now: t0 + .milliseconds(33)) }
        #expect(buffer.drainFrames().count == 2)
        #expect(buffer.poll(now: t0 + .seconds(1)).isEmpty)
    }

    @Test func capacityBoundsMemory() throws {
        var sender = try SyntheticVP8Sender(maxPayloadSize: 20)
        var buffer = VP8JitterBuffer(configuration: JitterBufferConfiguration(capacity: 10))
        try sender.nextFrame(length: 100).packets.forEach { buffer.insert($0, now: t0) }
        #expect(buffer.drainFrames().count == 1)
        // A frame whose last packet never comes, longer than the buffer.
        let (stuck, _, _) = try sender.nextFrame(length: 400)
        #expect(stuck.count > 10)
        stuck.dropLast().forEach { buffer.insert($0, now: t0 + .milliseconds(33)) }
        #expect(buffer.bufferedPackets <= 10)
        #expect(buffer.waitingForKeyframe)
        #expect(buffer.poll(now: t0 + .milliseconds(40)).contains(.pictureLossIndication))
    }

    @Test func malformedPayloadIsReported() throws {
        var buffer = VP8JitterBuffer()
        let packet = RTPPacket(header: RTPHeader(payloadType: 96, sequenceNumber: 1, timestamp: 0, ssrc: 1), payload: [0x90])
        #expect(buffer.insert(packet, now: t0) == .malformed(.truncated))
        #expect(buffer.bufferedPackets == 0)
    }

    @Test("seeded network: reorder, duplication, loss, retransmission", arguments: [
        (1, 0.1), (2, 0.1), (3, 0.1), (4, 1.0), (5, 1.0),
    ] as [(UInt64, Double)])
    func seededNetwork(seed: UInt64, retransmissionLoss: Double) throws {
        var rng = SeededRandom(seed: seed)
        var sender = try SyntheticVP8Sender(keyframeInterval: 1000)
        var buffer = VP8JitterBuffer()
        var sentFrames: [UInt32: (bytes: [UInt8], index: Int)] = [:]
        var archive: [UInt16: RTPPacket] = [:]
        var inFlight: [(at: Int64, packet: RTPPacket)] = []
        var delivered: [AssembledFrame] = []
        var keyframeRequested = false
        let frameCount = 300
        for ms in Int64(0)..<Int64(frameCount * 33 + 1000) {
            let now = t0 + .milliseconds(ms)
            if ms % 33 == 0, ms / 33 < frameCount {
                // A PLI makes the sender's next frame a keyframe.
                let (packets, bytes, _) = try sender.nextFrame(
                    length: Int.random(in: 200...900, using: &rng), forceKeyframe: keyframeRequested)
                keyframeRequested = false
                sentFrames[packets[0].header.timestamp] = (bytes, Int(ms / 33))
                for packet in packets {
                    archive[packet.header.sequenceNumber] = packet
                    if Double.random(in: 0..<1, using: &rng) < 0.05 { continue }  // lost
                    inFlight.append((ms + Int64.random(in: 5...40, using: &rng), packet))  // reordered by delay
                    if Double.random(in: 0..<1, using: &rng) < 0.03 {  // duplicated
                        inFlight.append((ms + Int64.random(in: 5...60, using: &rng), packet))
                    }
                }
            }
            for item in inFlight where item.at == ms {
                buffer.insert(item.packet, now: now)
            }
            inFlight.removeAll { $0.at == ms }
            for request in buffer.poll(now: now) {
                switch request {
                case .nack(let numbers):
                    for number in numbers {
                        // Retransmissions get lost too, sometimes.
                        guard let packet = archive[number], Double.random(in: 0..<1, using: &rng) >= retransmissionLoss else { continue }
                        inFlight.append((ms + Int64.random(in: 20...50, using: &rng), packet))
                    }
                case .pictureLossIndication:
                    keyframeRequested = true
                }
            }
            delivered += buffer.drainFrames()
        }
        // Every frame is byte-exact, in order, and decodable: a delta frame directly follows its predecessor.
        #expect(delivered.first?.isKeyframe == true)
        var previousIndex: Int?
        for frame in delivered {
            let sent = try #require(sentFrames[frame.rtpTimestamp])
            #expect(frame.data == sent.bytes)
            if let previousIndex {
                #expect(sent.index > previousIndex)
                if !frame.isKeyframe { #expect(sent.index == previousIndex + 1) }
            }
            previousIndex = sent.index
        }
        #expect(buffer.counters.framesAssembled == delivered.count)
        #expect(buffer.counters.framesAssembled + buffer.counters.framesDropped <= frameCount)
        #expect(buffer.counters.nacksRequested > 0)
        if retransmissionLoss < 1 {
            // NACKs repair most loss: with 5 % packet loss nearly every frame still arrives.
            #expect(delivered.count >= frameCount * 9 / 10)
        } else {
            // Without retransmissions every loss costs frames until the PLI brings a keyframe.
            #expect(buffer.counters.framesDropped > 0)
            #expect(buffer.counters.plisRequested > 0)
            #expect(delivered.count(where: \.isKeyframe) > 1)
            // Each loss stalls for the 500 ms budget plus a keyframe's trip; delivery still resumes:
            // a keyframe that a PLI brought is followed by delta frames again.
            let afterRecovery = delivered.dropFirst().drop { !$0.isKeyframe }
            #expect(afterRecovery.count > 1)
        }
        #expect(buffer.counters.duplicatePackets + buffer.counters.latePackets > 0)
    }
}
