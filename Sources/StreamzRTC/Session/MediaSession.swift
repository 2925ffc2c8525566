/// One call pattern for a runtime that drives a peer's media, whichever side it is:
/// feed it the peer's events and the timer, let it queue packets and events, and drain.
///
/// ```swift
/// let media = MediaSession(sender: sender, receiver: nil)          // device; a viewer passes a receiver
/// // on every RTCPeer event:
/// media.handle(peerEvent: event, now: now, wallClock: wall)
/// // at media.nextTimeout:
/// media.poll(now: now, wallClock: wall)
/// // when the source has a frame:
/// try media.sendVideo(frame, captureTime: wall, now: now)
/// // then, after any of these:
/// for event in media.flush(to: peer, now: now) { ... }             // sends RTP/RTCP, returns events
/// ```
///
/// Not `Sendable`: one owner drives it.
public final class MediaSession {
    public let sender: MediaSender?
    public let receiver: MediaReceiver?
    private var outputs: [MediaOutput] = []
    /// Packets the peer refused (not connected yet, closed), by reason.
    public private(set) var sendFailures: [String: Int] = [:]

    public init(sender: MediaSender?, receiver: MediaReceiver?) {
        self.sender = sender
        self.receiver = receiver
    }

    /// Routes one `RTCPeer` event: RTP to the receiver, RTCP to both (NACK answers are queued).
    public func handle(peerEvent: RTCPeerEvent, now: Instant, wallClock: NTPTimestamp) {
        switch peerEvent {
        case .rtpReceived(let packet, let kind):
            receiver?.handle(rtp: packet, kind: kind, now: now, wallClock: wallClock)
        case .rtcpReceived(let packets):
            if let sender { outputs += sender.handle(rtcp: packets, now: now, wallClock: wallClock).map(MediaOutput.rtp) }
            receiver?.handle(rtcp: packets, now: now, wallClock: wallClock)
        default:
            break
        }
        collectEvents()
    }

    /// Runs both sides' timers: reports and feedback due at `now` are queued.
    public func poll(now: Instant, wallClock: NTPTimestamp) {
        if let report = sender?.poll(now: now, wallClock: wallClock) { outputs.append(.rtcp(report)) }
        if let feedback = receiver?.poll(now: now, wallClock: wallClock) { outputs.append(.rtcp(feedback)) }
        collectEvents()
    }

    /// The earlier of both sides' next deadlines.
    public var nextTimeout: Instant? {
        [sender?.nextTimeout, receiver?.nextTimeout].compactMap { $0 }.min()
    }

    /// A live quality change (PROTOCOL.md `session.quality`); `.videoTargetChanged` is queued at once.
    public func setQuality(_ quality: QualityPreset, now: Instant) {
        sender?.setQuality(quality, now: now)
        collectEvents()
    }

    /// Encodes and queues one picture (see `MediaSender.sendVideo`).
    public func sendVideo(_ frame: I420Frame, captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) {
        guard let sender else { throw .notNegotiated(.video) }
        outputs += try sender.sendVideo(frame, captureTime: captureTime, now: now).map(MediaOutput.rtp)
        collectEvents()
    }

    /// Queues one pre-encoded VP8 frame (see `MediaSender.sendEncodedVideo`).
    public func sendEncodedVideo(_ frame: [UInt8], captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) {
        guard let sender else { throw .notNegotiated(.video) }
        outputs += try sender.sendEncodedVideo(frame, captureTime: captureTime, now: now).map(MediaOutput.rtp)
        collectEvents()
    }

    /// Encodes and queues 20 ms of PCM (see `MediaSender.sendAudio`).
    public func sendAudio(_ samples: [Int16], captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) {
        guard let sender else { throw .notNegotiated(.audio) }
        outputs += try sender.sendAudio(samples, captureTime: captureTime, now: now).map(MediaOutput.rtp)
    }

    /// Queues one pre-encoded Opus packet (see `MediaSender.sendEncodedAudio`).
    public func sendEncodedAudio(_ packet: [UInt8], samples: Int, captureTime: NTPTimestamp, now: Instant) throws(MediaSessionError) {
        guard let sender else { throw .notNegotiated(.audio) }
        outputs += try sender.sendEncodedAudio(packet, samples: samples, captureTime: captureTime, now: now).map(MediaOutput.rtp)
    }

    /// Queues the closing compound (reports + BYE, RFC 3550 §6.6) of each side.
    public func goodbye(now: Instant, wallClock: NTPTimestamp, reason: String? = nil) {
        if let sender { outputs.append(.rtcp(sender.goodbye(now: now, wallClock: wallClock, reason: reason))) }
        if let receiver { outputs.append(.rtcp(receiver.goodbye(now: now, reason: reason))) }
    }

    /// The next queued output, oldest first.
    public func pollOutput() -> MediaOutput? {
        outputs.isEmpty ? nil : outputs.removeFirst()
    }

    /// Sends every queued packet through `peer` (SRTP protects them) and returns the events.
    /// Also hands the peer's ICE round-trip time to the receiver for its estimates.
    public func flush(to peer: RTCPeer, now: Instant) -> [MediaEvent] {
        receiver?.iceRoundTripTime = peer.roundTripTime
        var events: [MediaEvent] = []
        for output in outputs {
            do {
                switch output {
                case .rtp(let packet): try peer.sendRTP(packet, now: now)
                case .rtcp(let packets): try peer.sendRTCP(packets, now: now)
                case .event(let event): events.append(event)
                }
            } catch {
                sendFailures["\(error)", default: 0] += 1
            }
        }
        outputs.removeAll(keepingCapacity: true)
        return events
    }

    private func collectEvents() {
        while let event = sender?.pollEvent() { outputs.append(.event(event)) }
        while let event = receiver?.pollEvent() { outputs.append(.event(event)) }
    }
}

/// What a `MediaSession` queues for its owner.
public enum MediaOutput: Equatable, Sendable {
    /// Send with `RTCPeer.sendRTP`.
    case rtp(RTPPacket)
    /// Send as one compound with `RTCPeer.sendRTCP`.
    case rtcp([RTCPPacket])
    case event(MediaEvent)
}
