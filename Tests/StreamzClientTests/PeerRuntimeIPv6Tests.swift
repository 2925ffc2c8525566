import Foundation
import Testing
import StreamzRTC
@testable import StreamzClient

/// Two of our runtimes with only ::1: IPv6 host candidates, IPv6 sockets, SDP with IPv6.
@Suite("PeerRuntime over IPv6 loopback")
struct PeerRuntimeIPv6Tests {
    static var hasIPv6Loopback: Bool {
        (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?.contains("00000000000000000000000000000001") == true
    }

    // Under CI ::1 must exist; elsewhere a kernel without IPv6 skips this test.
    @Test("device and viewer connect over ::1 only and exchange SRTP",
          .enabled(if: hasIPv6Loopback || ProcessInfo.processInfo.environment["CI"] == "true", "no ::1 on lo"))
    func connectOverIPv6() async throws {
        let loopback6 = try #require(IPAddress("::1"))
        let device = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                                           loopbackOnly: true, addressFamilies: [.ipv6]))
        let viewer = try PeerRuntime(.init(peer: try RuntimeTestSupport.config(role: .viewer(wanting: [.video, .audio])),
                                           loopbackOnly: true, addressFamilies: [.ipv6]))
        defer { device.close(); viewer.close() }
        let watchdogs = [RuntimeTestSupport.watchdog(device, seconds: 20), RuntimeTestSupport.watchdog(viewer, seconds: 20)]
        defer { watchdogs.forEach { $0.cancel() } }
        #expect(device.localAddresses.map(\.ip) == [loopback6] && viewer.localAddresses.map(\.ip) == [loopback6])

        let offer = try await device.createOffer()
        #expect(offer.sdpText.contains(" ::1 ") && offer.sdpText.contains("c=IN IP6 ::1"))
        #expect(!offer.sdpText.split(separator: "\r\n").contains { $0.hasPrefix("a=candidate") && $0.contains("127.0.0.1") })
        // Through the text, as signalling carries it.
        let answer = try await viewer.acceptOffer(try SessionDescription(parsing: offer.sdpText))
        try await device.applyAnswer(try SessionDescription(parsing: answer.sdpText))

        var deviceEvents = ReceivedMedia()
        for await event in device.events {
            deviceEvents.record(event)
            if deviceEvents.connected || deviceEvents.failure != nil { break }
        }
        try #require(deviceEvents.connected, "\(deviceEvents.log)")
        let audioSSRC = RuntimeTestSupport.deviceOptions.audioSSRC
        try await device.sendRTP((0..<10).map {
            RTPPacket(header: RTPHeader(payloadType: 111, sequenceNumber: UInt16($0), timestamp: UInt32($0 * 960), ssrc: audioSSRC),
                      payload: [0xFC])
        })
        var viewerMedia = ReceivedMedia()
        for await event in viewer.events {
            viewerMedia.record(event)
            if viewerMedia.rtp[.audio, default: 0] == 10 || viewerMedia.failure != nil { break }
        }
        #expect(viewerMedia.rtp[.audio] == 10)
        let stats = try await viewer.stats()
        #expect(stats.selectedPair?.local.ip == loopback6 && stats.selectedPair?.remote.ip == loopback6)
    }
}
