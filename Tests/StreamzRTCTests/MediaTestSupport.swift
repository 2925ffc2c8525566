@testable import StreamzRTC

/// Negotiated streams built by hand, for sender and receiver tests without peers: the
/// device's view (sendonly) and the viewer's (recvonly) of the same VP8 + Opus session.
enum MediaTestStreams {
    static let videoSSRC: UInt32 = 0x1111_1111
    static let rtxSSRC: UInt32 = 0x2222_2222
    static let audioSSRC: UInt32 = 0x3333_3333

    static func negotiated(sending: Bool, rtx: Bool = true, extensions: Bool = true,
                           feedback: Set<RTCPFeedback> = [.nack, .pli, .fir, .remb]) -> NegotiatedMedia {
        let direction: SDPDirection = sending ? .sendonly : .recvonly
        let ids: [String: UInt8] = extensions
            ? [MidExtension.uri: 1, AbsSendTime.uri: 2, AbsCaptureTime.uri: 3, AudioLevelExtension.uri: 4] : [:]
        let video = NegotiatedStream(
            kind: .video, mid: "0", codec: RTPMap(payloadType: 96, encodingName: "VP8", clockRate: 90000),
            rtxPayloadType: rtx ? 97 : nil, formatParameters: nil, feedback: feedback, extensionIDs: ids,
            localDirection: direction, remoteSSRCs: sending ? [] : [videoSSRC],
            remoteRTXSSRCs: sending || !rtx ? [:] : [videoSSRC: rtxSSRC], remoteCName: nil)
        let audio = NegotiatedStream(
            kind: .audio, mid: "1", codec: RTPMap(payloadType: 111, encodingName: "opus", clockRate: 48000, channels: 2),
            rtxPayloadType: nil, formatParameters: nil, feedback: [], extensionIDs: ids, localDirection: direction,
            remoteSSRCs: sending ? [] : [audioSSRC], remoteRTXSSRCs: [:], remoteCName: nil)
        let transport = NegotiatedTransport(
            remoteICEUfrag: "u", remoteICEPwd: "p", remoteFingerprint: SDPFingerprint(algorithm: "sha-256", bytes: []),
            remoteFingerprints: [], dtlsRole: .client, remoteCandidates: [], remoteEndOfCandidates: true,
            remoteTrickle: false, remoteICELite: false, bundleMids: ["0", "1"])
        return NegotiatedMedia(video: video, audio: audio, transport: transport)
    }

    static func sender(quality: QualityPreset = .medium, rtx: Bool = true, extensions: Bool = true) throws -> MediaSender {
        try MediaSender(configuration: MediaSenderConfiguration(
            videoSSRC: videoSSRC, videoRTXSSRC: rtxSSRC, audioSSRC: audioSSRC, cname: "device", quality: quality, seed: 1),
            negotiated: negotiated(sending: true, rtx: rtx, extensions: extensions))
    }

    static func receiver(rtx: Bool = true, extensions: Bool = true, decodeClock: (@Sendable () -> Instant)? = nil) throws -> MediaReceiver {
        try MediaReceiver(configuration: MediaReceiverConfiguration(cname: "viewer", seed: 2, decodeClock: decodeClock),
                          negotiated: negotiated(sending: false, rtx: rtx, extensions: extensions))
    }

    static func wall(_ now: Instant) -> NTPTimestamp { MediaSessionHarness.wallClock(now) }

    static func at(milliseconds: Int64) -> Instant { Instant(nanoseconds: milliseconds * 1_000_000) }

    static func videoFrames(_ receiver: MediaReceiver) -> [DecodedVideoFrame] {
        var frames: [DecodedVideoFrame] = []
        while let event = receiver.pollEvent() {
            if case .videoFrame(let frame) = event { frames.append(frame) }
        }
        return frames
    }
}

/// A decode clock for tests: every reading is 3 ms after the previous one.
final class SteppingClock: @unchecked Sendable {
    private var current: Instant
    let step: Duration

    init(start: Instant, step: Duration = .milliseconds(3)) {
        current = start
        self.step = step
    }

    /// Not thread-safe on purpose: the receiver reads it from its one owner's thread.
    func read() -> Instant {
        defer { current = current + step }
        return current
    }
}
