import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: session lifecycle", .timeLimit(.minutes(1)))
struct HubSessionLifecycleTests {
    /// A long heartbeat interval keeps silent test devices online.
    static func configuration() -> HubConfiguration {
        var configuration = LiveHub.fastConfiguration()
        configuration.heartbeatInterval = .seconds(5)
        return configuration
    }

    @Test("a party's socket closing ends its sessions with peer_disconnected", arguments: [true, false])
    func endOnDisconnect(viewerLeaves: Bool) async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let (leaving, staying) = viewerLeaves ? (viewer, deviceSocket) : (deviceSocket, viewer)
            leaving.close()
            let ended = try await LiveHub.ended(on: staying)
            #expect(ended == .init(sessionId: started.session.id, reason: "peer_disconnected"))
            let stored = await live.sessions.stored(started.session.id)
            #expect(stored?.state == .ended && stored?.endReason == "peer_disconnected")
        }
    }

    @Test("session.end from either party sends session.ended to both", arguments: [true, false])
    func endByParty(fromViewer: Bool) async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let sender = fromViewer ? viewer : deviceSocket
            try sender.send(.sessionEnd(.init(sessionId: started.session.id, reason: "user_closed")), id: "e1")
            #expect(try await LiveHub.ended(on: viewer).reason == "user_closed")
            #expect(try await LiveHub.ended(on: deviceSocket).reason == "user_closed")
            #expect(await live.sessions.stored(started.session.id)?.state == .ended)
            // Ending it again: the session is no longer active.
            try sender.send(.sessionEnd(.init(sessionId: started.session.id)), id: "e2")
            let again = try await LiveHub.error(on: sender)
            #expect(again.code == "session_not_active" && again.replyTo == "e2")
        }
    }

    @Test("session.state failed ends the session with the reason, told to both parties")
    func failedState() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let reason = "unsupported_codec: offered H264 only"
            try viewer.send(.sessionState(.init(sessionId: started.session.id, state: .failed, reason: reason)))
            #expect(try await LiveHub.ended(on: deviceSocket) == .init(sessionId: started.session.id, reason: reason))
            #expect(try await LiveHub.ended(on: viewer).reason == reason)
            let stored = await live.sessions.stored(started.session.id)
            #expect(stored?.state == .failed && stored?.endReason == reason)
        }
    }

    @Test("session.quality from the viewer is relayed to the device; the device may not send it")
    func quality() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let change = SessionQualityChange(sessionId: started.session.id, quality: .low)
            try viewer.send(.sessionQuality(change), id: "q1")
            let relayed = try await deviceSocket.next { message in
                if case .sessionQuality(let relayed) = message { return relayed }
                return nil
            }
            #expect(relayed == change)
            try deviceSocket.send(.sessionQuality(change), id: "q2")
            #expect(try await LiveHub.error(on: deviceSocket).code == "forbidden")
        }
    }

    @Test("stats are stored per party and reach viewers as session.updated at most once per interval")
    func statsThrottled() async throws {
        var configuration = Self.configuration()
        configuration.statsInterval = .seconds(2)
        try await LiveHub.run(configuration) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let (otherViewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            let id = started.session.id
            _ = try await otherViewer.drain()
            try deviceSocket.send(.sessionStats(.init(sessionId: id, stats: SessionStats(bitrateKbps: 800))), id: "d")
            _ = try await deviceSocket.next { message -> Bool? in
                if case .ack(let ack) = message, ack.replyTo == "d" { return true }
                return nil
            }
            for rate in 1...5 {
                try viewer.send(.sessionStats(.init(sessionId: id, stats: SessionStats(bitrateKbps: Double(rate)))), id: "v\(rate)")
            }
            // The first report goes out at once; the other five are folded into
            // one deferred update carrying the latest of each party's reports.
            var updates: [Session] = []
            while updates.count < 2 {
                if case .sessionUpdated(let session) = try await otherViewer.next() { updates.append(session) }
            }
            #expect(updates[0].senderStats?.bitrateKbps == 800 && updates[0].stats == nil)
            #expect(updates[1].stats?.bitrateKbps == 5 && updates[1].senderStats?.bitrateKbps == 800)
            let stored = await live.sessions.stored(id)
            #expect(stored?.stats?.bitrateKbps == 5 && stored?.senderStats?.bitrateKbps == 800)
        }
    }

    @Test("REST: start binds to the caller's viewer connection; a missing or foreign one is validation_failed")
    func restStart() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, welcome, _) = try await live.viewer()
            let (otherUsersViewer, otherWelcome, _) = try await live.viewer(LiveHub.tokenB)
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            for connectionId in ["", "not-a-uuid", UUID().uuidString, otherWelcome.connectionId] {
                await #expect(throws: APIError.validation("connectionId", "connectionId must name one of your open viewer connections.")) {
                    try await live.hub.startSession(ownerId: live.userA, deviceId: device.id, type: .both, quality: .low, viewerConnectionId: connectionId)
                }
            }
            let session = try await live.hub.startSession(
                ownerId: live.userA, deviceId: device.id, type: .both, quality: .low, viewerConnectionId: welcome.connectionId)
            let request = try await deviceSocket.next { message in
                if case .sessionRequest(let request) = message { return request }
                return nil
            }
            #expect(request.session.id == session.id)
            // The bound viewer is a party: its signal reaches the device.
            viewer.send(#"{"type":"signal","sessionId":"\#(session.id.wireString)","candidate":null}"#)
            _ = try await deviceSocket.nextSignalText()
            // The other user heard nothing of it.
            #expect(try await otherUsersViewer.drain().isEmpty)
            // REST end tells both parties; a second end is session_not_active.
            let ended = try await live.hub.endSession(ownerId: live.userA, sessionId: session.id, reason: nil)
            #expect(ended.state == .ended)
            #expect(try await LiveHub.ended(on: deviceSocket).sessionId == session.id)
            await #expect(throws: APIError.sessionNotActive) {
                try await live.hub.endSession(ownerId: live.userA, sessionId: session.id, reason: nil)
            }
            await #expect(throws: APIError.notFound) {
                try await live.hub.endSession(ownerId: live.userB, sessionId: session.id, reason: nil)
            }
        }
    }

    @Test("deviceRemoved closes the device socket with 4410, ends its sessions and tells the owner's viewers")
    func deviceRemoved() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            await live.devices.remove(device.id)
            await live.hub.deviceRemoved(deviceId: device.id, ownerId: live.userA)
            #expect(try await deviceSocket.closeCode() == 4410)
            #expect(try await LiveHub.ended(on: viewer) == .init(sessionId: started.session.id, reason: "device_removed"))
            let removed = try await viewer.next { message -> UUID? in
                if case .deviceRemoved(let deviceId) = message { return deviceId }
                return nil
            }
            #expect(removed == device.id)
            #expect(await live.hub.counters.devicesConnected == 0)
        }
    }

    @Test("a replaced device connection's sessions end with peer_disconnected")
    func replacementEndsSessions() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let first = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: first)
            _ = try await live.device(device.id)
            #expect(try await first.closeCode() == 4409)
            #expect(try await LiveHub.ended(on: viewer) == .init(sessionId: started.session.id, reason: "peer_disconnected"))
        }
    }

    @Test("misuse gets an error and the connection stays open")
    func misuse() async throws {
        try await LiveHub.run(Self.configuration()) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            let started = try await live.start(on: device.id, viewer: viewer, device: deviceSocket)
            try deviceSocket.send(.sessionStart(.init(deviceId: device.id, sessionType: .video, quality: .low)), id: "m1")
            #expect(try await LiveHub.error(on: deviceSocket) == .init(replyTo: "m1", code: "forbidden", message: "Only a viewer connection can start a session."))
            try viewer.send(.auth(.init(token: LiveHub.tokenA, role: .viewer)), id: "m2")
            let again = try await LiveHub.error(on: viewer)
            #expect(again.code == "validation_failed" && again.replyTo == "m2")
            let (stranger, _, _) = try await live.viewer(LiveHub.tokenB)
            try stranger.send(.sessionStats(.init(sessionId: started.session.id, stats: SessionStats(rttMs: 1))), id: "m3")
            #expect(try await LiveHub.error(on: stranger).code == "not_found")
            try stranger.send(.sessionEnd(.init(sessionId: started.session.id)), id: "m4")
            #expect(try await LiveHub.error(on: stranger).code == "not_found")
            #expect(await live.sessions.stored(started.session.id)?.stats == nil)
            #expect(await live.sessions.stored(started.session.id)?.state == .requested)
            #expect(await live.hub.counters.messagesRejected == 4)
            #expect(try await viewer.drain().allSatisfy { if case .error = $0 { false } else { true } })
        }
    }
}
