import Foundation
import Testing
import StreamzProtocol

@Suite("REST body coding")
struct RESTBodyCodingTests {
    private func object(_ value: some Encodable) throws -> [String: Any] {
        let data = try WireJSON.encoder().encode(value)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("auth answer carries user, tokens and expiresIn in camelCase")
    func authResponse() throws {
        let user = User(id: UUID(), email: "a@b.c", createdAt: Date(timeIntervalSince1970: 1_800_000_000))
        let response = AuthResponse(user: user, accessToken: "a", refreshToken: "r", expiresIn: 900)
        let json = try object(response)
        #expect(Set(json.keys) == ["user", "accessToken", "refreshToken", "expiresIn"])
        #expect(json["expiresIn"] as? Int == 900)
        let data = try WireJSON.encoder().encode(response)
        #expect(try WireJSON.decoder().decode(AuthResponse.self, from: data) == response)
    }

    @Test("session request writes a lowercase deviceId and reads any case")
    func createSession() throws {
        let id = try #require(UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"))
        let request = CreateSessionRequest(deviceId: id, type: .both, quality: .auto, connectionId: "c1")
        let json = try object(request)
        #expect(json["deviceId"] as? String == "e621e1f8-c36c-495a-93fc-0c247a3e6e5f")
        #expect(json["type"] as? String == "both")
        let upper = #"{"deviceId":"E621E1F8-C36C-495A-93FC-0C247A3E6E5F","type":"video","quality":"low","connectionId":"x"}"#
        let decoded = try WireJSON.decoder().decode(CreateSessionRequest.self, from: Data(upper.utf8))
        #expect(decoded.deviceId == id && decoded.type == .video && decoded.quality == .low)
    }

    @Test("garbage and wrong shapes are refused with a thrown error")
    func malformed() {
        let bad: [String] = [
            #"{"deviceId":"not-a-uuid","type":"video","quality":"low","connectionId":"x"}"#,
            #"{"deviceId":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f","type":"hologram","quality":"low","connectionId":"x"}"#,
            #"{"deviceId":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f","type":"video""#,
            "\u{00}\u{ff}\u{13}",
            "[]",
        ]
        for text in bad {
            #expect(throws: (any Error).self) {
                try WireJSON.decoder().decode(CreateSessionRequest.self, from: Data(text.utf8))
            }
        }
        #expect(throws: (any Error).self) {
            try WireJSON.decoder().decode(CreateDeviceRequest.self, from: Data(#"{"name":"x","kind":"toaster","capabilities":{"camera":true,"microphone":true}}"#.utf8))
        }
    }

    @Test("device requests: platform optional, PATCH keys optional")
    func deviceRequests() throws {
        let create = try WireJSON.decoder().decode(
            CreateDeviceRequest.self,
            from: Data(#"{"name":"Cam","kind":"agent","capabilities":{"camera":true,"microphone":false}}"#.utf8))
        #expect(create.platform == nil && create.kind == .agent && create.capabilities.camera)
        let patch = try WireJSON.decoder().decode(UpdateDeviceRequest.self, from: Data("{}".utf8))
        #expect(patch == UpdateDeviceRequest())
    }

    @Test("ICE servers: STUN entries carry no credential keys")
    func iceServers() throws {
        let response = ICEServersResponse(
            iceServers: [ICEServer(urls: ["stun:127.0.0.1:3478"]), ICEServer(urls: ["turn:127.0.0.1:3478"], username: "1:u", credential: "c")],
            ttl: 86400)
        let json = try object(response)
        let servers = try #require(json["iceServers"] as? [[String: Any]])
        #expect(Set(servers[0].keys) == ["urls"])
        #expect(servers[1]["username"] as? String == "1:u")
        #expect(json["ttl"] as? Int == 86400)
    }

    @Test("session answers keep explicit nulls")
    func sessionNulls() throws {
        let session = Session(id: UUID(), deviceId: UUID(), type: .audio, quality: .low, state: .requested, createdAt: Date())
        let json = try object(SessionListResponse(sessions: [session]))
        let first = try #require((json["sessions"] as? [[String: Any]])?.first)
        #expect(first["endedAt"] is NSNull && first["stats"] is NSNull && first["senderStats"] is NSNull)
    }
}
