import Foundation
import StreamzRTC
import Testing
@testable import StreamzClient

/// Peer configurations with fresh keys and credentials for one test run.
enum RuntimeTestSupport {
    static func config(role: RTCPeerRole) throws -> RTCPeerConfig {
        var random = SystemRandomNumberGenerator()
        let certificate = try DTLSCertificate(unixTime: Int64(Date().timeIntervalSince1970))
        return RTCPeerConfig(role: role, certificate: certificate, iceCredentials: .random(using: &random),
                             seed: random.next(), sessionID: random.next() >> 2)
    }

    static let deviceOptions = DeviceOffer.Options(
        kinds: [.video, .audio], videoSSRC: 0x5EED_0001, videoRTXSSRC: 0x5EED_0002, audioSSRC: 0x5EED_0003,
        cname: "streamz-test", streamID: "device", videoTrackID: "camera", audioTrackID: "microphone", sessionID: 7)

    /// Closes the runtime after `seconds` so a stuck interop run ends its event stream (a watchdog,
    /// not a timing assumption: the tests stop reading as soon as they have what they need).
    static func watchdog(_ runtime: PeerRuntime, seconds: Int) -> Task<Void, Never> {
        Task {
            try? await Task.sleep(for: .seconds(seconds))
            runtime.close()
        }
    }

    /// Drops `a=candidate` lines not on 127.0.0.1: Chromium also offers the machine's other
    /// addresses, and the tests keep our side's traffic on loopback.
    static func keepingLoopbackCandidates(_ sdp: String) -> String {
        sdp.split(separator: "\r\n", omittingEmptySubsequences: false).filter { line in
            guard line.hasPrefix("a=candidate:") else { return true }
            return line.split(separator: " ").dropFirst(4).first == "127.0.0.1"
        }.joined(separator: "\r\n")
    }

    /// Our viewer answers `offer` (wanting video and audio), hands the answer to `peer`, and
    /// records the runtime's events until 30 RTP packets of each kind arrived or the peer failed;
    /// returns them with the runtime's statistics at that point.
    static func viewerReceives(
        offer: SessionDescription, from peer: InteropProcess, watchdogSeconds: Int
    ) async throws -> (media: ReceivedMedia, stats: PeerRuntimeStats) {
        let runtime = try PeerRuntime(.init(peer: try config(role: .viewer(wanting: [.video, .audio])), loopbackOnly: true))
        defer { runtime.close() }
        let watchdog = watchdog(runtime, seconds: watchdogSeconds)
        defer { watchdog.cancel() }
        let answer = try await runtime.acceptOffer(offer)
        try peer.send(["type": "answer", "sdp": answer.sdpText])
        var media = ReceivedMedia()
        for await event in runtime.events {
            media.record(event)
            if media.failure != nil || (media.rtp[.video, default: 0] >= 30 && media.rtp[.audio, default: 0] >= 30) { break }
        }
        return (media, try await runtime.stats())
    }

    /// Our device offers to `peer`, applies its answer (through `filter`, e.g.
    /// `keepingLoopbackCandidates`) and records the runtime's events until it is connected;
    /// fails the test when it is not.
    static func deviceConnects(
        _ runtime: PeerRuntime, to peer: InteropProcess, filteringAnswer filter: (String) -> String = { $0 }
    ) async throws -> (offer: SessionDescription, answer: SessionDescription, media: ReceivedMedia) {
        let offer = try await runtime.createOffer()
        try peer.send(["type": "offer", "sdp": offer.sdpText])
        let answerText = try #require(try await peer.read { $0["type"] as? String == "answer" }["sdp"] as? String)
        let answer = try SessionDescription(parsing: filter(answerText))
        try await runtime.applyAnswer(answer)
        var media = ReceivedMedia()
        for await event in runtime.events {
            media.record(event)
            if media.connected || media.failure != nil { break }
        }
        try #require(media.connected, "\(media.log)")
        return (offer, answer, media)
    }

    /// What `restartsWhileStreaming` saw: the restart offer, the peer's re-answer, the frames the
    /// peer had decoded before the restart, and whether a pair was selected again afterwards.
    struct Restart {
        var offer: SessionDescription
        var reanswer: SessionDescription
        var framesBefore: Int
        var after: ReceivedMedia
        var reselected: Bool
    }

    /// Our connected device streams one continuous source to `peer` (a second source would repeat
    /// sequence numbers, which SRTP's replay protection drops), restarts ICE once the peer decodes,
    /// applies the re-answer and records events until ICE went back to checking and selected a pair.
    /// The caller cancels the returned sender.
    static func restartsWhileStreaming(
        _ runtime: PeerRuntime, to peer: InteropProcess, streamSeconds: Int,
        filteringAnswer filter: (String) -> String = { $0 }
    ) async throws -> (restart: Restart, sender: Task<Void, any Error>) {
        let source = MediaSource(options: deviceOptions, width: 320, height: 240)
        let sender = Task { try await source.send(seconds: streamSeconds, through: runtime) }
        let before = try await peer.read { ($0["event"] as? String == "received") && ($0["video"] as? Int ?? 0) > 10 }
        let offer = try await runtime.createOffer(iceRestart: true)
        try peer.send(["type": "offer", "sdp": offer.sdpText])
        let reanswerText = try #require(try await peer.read { $0["renegotiated"] as? Bool == true }["sdp"] as? String)
        let reanswer = try SessionDescription(parsing: filter(reanswerText))
        try await runtime.applyAnswer(reanswer)
        var after = ReceivedMedia()
        var checking = false, reselected = false
        for await event in runtime.events {
            after.record(event)
            if case .iceStateChanged(.checking) = event { checking = true }
            if case .selectedPair = event, checking { reselected = true }
            if reselected || after.failure != nil { break }
        }
        let restart = Restart(offer: offer, reanswer: reanswer, framesBefore: before["video"] as? Int ?? 0,
                              after: after, reselected: reselected)
        return (restart, sender)
    }

    static func script(_ name: String) -> String {
        InteropProcess.repository.appendingPathComponent("Tests/Interop/\(name)").path
    }
}

/// Counts what a runtime reported.
struct ReceivedMedia {
    var connected = false
    var dtls: (profile: SRTPProfile, cipher: String?)?
    var failure: RTCPeerFailure?
    var rtp: [MediaKind: Int] = [:]
    var payloadTypes: [MediaKind: Set<UInt8>] = [:]
    var ssrcs: [MediaKind: Set<UInt32>] = [:]
    /// Events other than RTP, each with the milliseconds since this record began.
    var log: [String] = []
    let started = ContinuousClock.now

    mutating func record(_ event: RTCPeerEvent) {
        switch event {
        case .connected: connected = true
        case .dtlsConnected(let profile, let cipher): dtls = (profile, cipher)
        case .failed(let failure): self.failure = failure
        case .rtpReceived(let packet, let kind):
            rtp[kind, default: 0] += 1
            payloadTypes[kind, default: []].insert(packet.header.payloadType)
            ssrcs[kind, default: []].insert(packet.header.ssrc)
            return
        default: break
        }
        let elapsed = (ContinuousClock.now - started).components
        log.append("\(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)ms \(event)")
    }
}
