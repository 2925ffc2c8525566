import Foundation
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Session endpoints")
struct SessionEndpointTests {
    private func start(
        _ client: some TestClientProtocol, token: String, deviceId: UUID, type: SessionType = .both,
        connectionId: String = RecordingHub.connectionId
    ) async throws -> TestResponse {
        try await client.send(
            .post, "/api/v1/sessions", token: token,
            body: CreateSessionRequest(deviceId: deviceId, type: type, quality: .medium, connectionId: connectionId))
    }

    @Test("start: 201 through the hub; its refusals keep their codes")
    func startSession() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("nia@b.c")
            let device = try await client.createDevice(token: auth.accessToken, name: "Cam", camera: true, microphone: false)

            let offline = try await start(client, token: auth.accessToken, deviceId: device.id, type: .video)
            #expect(offline.status == .conflict)
            #expect(offline.error?.code == "device_offline")

            _ = try await harness.storage.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: harness.clock.now)
            let started = try await start(client, token: auth.accessToken, deviceId: device.id, type: .video)
            #expect(started.status == .created)
            let session = try started.decode(SessionResponse.self).session
            #expect(session.state == .requested && session.deviceId == device.id && session.type == .video)
            #expect(started.text.contains(#""connectedAt":null"#))

            let noMicrophone = try await start(client, token: auth.accessToken, deviceId: device.id, type: .audio)
            #expect(noMicrophone.error?.code == "capability_missing")
            let foreignConnection = try await start(client, token: auth.accessToken, deviceId: device.id, connectionId: "someone-else")
            #expect(foreignConnection.error?.code == "validation_failed")
            #expect(foreignConnection.error?.field == "connectionId")
            let blank = try await start(client, token: auth.accessToken, deviceId: device.id, connectionId: "  ")
            #expect(blank.error?.field == "connectionId")
            let unknownDevice = try await start(client, token: auth.accessToken, deviceId: UUID())
            #expect(unknownDevice.error?.code == "not_found")
            let badType = try await client.send(
                .post, "/api/v1/sessions", token: auth.accessToken,
                json: #"{"deviceId":"\#(device.id.wireString)","type":"smell","quality":"low","connectionId":"c"}"#)
            #expect(badType.error?.field == "type")
            let badId = try await client.send(
                .post, "/api/v1/sessions", token: auth.accessToken,
                json: #"{"deviceId":"nope","type":"video","quality":"low","connectionId":"c"}"#)
            #expect(badId.error?.field == "deviceId")

            // The first call after the device's creation (`device.updated`) is the start.
            #expect(harness.hub.calls.dropFirst().first == .start(ownerId: auth.user.id, deviceId: device.id, type: .video, quality: .medium, connectionId: RecordingHub.connectionId))
        }
    }

    @Test("list: newest first, filtered by device and state, limited; bad filters are validation_failed")
    func list() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("oli@b.c")
            let a = try await client.createDevice(token: auth.accessToken, name: "A")
            let b = try await client.createDevice(token: auth.accessToken, name: "B")
            for device in [a, b] {
                _ = try await harness.storage.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: harness.clock.now)
            }
            var ids: [UUID] = []
            for device in [a, b, a] {
                harness.clock.advance(seconds: 1)
                ids.append(try await start(client, token: auth.accessToken, deviceId: device.id).decode(SessionResponse.self).session.id)
            }
            _ = try await client.send(.post, "/api/v1/sessions/\(ids[0].wireString)/end", token: auth.accessToken)

            func listed(_ query: String) async throws -> [UUID] {
                let response = try await client.send(.get, "/api/v1/sessions\(query)", token: auth.accessToken)
                #expect(response.status == .ok)
                return try response.decode(SessionListResponse.self).sessions.map(\.id)
            }
            #expect(try await listed("") == ids.reversed())
            #expect(try await listed("?deviceId=\(a.id.wireString)") == [ids[2], ids[0]])
            #expect(try await listed("?state=ended") == [ids[0]])
            #expect(try await listed("?state=requested&deviceId=\(a.id.wireString)") == [ids[2]])
            #expect(try await listed("?limit=2") == [ids[2], ids[1]])

            for (query, field) in [("?limit=0", "limit"), ("?limit=abc", "limit"), ("?limit=100000", "limit"), ("?state=done", "state"), ("?deviceId=x", "deviceId")] {
                let response = try await client.send(.get, "/api/v1/sessions\(query)", token: auth.accessToken)
                #expect(response.error?.code == "validation_failed", "\(query)")
                #expect(response.error?.field == field, "\(query)")
            }
            let stranger = try await client.register("pia@b.c")
            #expect(try await client.send(.get, "/api/v1/sessions", token: stranger.accessToken).decode(SessionListResponse.self).sessions.isEmpty)
        }
    }

    @Test("get and end: 200 for the owner, 404 for anyone else, session_not_active once ended")
    func getAndEnd() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("quin@b.c")
            let stranger = try await client.register("rae@b.c")
            let device = try await client.createDevice(token: auth.accessToken, name: "Cam")
            _ = try await harness.storage.devices.setPresence(deviceId: device.id, online: true, lastSeenAt: harness.clock.now)
            let session = try await start(client, token: auth.accessToken, deviceId: device.id).decode(SessionResponse.self).session
            let path = "/api/v1/sessions/\(session.id.wireString)"

            #expect(try await client.send(.get, path, token: auth.accessToken).decode(SessionResponse.self).session == session)
            #expect(try await client.send(.get, path, token: stranger.accessToken).error?.code == "not_found")
            #expect(try await client.send(.get, "/api/v1/sessions/zzz", token: auth.accessToken).status == .notFound)
            #expect(try await client.send(.post, "\(path)/end", token: stranger.accessToken).error?.code == "not_found")

            let ended = try await client.send(.post, "\(path)/end", token: auth.accessToken, json: #"{"reason":"user_closed"}"#)
            #expect(ended.status == .ok)
            let endedSession = try ended.decode(SessionResponse.self).session
            #expect(endedSession.state == .ended && endedSession.endReason == "user_closed" && endedSession.endedAt != nil)
            let twice = try await client.send(.post, "\(path)/end", token: auth.accessToken)
            #expect(twice.status == .conflict)
            #expect(twice.error?.code == "session_not_active")
            let badReason = try await client.send(.post, "\(path)/end", token: auth.accessToken, json: #"{"reason":5}"#)
            #expect(badReason.error?.field == "reason")
            #expect(harness.hub.calls.contains(.end(ownerId: auth.user.id, sessionId: session.id, reason: "user_closed")))
            #expect(harness.hub.calls.contains(.end(ownerId: stranger.user.id, sessionId: session.id, reason: nil)))
        }
    }
}
