import Testing
@testable import StreamzRTC

@Suite("Ogg Opus reader")
struct OggOpusReaderTests {
    static let audio = [OggBuilder.audioPacket(40), OggBuilder.audioPacket(700, fill: 1), OggBuilder.audioPacket(510, fill: 2), OggBuilder.audioPacket(3)]

    @Test("reassembles packets across pages and lacing, including exact multiples of 255", arguments: [255, 2, 1])
    func reassembly(maxSegments: Int) throws {
        let file = OggBuilder.stream([OggBuilder.opusHead(), OggBuilder.opusTags()] + Self.audio, maxSegments: maxSegments)
        let reader = try OggOpusReader(MediaBytes(file))
        #expect(reader.head == OpusHead(version: 1, channels: 1, preSkip: 312, inputSampleRate: 48_000, outputGain: 0, mappingFamily: 0))
        #expect(reader.tags == OpusTags(vendor: "streamz", comments: ["TITLE=tone"]))
        #expect(reader.packets.map(\.data) == Self.audio)
        #expect(reader.packets.map(\.samples) == [960, 960, 960, 960])
        #expect(reader.totalSamples == 3840)
    }

    @Test("pages of other logical streams are skipped")
    func otherStreams() throws {
        let ours = OggBuilder.stream([OggBuilder.opusHead(), OggBuilder.opusTags(), OggBuilder.audioPacket(9)])
        let theirs = OggBuilder.page(flags: OggPage.beginningOfStreamFlag, serial: 7, sequence: 0, lacing: [3], body: [1, 2, 3])
        // Their page between our first and second page.
        let firstPageLength = OggPage.headerLength + 1 + 19
        let file = Array(ours.prefix(firstPageLength)) + theirs + Array(ours.dropFirst(firstPageLength))
        #expect(try OggOpusReader(MediaBytes(file)).packets.map(\.data) == [OggBuilder.audioPacket(9)])
    }

    @Test("the source loops through the packets with a continuous sample clock")
    func source() throws {
        let source = try OggOpusAudioSource(MediaBytes(OggBuilder.stream([OggBuilder.opusHead(channels: 2), OggBuilder.opusTags()] + Self.audio)))
        #expect(source.channels == 2)
        let frames = try (0..<6).map { _ in try source.nextFrame() }
        guard case .opus(let first) = frames[0].content, case .opus(let looped) = frames[4].content else {
            Issue.record("Ogg frames are Opus packets")
            return
        }
        #expect(first == Self.audio[0] && looped == Self.audio[0])
        #expect(frames.map(\.samplePosition) == [0, 960, 1920, 2880, 3840, 4800])
        #expect(frames[5].duration == .milliseconds(20))
    }

    @Test("packet durations follow the TOC byte (RFC 6716 §3.1)")
    func durations() throws {
        #expect(try OpusPacketDuration.samples(in: [1 << 3]) == 960)            // SILK NB 20 ms, one frame
        #expect(try OpusPacketDuration.samples(in: [3 << 3]) == 2880)           // SILK NB 60 ms
        #expect(try OpusPacketDuration.samples(in: [12 << 3 | 1]) == 960)       // hybrid 10 ms, two frames
        #expect(try OpusPacketDuration.samples(in: [31 << 3 | 2, 0]) == 1920)   // CELT 20 ms, two frames
        #expect(try OpusPacketDuration.samples(in: [16 << 3 | 3, 48]) == 5760)  // CELT 2.5 ms, 48 frames
        #expect(try OpusPacketDuration.samples(in: [31 << 3 | 3, 0x80 | 6]) == 5760)
        #expect(throws: MediaSourceError.invalidField("Opus packet of 6720 samples (more than 120 ms)")) {
            try OpusPacketDuration.samples(in: [31 << 3 | 3, 7])
        }
        #expect(throws: MediaSourceError.invalidField("Opus code 3 packet with 0 frames")) { try OpusPacketDuration.samples(in: [31 << 3 | 3, 0xC0]) }
        #expect(throws: MediaSourceError.truncated(what: "Opus code 3 frame count", offset: 1)) { try OpusPacketDuration.samples(in: [31 << 3 | 3]) }
        #expect(throws: MediaSourceError.invalidField("empty Opus packet")) { try OpusPacketDuration.samples(in: []) }
    }

    @Test("rejects malformed pages with a clear error")
    func malformedPages() {
        let valid = OggBuilder.stream([OggBuilder.opusHead(), OggBuilder.opusTags(), OggBuilder.audioPacket(600)], maxSegments: 2)
        var badCRC = valid
        badCRC[30] ^= 0x01
        var badMagic = valid
        badMagic[0] = UInt8(ascii: "X")
        var badVersion = valid
        badVersion[4] = 1
        // Pages built by hand: a head page, then a page that breaks a rule.
        let head = OggBuilder.page(flags: OggPage.beginningOfStreamFlag, sequence: 0, lacing: [19], body: OggBuilder.opusHead())
        let tags = OggBuilder.opusTags()
        let cases: [([UInt8], MediaSourceError)] = [
            ([], .empty("Ogg file has no packets")),
            (badCRC, .checksumMismatch(offset: 0)),
            (badMagic, .badMagic(expected: "Ogg capture pattern OggS", offset: 0)),
            (badVersion, .unsupported("Ogg stream structure version 1 at byte 0")),
            (Array(valid.prefix(20)), .truncated(what: "Ogg page header", offset: 0)),
            (Array(valid.prefix(30)), .truncated(what: "Ogg page body", offset: 28)),
            (OggBuilder.page(flags: 0x08, sequence: 0, lacing: [19], body: OggBuilder.opusHead()), .invalidField("Ogg page flags 0x8 at byte 0")),
            (OggBuilder.page(flags: 0, sequence: 0, lacing: [19], body: OggBuilder.opusHead()),
             .invalidField("Ogg file does not begin with a beginning-of-stream page")),
            (head + OggBuilder.page(flags: 0, sequence: 2, lacing: [UInt8(tags.count)], body: tags),
             .invalidField("Ogg page sequence 2 at byte 47, expected 1")),
            (head + OggBuilder.page(flags: OggPage.continuedFlag, sequence: 1, lacing: [UInt8(tags.count)], body: tags),
             .invalidField("Ogg page at byte 47 continues a packet that never started")),
            (head + OggBuilder.page(flags: 0, sequence: 1, lacing: [255], body: [UInt8](repeating: 0, count: 255))
                + OggBuilder.page(flags: 0, sequence: 2, lacing: [1], body: [0]),
             .invalidField("Ogg packet cut short by the page at byte 330")),
            (head + OggBuilder.page(flags: 0, sequence: 1, lacing: [255], body: [UInt8](repeating: 0, count: 255)),
             .truncated(what: "Ogg packet (the file ends inside it)", offset: 330)),
        ]
        for (bytes, expected) in cases {
            #expect(throws: expected) { try OggOpusReader(MediaBytes(bytes)) }
        }
    }

    @Test("rejects malformed Opus headers and packets with a clear error")
    func malformedOpus() {
        let tags = OggBuilder.opusTags(), audio = [OggBuilder.audioPacket(10)]
        var longVendor = OggBuilder.opusTags()
        longVendor[8] = 200
        var manyComments = OggBuilder.opusTags(comments: [])
        manyComments.replaceSubrange(19..<23, with: [0xFF, 0xFF, 0xFF, 0x7F])
        let cases: [([[UInt8]], MediaSourceError)] = [
            ([Array("OpusHeaX".utf8) + [1, 1]], .badMagic(expected: "OpusHead as the first Ogg packet", offset: 0)),
            ([Array(OggBuilder.opusHead().prefix(18))], .truncated(what: "OpusHead (18 of 19 bytes)", offset: 0)),
            ([OggBuilder.opusHead(version: 0x10), tags] + audio, .unsupported("Opus header version 16")),
            ([OggBuilder.opusHead(channels: 0), tags] + audio, .invalidField("OpusHead channel count 0")),
            ([OggBuilder.opusHead(channels: 3), tags] + audio, .invalidField("OpusHead has 3 channels under mapping family 0")),
            ([OggBuilder.opusHead(channels: 6, family: 1), tags] + audio,
             .unsupported("Opus channel mapping family 1 (multistream): only family 0")),
            ([OggBuilder.opusHead()], .truncated(what: "Ogg Opus stream (no OpusTags packet)", offset: 47)),
            ([OggBuilder.opusHead(), Array("OpusTagz".utf8)] + audio, .badMagic(expected: "OpusTags as the second Ogg packet", offset: 0)),
            ([OggBuilder.opusHead(), longVendor] + audio, .truncated(what: "OpusTags string of 200 bytes", offset: 12)),
            ([OggBuilder.opusHead(), Array(tags.prefix(10))] + audio, .truncated(what: "OpusTags length field", offset: 8)),
            ([OggBuilder.opusHead(), manyComments] + audio, .invalidField("OpusTags comment count 2147483647")),
            ([OggBuilder.opusHead(), tags], .empty("Ogg Opus file has no audio packets")),
            ([OggBuilder.opusHead(), tags, OggBuilder.audioPacket(5), [31 << 3 | 3, 0]],
             .invalidField("Opus audio packet 1: invalid Opus code 3 packet with 0 frames")),
        ]
        for (packets, expected) in cases {
            #expect(throws: expected) { try OggOpusReader(MediaBytes(OggBuilder.stream(packets))) }
        }
    }

    @Test("never traps on thousands of mutated or random files")
    func fuzz() throws {
        let valid = OggBuilder.stream([OggBuilder.opusHead(), OggBuilder.opusTags()] + Self.audio, maxSegments: 3)
        var accepted = 0
        for input in MediaFuzz.inputs(from: valid, count: 3000, seed: 0x0665) {
            guard let reader = try? OggOpusReader(MediaBytes(input)) else { continue }
            accepted += 1
            #expect(!reader.packets.isEmpty)
        }
        // The CRC catches nearly every mutation; only truncations at page boundaries
        // after the first audio page leave a valid (shorter) stream.
        #expect(accepted < 3000)
    }
}

@Suite("Ogg Opus files from ffmpeg", .enabled(if: FFmpegMedia.enabled, "needs ffmpeg"))
struct OggOpusFFmpegTests {
    @Test("an ffmpeg libopus clip: headers, 20 ms packets that decode to the sine's level")
    func mono() async throws {
        let reader = try OggOpusReader(MediaBytes(try await FFmpegMedia.oggOpus(channels: 1, seconds: 1)))
        #expect(reader.head.channels == 1 && reader.head.mappingFamily == 0 && reader.head.preSkip > 0)
        #expect(!reader.tags.vendor.isEmpty)
        #expect(reader.packets.allSatisfy { $0.samples == 960 })
        // One second plus the encoder's pre-skip, in whole packets.
        #expect((50...52).contains(reader.packets.count))
        let decoder = try OpusDecoder(channels: 1)
        var pcm: [Int16] = []
        for packet in reader.packets { pcm += try decoder.decode(packet.data) }
        // ffmpeg's sine source is 1/8 of full scale: -21.1 dBFS RMS. Skip the encoder's start-up.
        let level = AudioLevel(samples: Array(pcm[4800..<43_200]))
        #expect(abs(level.rmsDBFS - (-21.07)) < 1.0, "level \(level.rmsDBFS)")
    }

    @Test("stereo with 60 ms frames")
    func stereo() async throws {
        let source = try OggOpusAudioSource(MediaBytes(try await FFmpegMedia.oggOpus(channels: 2, seconds: 1, frameMilliseconds: 60)))
        #expect(source.channels == 2)
        let frame = try source.nextFrame()
        #expect(frame.sampleCount == 2880 && frame.duration == .milliseconds(60))
        #expect(try source.nextFrame().samplePosition == 2880)
    }

    @Test("mutations of a real file never trap")
    func fuzzReal() async throws {
        let valid = try await FFmpegMedia.oggOpus(channels: 1, seconds: 0.3)
        for input in MediaFuzz.inputs(from: valid, count: 2000, seed: 0x0A) {
            _ = try? OggOpusReader(MediaBytes(input))
        }
        #expect(try OggOpusReader(MediaBytes(valid)).packets.count > 10)
    }
}
