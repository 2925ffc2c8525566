import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: presence", .timeLimit(.minutes(1)))
struct HubPresenceTests {
    /// The next `device.status` for a device.
    static func status(of deviceId: UUID, on socket: TestSocket) async throws -> ServerMessage.DeviceStatus {
        try await socket.next { message in
            if case .deviceStatus(let status) = message, status.deviceId == deviceId { return status }
            return nil
        }
    }

    @Test("a device is online at once and offline at once when its socket closes")
    func onlineThenOfflineOnClose() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let socket = try await live.device(device.id)
            let online = try await Self.status(of: device.id, on: viewer)
            #expect(online.online && online.lastSeenAt != nil)
            #expect(await live.devices.stored(device.id)?.online == true)
            #expect(await live.hub.counters.devicesConnected == 1)
            socket.close()
            let offline = try await Self.status(of: device.id, on: viewer)
            #expect(!offline.online)
            #expect(await live.devices.stored(device.id)?.online == false)
        }
    }

    @Test("a silent device goes offline after 2.5 intervals and its socket is closed with 4408")
    func offlineOnSilence() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let socket = try await live.onlineDevice(device.id, seenBy: viewer)
            let offline = try await Self.status(of: device.id, on: viewer)
            #expect(!offline.online)
            #expect(try await socket.closeCode() == 4408)
        }
    }

    @Test("heartbeats keep a device online past the silence limit")
    func heartbeatsKeepOnline() async throws {
        var configuration = LiveHub.fastConfiguration()
        configuration.heartbeatInterval = .milliseconds(400)
        let limit = configuration.silenceTimeout * 1.5
        try await LiveHub.run(configuration) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let socket = try await live.onlineDevice(device.id, seenBy: viewer)
            // Heartbeats 0.1 s apart for longer than the 1 s silence limit.
            let started = ContinuousClock.now
            var beats = 0
            while ContinuousClock.now - started < limit {
                let seen = try await socket.drain()
                #expect(seen.isEmpty)
                beats += 1
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(beats > 3)
            let viewerSaw = try await viewer.drain()
            #expect(!viewerSaw.contains { if case .deviceStatus = $0 { true } else { false } })
            #expect(await live.devices.stored(device.id)?.online == true)
        }
    }

    @Test("a second connection for a device replaces the first with 4409 and the device stays online")
    func replacement() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let first = try await live.onlineDevice(device.id, seenBy: viewer)
            let second = try await live.device(device.id)
            #expect(try await first.closeCode() == 4409)
            // The replaced socket going away does not mark the device offline.
            let seen = try await second.drain()
            #expect(seen.isEmpty)
            let statuses = try await viewer.drain().compactMap { message -> Bool? in
                if case .deviceStatus(let status) = message { return status.online }
                return nil
            }
            #expect(!statuses.contains(false))
            #expect(await live.devices.stored(device.id)?.online == true)
            #expect(await live.hub.counters.devicesConnected == 1)
        }
    }

    @Test("heartbeat capabilities are stored and sent to viewers as device.updated")
    func capabilities() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch", camera: true, microphone: true)
            let (viewer, _, _) = try await live.viewer()
            let socket = try await live.onlineDevice(device.id, seenBy: viewer)
            let changed = Capabilities(camera: false, microphone: true)
            try socket.send(.heartbeat(.init(capabilities: changed)))
            let updated = try await viewer.next { message in
                if case .deviceUpdated(let updated) = message { return updated }
                return nil
            }
            #expect(updated.id == device.id && updated.capabilities == changed)
            #expect(await live.devices.stored(device.id)?.capabilities == changed)
        }
    }

    @Test("two users never see each other's events")
    func isolation() async throws {
        try await LiveHub.run { live in
            let deviceA = await live.devices.add(owner: live.userA, name: "A")
            let deviceB = await live.devices.add(owner: live.userB, name: "B")
            let (viewerA, _, snapshotA) = try await live.viewer(LiveHub.tokenA)
            let (viewerB, _, snapshotB) = try await live.viewer(LiveHub.tokenB)
            #expect(snapshotA.map(\.id) == [deviceA.id])
            #expect(snapshotB.map(\.id) == [deviceB.id])
            let socketA = try await live.onlineDevice(deviceA.id, seenBy: viewerA)
            try socketA.send(.heartbeat(.init(capabilities: Capabilities(camera: true, microphone: false))))
            _ = try await viewerA.next { message -> Device? in
                if case .deviceUpdated(let device) = message { return device }
                return nil
            }
            await live.hub.deviceUpdated(deviceA, ownerId: live.userA)
            socketA.close()
            _ = try await Self.status(of: deviceA.id, on: viewerA)
            // Everything sent to A was sent by now; B got none of it.
            #expect(try await viewerB.drain().isEmpty)
        }
    }
}
