/// The webrtc.org abs-capture-time extension: the NTP time the media was captured
/// at the original source, optionally with the sender's estimate of the offset
/// between its clock and the capturer's (8 or 16 bytes).
public struct AbsCaptureTime: RTPHeaderExtensionValue, Hashable {
    public static let uri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time"

    public var captureTime: NTPTimestamp
    /// Q32.32 signed seconds; `nil` when the sender did not send it (the 8-byte form).
    public var estimatedCaptureClockOffset: Int64?

    public init(captureTime: NTPTimestamp, estimatedCaptureClockOffset: Int64? = nil) {
        self.captureTime = captureTime
        self.estimatedCaptureClockOffset = estimatedCaptureClockOffset
    }

    /// The clock offset in seconds.
    public var estimatedCaptureClockOffsetSeconds: Double? {
        estimatedCaptureClockOffset.map { Double($0) / 4_294_967_296 }
    }

    public init(extensionData: [UInt8]) throws(RTPError) {
        guard extensionData.count == 8 || extensionData.count == 16 else {
            throw .invalidExtensionValue("abs-capture-time is 8 or 16 bytes, got \(extensionData.count)")
        }
        var reader = MediaByteReader(extensionData, truncated: RTPError.truncated)
        captureTime = NTPTimestamp(rawValue: try reader.u64())
        estimatedCaptureClockOffset = reader.isAtEnd ? nil : Int64(bitPattern: try reader.u64())
    }

    public var extensionData: [UInt8] {
        var writer = MediaByteWriter(capacity: 16)
        writer.u64(captureTime.rawValue)
        if let estimatedCaptureClockOffset {
            writer.u64(UInt64(bitPattern: estimatedCaptureClockOffset))
        }
        return writer.bytes
    }
}
