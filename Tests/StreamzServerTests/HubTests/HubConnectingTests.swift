import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: connecting", .timeLimit(.minutes(1)))
struct HubConnectingTests {
    @Test("no auth in time closes with 4408")
    func authTimeout() async throws {
        try await LiveHub.run { live in
            let socket = live.socket()
            let code = try await socket.closeCode()
            #expect(code == 4408)
        }
    }

    @Test("a bad or expired token closes with 4401", arguments: ["nonsense", "expired"])
    func badToken(_ token: String) async throws {
        try await LiveHub.run { live in
            let socket = live.socket()
            try socket.send(.auth(.init(token: token, role: .viewer)))
            #expect(try await socket.closeCode() == 4401)
        }
    }

    @Test("a first message other than auth closes with 4401")
    func firstMessageNotAuth() async throws {
        try await LiveHub.run { live in
            let socket = live.socket()
            try socket.send(.heartbeat(.init()))
            #expect(try await socket.closeCode() == 4401)
        }
    }

    @Test("a device role with another user's device, an unknown one or none closes with 4403")
    func foreignDevice() async throws {
        try await LiveHub.run { live in
            let othersDevice = await live.devices.add(owner: live.userB, name: "B's camera")
            for deviceId in [othersDevice.id, UUID(), nil] as [UUID?] {
                let socket = live.socket()
                try socket.send(.auth(.init(token: LiveHub.tokenA, role: .device, deviceId: deviceId)))
                #expect(try await socket.closeCode() == 4403)
            }
            #expect(await live.devices.stored(othersDevice.id)?.online == false)
        }
    }

    @Test("a viewer gets welcome, then a snapshot of its own devices only")
    func viewerWelcome() async throws {
        try await LiveHub.run { live in
            let mine = await live.devices.add(owner: live.userA, name: "Kitchen")
            await live.devices.add(owner: live.userB, name: "Not yours")
            let (_, welcome, devices) = try await live.viewer()
            #expect(welcome.role == .viewer)
            #expect(welcome.heartbeatInterval == 2)
            #expect(welcome.iceServers == LiveHub.iceServers)
            #expect(UUID(uuidString: welcome.connectionId)?.wireString == welcome.connectionId)
            #expect(devices.map(\.id) == [mine.id])
            #expect(await live.hub.counters.viewersConnected == 1)
        }
    }

    @Test("a snapshot too large for one 64 KiB frame comes in parts, every frame within the limit, every device once")
    func snapshotInParts() async throws {
        try await LiveHub.run { live in
            var added: [UUID] = []
            for index in 0..<400 {
                let name = "Camera \(index) " + String(repeating: "x", count: 40)
                added.append(await live.devices.add(owner: live.userA, name: name).id)
            }
            let socket = live.socket()
            try socket.send(.auth(.init(token: LiveHub.tokenA, role: .viewer)))
            guard case .welcome = try await socket.next() else { throw HubTestError(description: "Expected welcome.") }
            var received: [UUID] = []
            var parts = 0
            while true {
                let text = try await socket.nextText()
                #expect(text.utf8.count <= 64 * 1024)
                let message = try ServerMessage.decode(text)
                if case .devicesPart(let part) = message {
                    parts += 1
                    received += part.map(\.id)
                    continue
                }
                guard case .devices(let last) = message else { throw HubTestError(description: "Expected devices.") }
                received += last.map(\.id)
                break
            }
            #expect(parts >= 1)
            #expect(received.count == 400)
            #expect(Set(received) == Set(added))
        }
    }

    @Test("a device gets welcome with the heartbeat interval and ICE servers")
    func deviceWelcome() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let socket = live.socket()
            try socket.send(.auth(.init(token: LiveHub.tokenA, role: .device, deviceId: device.id)))
            guard case .welcome(let welcome) = try await socket.next() else {
                Issue.record("Expected welcome")
                return
            }
            #expect(welcome.role == .device)
            #expect(welcome.heartbeatInterval == 2)
            #expect(welcome.iceServers == LiveHub.iceServers)
        }
    }

    @Test("server shutdown closes sockets with 1001, before the HTTP server stops them")
    func serviceShutdown() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            await live.serviceGroup.triggerGracefulShutdown()
            #expect(try await viewer.closeCode() == 1001)
            #expect(try await deviceSocket.closeCode() == 1001)
        }
    }

    @Test("the hub's shutdown returns once devices are recorded offline and answers newcomers' auth with 1001")
    func hubShutdown() async throws {
        try await LiveHub.run { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let deviceSocket = try await live.onlineDevice(device.id, seenBy: viewer)
            await live.hub.shutdown()
            #expect(await live.devices.stored(device.id)?.online == false)
            #expect(await live.hub.counters.devicesConnected == 0)
            let deviceCode = try await deviceSocket.closeCode()
            #expect(deviceCode == 1001)
            let late = live.socket()
            try late.send(.auth(.init(token: LiveHub.tokenA, role: .viewer)))
            let lateCode = try await late.closeCode()
            #expect(lateCode == 1001)
        }
    }
}
