/// Reads an Ogg Opus file (RFC 7845): the OpusHead and OpusTags headers, then
/// every audio packet with its duration. The whole file is parsed when opened
/// (Opus is a few kB a second), so a broken file fails before streaming starts.
public final class OggOpusReader {
    public let head: OpusHead
    public let tags: OpusTags
    /// The audio packets in order, each with its length in 48 kHz samples per channel.
    public let packets: [(data: [UInt8], samples: Int)]

    public init(_ bytes: MediaBytes) throws(MediaSourceError) {
        let all = try OggPacketReader.packets(bytes)
        guard let first = all.first else { throw .empty("Ogg file has no packets") }
        head = try OpusHead(parsing: first)
        guard all.count >= 2 else { throw .truncated(what: "Ogg Opus stream (no OpusTags packet)", offset: bytes.count) }
        tags = try OpusTags(parsing: all[1])
        var packets: [(data: [UInt8], samples: Int)] = []
        for (index, packet) in all.dropFirst(2).enumerated() {
            do {
                packets.append((packet, try OpusPacketDuration.samples(in: packet)))
            } catch {
                throw .invalidField("Opus audio packet \(index): \(error)")
            }
        }
        guard !packets.isEmpty else { throw .empty("Ogg Opus file has no audio packets") }
        self.packets = packets
    }

    /// Total audio in the file, in 48 kHz samples per channel.
    public var totalSamples: Int { packets.reduce(0) { $0 + $1.samples } }
}
