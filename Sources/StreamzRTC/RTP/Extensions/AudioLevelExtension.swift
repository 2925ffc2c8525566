/// The client-to-mixer audio level (RFC 6464 §3): a voice-activity flag and the
/// level of the packet's audio in -dBov, 0 (loudest) to 127 (silence).
public struct AudioLevelExtension: RTPHeaderExtensionValue, Hashable {
    public static let uri = "urn:ietf:params:rtp-hdrext:ssrc-audio-level"

    public var voiceActivity: Bool
    /// 0-127, meaning -0 to -127 dBov.
    public var level: UInt8

    public init(voiceActivity: Bool, level: UInt8) {
        self.voiceActivity = voiceActivity
        self.level = min(level, 127)
    }

    /// The level in dBov (0 or negative).
    public var dBov: Int { -Int(level) }

    public init(extensionData: [UInt8]) throws(RTPError) {
        // RFC 6464 §3: one byte, which may be followed by padding in the two-byte form.
        guard let byte = extensionData.first else { throw .invalidExtensionValue("ssrc-audio-level is empty") }
        voiceActivity = byte & 0x80 != 0
        level = byte & 0x7F
    }

    public var extensionData: [UInt8] { [(voiceActivity ? 0x80 : 0) | (level & 0x7F)] }
}
