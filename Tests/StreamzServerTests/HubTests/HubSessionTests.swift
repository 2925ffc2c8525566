import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: sessions", .timeLimit(.minutes(1)))
struct HubSessionTests {
    /// A long heartbeat interval keeps silent test devices online.
    static func configuration() -> HubConfiguration {
        var configuration = LiveHub.fastConfiguration()
        configuration.heartbeatInterval = .seconds(5)
        return configuration
    }

    @Test("session.start answers ack with the session and sends the device session.request")
    func start() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket, type: .video, quality: .high)
            #expect(started.session.deviceId == device.id)
            #expect(started.session.type == .video && started.session.quality == .high)
            #expect(started.session.state == .requested)
            #expect(started.request.session == started.session)
            #expect(started.request.iceServers == LiveHub.iceServers)
            #expect(await live.sessions.stored(started.session.id)?.state == .requested)
        }
    }

    @Test("session.start refuses a foreign device, an offline one and missing capabilities")
    func startChecks() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let foreign = await live.devices.add(owner: live.userB, name: "B's")
            let offline = await live.devices.add(owner: live.userA, name: "Drawer")
            let deaf = await live.devices.add(owner: live.userA, name: "Deaf", camera: true, microphone: false)
            let blind = await live.devices.add(owner: live.userA, name: "Blind", camera: false, microphone: true)
            let (viewer, _, _) = try await live.viewer()
            let foreignSocket = try await live.device(foreign.id, token: LiveHub.tokenB)
            _ = try await live.onlineDevice(deaf.id, seenBy: viewer)
            _ = try await live.onlineDevice(blind.id, seenBy: viewer)
            let cases: [(UUID, SessionType, String)] = [
                (foreign.id, .video, "not_found"),
                (UUID(), .video, "not_found"),
                (offline.id, .video, "device_offline"),
                (deaf.id, .audio, "capability_missing"),
                (deaf.id, .both, "capability_missing"),
                (blind.id, .video, "capability_missing"),
            ]
            for (index, (deviceId, type, code)) in cases.enumerated() {
                try viewer.send(.sessionStart(.init(deviceId: deviceId, sessionType: type, quality: .low)), id: "s\(index)")
                let error = try await LiveHub.error(on: viewer)
                #expect(error.replyTo == "s\(index)")
                #expect(error.code == code)
            }
            // The other user's device heard nothing.
            #expect(try await foreignSocket.drain().isEmpty)
        }
    }

    @Test("signals are relayed between the two parties as the original text, both ways")
    func relayUnchanged() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let id = started.session.id.wireString
            // Key order, spacing, escapes and unknown keys that a re-encoding would change.
            let offer = #"{ "type" : "signal", "sessionId":"\#(id)","description":{"sdp":"v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n","type":"offer"},"x-extra":[1, 2.50, "\u00e9"]}"#
            deviceSocket.send(offer)
            #expect(try await viewer.nextSignalText() == offer)
            let answer = #"{"sessionId":"\#(id)","type":"signal","description":{"type":"answer","sdp":"v=0\r\n"}}"#
            let candidate = #"{"type":"signal","sessionId":"\#(id)","candidate":{"candidate":"candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host","sdpMid":"0","sdpMLineIndex":0}}"#
            let endOfCandidates = #"{"type":"signal","sessionId":"\#(id)","candidate":null}"#
            for text in [answer, candidate, endOfCandidates] { viewer.send(text) }
            #expect(try await deviceSocket.nextSignalText() == answer)
            #expect(try await deviceSocket.nextSignalText() == candidate)
            #expect(try await deviceSocket.nextSignalText() == endOfCandidates)
            #expect(await live.hub.counters.signalsRelayed == 4)
        }
    }

    @Test("a signal from a third party gets forbidden or not_found and is dropped")
    func thirdParty() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let signal = ClientMessage.signal(.init(sessionId: started.session.id, content: .endOfCandidates))
            // Another viewer of the same user: forbidden.
            let (sameUser, _, _) = try await live.viewer(LiveHub.tokenA)
            try sameUser.send(signal, id: "x1")
            let forbidden = try await LiveHub.error(on: sameUser)
            #expect(forbidden.code == "forbidden" && forbidden.replyTo == "x1")
            // Another user, even with a device of their own: not_found, so ids cannot be probed.
            let (otherUser, _, _) = try await live.viewer(LiveHub.tokenB)
            try otherUser.send(signal, id: "x2")
            #expect(try await LiveHub.error(on: otherUser).code == "not_found")
            let otherDevice = await live.devices.add(owner: live.userB, name: "B's")
            let otherDeviceSocket = try await live.device(otherDevice.id, token: LiveHub.tokenB)
            try otherDeviceSocket.send(signal, id: "x3")
            #expect(try await LiveHub.error(on: otherDeviceSocket).code == "not_found")
            // An unknown session: not_found.
            try viewer.send(.signal(.init(sessionId: UUID(), content: .endOfCandidates)), id: "x4")
            #expect(try await LiveHub.error(on: viewer).code == "not_found")
            // Nothing reached the parties.
            #expect(try await deviceSocket.drain().allSatisfy { if case .signal = $0 { false } else { true } })
            #expect(try await viewer.drain().allSatisfy { if case .signal = $0 { false } else { true } })
            #expect(await live.hub.counters.signalsRelayed == 0)
        }
    }

    @Test("a session not connected in time fails with timeout and both parties hear of it")
    func timeout() async throws {
        var configuration = Self.configuration()
        configuration.sessionTimeout = .milliseconds(300)
        try await LiveHub.run(configuration) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let toViewer = try await LiveHub.ended(on: viewer)
            let toDevice = try await LiveHub.ended(on: deviceSocket)
            #expect(toViewer == .init(sessionId: started.session.id, reason: "timeout"))
            #expect(toDevice == toViewer)
            let stored = await live.sessions.stored(started.session.id)
            #expect(stored?.state == .failed && stored?.endReason == "timeout")
        }
    }

    @Test("a connected session does not time out")
    func connectedStays() async throws {
        var configuration = Self.configuration()
        configuration.sessionTimeout = .milliseconds(300)
        try await LiveHub.run(configuration) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            try deviceSocket.send(.sessionState(.init(sessionId: started.session.id, state: .connecting)), id: "c1")
            try viewer.send(.sessionState(.init(sessionId: started.session.id, state: .connected)), id: "c2")
            let acked = try await viewer.next { message -> Session? in
                if case .ack(let ack) = message, ack.replyTo == "c2" { return ack.session }
                return nil
            }
            #expect(acked.state == .connected && acked.connectedAt != nil)
            // Well past the timeout, the session is still live: a signal still goes through.
            try await Task.sleep(for: .milliseconds(600))
            viewer.send(#"{"type":"signal","sessionId":"\#(started.session.id.wireString)","candidate":null}"#)
            _ = try await deviceSocket.nextSignalText()
            #expect(await live.sessions.stored(started.session.id)?.state == .connected)
        }
    }
}
