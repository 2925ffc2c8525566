/// The webrtc.org abs-send-time extension: the send time as 24-bit 6.18 fixed-point
/// seconds (the NTP timestamp's bits 14-37), wrapping every 64 s. Used by REMB's
/// delay-based bandwidth estimator.
public struct AbsSendTime: RTPHeaderExtensionValue, Hashable {
    public static let uri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"

    /// The 24 bits on the wire.
    public let rawValue: UInt32

    public init(rawValue: UInt32) { self.rawValue = rawValue & 0xFF_FFFF }

    /// Takes the 6.18 window out of a 32.32 NTP timestamp.
    public init(ntp: NTPTimestamp) {
        rawValue = UInt32(truncatingIfNeeded: ntp.rawValue >> 14) & 0xFF_FFFF
    }

    /// Seconds modulo 64.
    public var seconds: Double { Double(rawValue) / 262_144 }

    public init(extensionData: [UInt8]) throws(RTPError) {
        guard extensionData.count == 3 else { throw .invalidExtensionValue("abs-send-time is 3 bytes, got \(extensionData.count)") }
        rawValue = UInt32(extensionData[0]) << 16 | UInt32(extensionData[1]) << 8 | UInt32(extensionData[2])
    }

    public var extensionData: [UInt8] {
        [UInt8(truncatingIfNeeded: rawValue >> 16), UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue)]
    }
}
