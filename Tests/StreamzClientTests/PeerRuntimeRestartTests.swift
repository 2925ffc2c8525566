import Foundation
import Testing
import StreamzRTC
@testable import StreamzClient

/// An ICE restart between two runtimes on 127.0.0.1: real sockets, fresh system-random credentials.
@Suite("PeerRuntime ICE restart over loopback")
struct PeerRuntimeRestartTests {
    static func ufrag(_ description: SessionDescription) -> String? { description.media.first?.attributeValue("ice-ufrag") }

    static func sendAudio(_ runtime: PeerRuntime, from sequence: Int) async throws {
        let ssrc = RuntimeTestSupport.deviceOptions.audioSSRC
        try await runtime.sendRTP((sequence..<sequence + 10).map {
            RTPPacket(header: RTPHeader(payloadType: 111, sequenceNumber: UInt16($0), timestamp: UInt32($0 * 960), ssrc: ssrc), payload: [0xFC])
        })
    }

    static func receiveAudio(_ runtime: PeerRuntime, count: Int) async -> Int {
        var media = ReceivedMedia()
        for await event in runtime.events {
            media.record(event)
            if media.rtp[.audio, default: 0] == count { break }
        }
        return media.rtp[.audio, default: 0]
    }

    @Test("the device restarts ICE: both sides take new credentials, a new pair is selected, SRTP goes on without a new handshake")
    func restart() async throws {
        let device = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                                           loopbackOnly: true))
        let viewer = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .viewer(wanting: [.video, .audio])),
                                           loopbackOnly: true))
        defer { device.close(); viewer.close() }
        let watchdogs = [RuntimeTestSupport.watchdog(device, seconds: 20), RuntimeTestSupport.watchdog(viewer, seconds: 20)]
        defer { watchdogs.forEach { $0.cancel() } }

        let offer = try await device.createOffer()
        let answer = try await viewer.acceptOffer(offer)
        try await device.applyAnswer(answer)
        var first = ReceivedMedia()
        for await event in device.events {
            first.record(event)
            if first.connected || first.failure != nil { break }
        }
        try #require(first.connected, "\(first.log)")
        try await Self.sendAudio(device, from: 0)
        #expect(await Self.receiveAudio(viewer, count: 10) == 10)

        let restartOffer = try await device.createOffer(iceRestart: true)
        #expect(Self.ufrag(restartOffer) != nil && Self.ufrag(restartOffer) != Self.ufrag(offer))
        let restartAnswer = try await viewer.acceptOffer(try SessionDescription(parsing: restartOffer.sdpText))
        #expect(Self.ufrag(restartAnswer) != nil && Self.ufrag(restartAnswer) != Self.ufrag(answer))
        try await device.applyAnswer(try SessionDescription(parsing: restartAnswer.sdpText))

        // The restart ends when the device selects a pair of the new generation (checking → completed).
        var after = ReceivedMedia()
        var selected = false, checking = false
        for await event in device.events {
            after.record(event)
            if case .iceStateChanged(.checking) = event { checking = true }
            if case .selectedPair = event, checking { selected = true }
            if case .iceStateChanged(.completed) = event, selected { break }
            if after.failure != nil { break }
        }
        #expect(checking && selected, "\(after.log)")
        #expect(after.dtls == nil && after.failure == nil, "no second DTLS handshake: \(after.log)")
        try await Self.sendAudio(device, from: 10)
        #expect(await Self.receiveAudio(viewer, count: 10) == 10)
        let stats = try await device.stats()
        #expect(stats.iceState == .completed && stats.selectedPair?.remote.ip == .loopbackV4)
    }
}
