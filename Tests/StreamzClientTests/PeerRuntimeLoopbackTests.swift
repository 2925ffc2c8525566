import Foundation
import Testing
import StreamzRTC
@testable import StreamzClient

/// Two of our runtimes on 127.0.0.1: real sockets, real clock, real threads.
@Suite("PeerRuntime over loopback")
struct PeerRuntimeLoopbackTests {
    /// What the process's descriptors point at (sockets and pipes show as `socket:[inode]`, `pipe:[inode]`).
    /// Inodes rather than numbers: other tests running in parallel reuse freed descriptor numbers.
    static func openDescriptors() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(names.compactMap { target(of: Int32($0) ?? -1) })
    }

    static func target(of descriptor: Int32) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)")
    }

    @Test("device and viewer runtimes connect, exchange SRTP media both ways and close cleanly")
    func deviceAndViewer() async throws {
        let configs = [try RuntimeTestSupport.config(role: .device(RuntimeTestSupport.deviceOptions)),
                       try RuntimeTestSupport.config(role: .viewer(wanting: [.video, .audio]))]
        var owned: Set<String> = []
        do {
            let device = try PeerRuntime(.init(peer: configs[0], loopbackOnly: true))
            let viewer = try PeerRuntime(.init(peer: configs[1], loopbackOnly: true))
            // Each runtime holds one socket and its wake pipe (both ends name the same pipe inode).
            owned = Set((device.ownedDescriptors + viewer.ownedDescriptors).compactMap(Self.target(of:)))
            #expect(owned.count == 4 && owned.allSatisfy { $0.hasPrefix("socket:") || $0.hasPrefix("pipe:") })
            let watchdogs = [RuntimeTestSupport.watchdog(device, seconds: 20), RuntimeTestSupport.watchdog(viewer, seconds: 20)]
            defer { watchdogs.forEach { $0.cancel() } }
            #expect(device.localAddresses.allSatisfy { $0.ip == .loopbackV4 && $0.port != 0 })
            let offer = try await device.createOffer()
            let answer = try await viewer.acceptOffer(offer)
            try await device.applyAnswer(answer)

            var deviceMedia = ReceivedMedia()
            for await event in device.events {
                deviceMedia.record(event)
                if deviceMedia.connected || deviceMedia.failure != nil { break }
            }
            try #require(deviceMedia.connected, "\(deviceMedia.log)")
            let options = RuntimeTestSupport.deviceOptions
            for sequence in 0..<20 {
                try await device.sendRTP([
                    RTPPacket(header: RTPHeader(payloadType: 96, sequenceNumber: UInt16(sequence), timestamp: UInt32(sequence * 3000),
                                                ssrc: options.videoSSRC), payload: [0x10, 0, 0, 0]),
                    RTPPacket(header: RTPHeader(payloadType: 111, sequenceNumber: UInt16(sequence), timestamp: UInt32(sequence * 960),
                                                ssrc: options.audioSSRC), payload: [0xFC]),
                ])
            }
            var viewerMedia = ReceivedMedia()
            var viewerRTCP = 0
            var sentFeedback = false
            for await event in viewer.events {
                viewerMedia.record(event)
                if case .rtcpReceived(let packets) = event { viewerRTCP += packets.count }
                if viewerMedia.rtp[.video, default: 0] == 20 && viewerMedia.rtp[.audio, default: 0] == 20 {
                    if !sentFeedback {
                        // Loopback does not lose datagrams in practice; the viewer answers with RTCP.
                        try await viewer.sendRTCP([.pictureLossIndication(PictureLossIndication(senderSSRC: 1, mediaSSRC: options.videoSSRC))])
                        sentFeedback = true
                    }
                    break
                }
            }
            #expect(viewerMedia.payloadTypes[.video] == [96] && viewerMedia.ssrcs[.audio] == [options.audioSSRC])
            var pli = false
            for await event in device.events {
                if case .rtcpReceived(let packets) = event, packets.contains(where: { if case .pictureLossIndication = $0 { true } else { false } }) {
                    pli = true
                    break
                }
            }
            #expect(pli)
            let stats = try await viewer.stats()
            #expect(stats.selectedPair?.remote.ip == .loopbackV4)
            #expect(stats.roundTripTime != nil)
            device.close()
            viewer.close()
            // After close, the event streams finish and commands are refused.
            for await _ in device.events {}
            await #expect(throws: PeerRuntime.Failure.self) { try await device.createOffer() }
        }
        #expect(Self.openDescriptors().isDisjoint(with: owned))
    }
}

@Suite("Host candidate gathering")
struct HostGatheringTests {
    @Test("getifaddrs lists loopback only when included, never IPv6 link-local; loopbackOnly picks the families asked")
    func loopbackFilter() {
        let all = UDPSocket.hostAddresses(includeLoopback: true, loopbackOnly: false, families: [.ipv4, .ipv6])
        #expect(all.contains(.loopbackV4))
        #expect(!UDPSocket.hostAddresses(includeLoopback: false, loopbackOnly: false, families: [.ipv4, .ipv6]).contains { $0.isLoopback })
        #expect(!all.contains { if case .v6(let bytes) = $0 { bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 } else { false } })
        #expect(UDPSocket.hostAddresses(includeLoopback: false, loopbackOnly: false, families: [.ipv4]).allSatisfy { $0.isIPv4 })
        #expect(UDPSocket.hostAddresses(includeLoopback: false, loopbackOnly: true, families: [.ipv4]) == [.loopbackV4])
        #expect(UDPSocket.hostAddresses(includeLoopback: false, loopbackOnly: true, families: [.ipv6]) == [IPAddress("::1")!])
        // ::1 shows up from getifaddrs exactly when the kernel has it on lo.
        let inet6 = (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8)) ?? ""
        let hasV6Loopback = inet6.contains("00000000000000000000000000000001")
        #expect(all.contains(IPAddress("::1")!) == hasV6Loopback)
    }

    @Test("an IPv6 socket binds ::1 and sends to itself; a datagram for the other family is not sent",
          .enabled(if: PeerRuntimeIPv6Tests.hasIPv6Loopback || ProcessInfo.processInfo.environment["CI"] == "true", "no ::1 on lo"))
    func ipv6Socket() throws {
        let loopback6 = try #require(IPAddress("::1"))
        let socket = try UDPSocket(binding: loopback6)
        defer { socket.close() }
        #expect(socket.boundAddress.ip == loopback6 && socket.boundAddress.port != 0)
        socket.send([1, 2, 3], to: TransportAddress(ip: .loopbackV4, port: socket.boundAddress.port))
        socket.send([4, 5], to: socket.boundAddress)
        var buffer = [UInt8](repeating: 0, count: 64)
        var received: (bytes: [UInt8], source: TransportAddress)?
        var descriptor = pollfd(fd: socket.descriptor, events: Int16(POLLIN), revents: 0)
        if poll(&descriptor, 1, 5000) > 0 { received = socket.receive(into: &buffer) }
        #expect(received?.bytes == [4, 5] && received?.source == socket.boundAddress)
    }
}
