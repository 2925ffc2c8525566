import Foundation
import StreamzClient
import StreamzProtocol
import Testing

/// Every device, session and service endpoint of PROTOCOL.md §2 through the client.
@Suite("API client: devices, sessions and service endpoints")
struct APIClientEndpointTests {
    static let password = APIClientErrorTests.password

    @Test func deviceLifecycle() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            try await client.register(email: "pat@example.org", password: Self.password)
            #expect(try await client.devices().isEmpty)

            let created = try await client.createDevice(
                CreateDeviceRequest(name: "Hall", kind: .agent, platform: "linux", capabilities: Capabilities(camera: true, microphone: false)))
            #expect(created.name == "Hall")
            #expect(created.platform == "linux")
            #expect(!created.online)
            let read = try await client.device(id: created.id)
            #expect(read.id == created.id && read.name == created.name && read.capabilities == created.capabilities)
            // The create answer formats its in-memory date; reads come from the database (±1 ms).
            #expect(abs(read.createdAt.timeIntervalSince(created.createdAt)) < 0.002)

            let renamed = try await client.updateDevice(id: created.id, UpdateDeviceRequest(name: "Front hall"))
            #expect(renamed.name == "Front hall")
            #expect(renamed.capabilities == created.capabilities)
            let equipped = try await client.updateDevice(
                id: created.id, UpdateDeviceRequest(capabilities: Capabilities(camera: true, microphone: true)))
            #expect(equipped.capabilities.microphone)
            #expect(try await client.devices().map(\.name) == ["Front hall"])

            let duplicate = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                _ = try await client.createDevice(
                    CreateDeviceRequest(name: "Front hall", kind: .browser, capabilities: Capabilities(camera: false, microphone: true)))
            }
            #expect(duplicate.status == 409)
            #expect(duplicate.code == "name_taken")

            try await client.deleteDevice(id: created.id)
            #expect(try await client.devices().isEmpty)
            let gone = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                try await client.deleteDevice(id: created.id)
            }
            #expect(gone.code == ServerErrorCode.notFound)
        }
    }

    @Test func sessionQueriesAndRefusals() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            try await client.register(email: "quinn@example.org", password: Self.password)
            let device = try await client.createDevice(
                CreateDeviceRequest(name: "Cellar", kind: .agent, capabilities: Capabilities(camera: true, microphone: true)))
            #expect(try await client.sessions().isEmpty)
            #expect(try await client.sessions(deviceId: device.id, state: .connected, limit: 5).isEmpty)

            let missing = UUID()
            let notFound = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                _ = try await client.session(id: missing)
            }
            #expect(notFound.status == 404)
            let cannotEnd = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                _ = try await client.endSession(id: missing, reason: "user_closed")
            }
            #expect(cannotEnd.status == 404)
            let badLimit = try await APIClientErrorTests.serverError { () async throws(StreamzAPIError) in
                _ = try await client.sessions(limit: -1)
            }
            #expect(badLimit.status == 400)
        }
    }

    @Test func iceServersHealthAndMetrics() async throws {
        try await APITestServer.with { server in
            let client = try server.client()
            #expect(try await client.health().status == "ok")
            let metrics = try await client.metrics()
            #expect(metrics.contains("# TYPE"))

            await #expect(throws: StreamzAPIError.notSignedIn) { try await client.iceServers() }
            try await client.register(email: "ray@example.org", password: Self.password)
            let ice = try await client.iceServers()
            #expect(ice.iceServers.flatMap(\.urls) == ["stun:127.0.0.1:3478"])
            #expect(ice.ttl > 0)
        }
    }
}
