/// `--audio FILE.ogg` as an `AudioSource`: the file's Opus packets sent as they
/// are, looping at the end, each lasting as long as its TOC says.
public final class OggOpusAudioSource: AudioSource {
    public let reader: OggOpusReader
    private var position = 0
    private var samplePosition: Int64 = 0

    public init(reader: OggOpusReader) {
        self.reader = reader
    }

    public convenience init(_ bytes: MediaBytes) throws(MediaSourceError) {
        self.init(reader: try OggOpusReader(bytes))
    }

    public var channels: Int { reader.head.channels }

    public func nextFrame() throws(MediaSourceError) -> AudioSourceFrame {
        let packet = reader.packets[position]
        let frame = AudioSourceFrame(content: .opus(packet.data), sampleCount: packet.samples, samplePosition: samplePosition)
        position = (position + 1) % reader.packets.count
        samplePosition += Int64(packet.samples)
        return frame
    }
}
