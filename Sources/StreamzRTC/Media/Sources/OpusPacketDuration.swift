/// How many 48 kHz samples (per channel) an Opus packet holds, from its TOC byte
/// and frame count (RFC 6716 §3.1, §3.2.5), which is what the RTP timestamp
/// advances by for it (RFC 7587 §4.2). Malformed packets throw.
enum OpusPacketDuration {
    /// Frame length in samples for each of the 32 TOC configurations (RFC 6716 §3.1, Table 2):
    /// SILK-only 10/20/40/60 ms, hybrid 10/20 ms, CELT-only 2.5/5/10/20 ms.
    static let frameSamples: [Int] = (0..<32).map { config in
        switch config {
        case 0..<12: [480, 960, 1920, 2880][config % 4]
        case 12..<16: [480, 960][config % 2]
        default: [120, 240, 480, 960][config % 4]
        }
    }

    /// A packet may hold at most 120 ms of audio (RFC 6716 §3.2.5).
    static let maximumSamples = 5760

    static func samples(in packet: [UInt8]) throws(MediaSourceError) -> Int {
        // RFC 6716 §3.4 R1: a packet has at least the TOC byte.
        guard let toc = packet.first else { throw .invalidField("empty Opus packet") }
        let perFrame = frameSamples[Int(toc >> 3)]
        let frames: Int
        switch toc & 0x03 {
        case 0: frames = 1
        case 1, 2: frames = 2
        default:
            // Code 3: the next byte's low 6 bits count the frames, at least one (§3.2.5).
            guard packet.count >= 2 else { throw .truncated(what: "Opus code 3 frame count", offset: 1) }
            frames = Int(packet[1] & 0x3F)
            guard frames > 0 else { throw .invalidField("Opus code 3 packet with 0 frames") }
        }
        let samples = frames * perFrame
        guard samples <= maximumSamples else { throw .invalidField("Opus packet of \(samples) samples (more than 120 ms)") }
        return samples
    }
}
