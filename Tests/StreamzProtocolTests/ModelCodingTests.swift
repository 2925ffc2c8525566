import Foundation
import Testing
import StreamzProtocol

@Suite("Wire model coding")
struct ModelCodingTests {
    @Test("dates carry milliseconds and Z; UUIDs are lowercase; unknowns are null")
    func deviceShape() throws {
        let id = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        let created = try #require(WireDate.date(from: "2026-11-24T18:00:00.000Z"))
        let device = Device(
            id: id, name: "Kitchen", kind: .agent, platform: nil,
            capabilities: Capabilities(camera: true, microphone: false), online: false,
            lastSeenAt: nil, createdAt: created)
        let data = try WireJSON.encoder().encode(device)
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(text.contains("\"id\":\"e621e1f8-c36c-495a-93fc-0c247a3e6e5f\""))
        #expect(text.contains("\"createdAt\":\"2026-11-24T18:00:00.000Z\""))
        #expect(text.contains("\"lastSeenAt\":null"))
        #expect(text.contains("\"platform\":null"))
        #expect(try WireJSON.decoder().decode(Device.self, from: data) == device)
    }

    @Test("session stats encode every unknown as null and round-trip")
    func statsShape() throws {
        let stats = SessionStats(rttMs: 12.5, connectionType: .relay, width: 640)
        let data = try WireJSON.encoder().encode(stats)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object.count == 16)
        #expect(object["latencyMs"] is NSNull)
        #expect(object["connectionType"] as? String == "relay")
        #expect(try WireJSON.decoder().decode(SessionStats.self, from: data) == stats)
    }

    @Test("timestamps without milliseconds are read; other text is refused")
    func dateParsing() {
        #expect(WireDate.date(from: "2026-11-24T18:00:00Z") != nil)
        #expect(WireDate.date(from: "yesterday") == nil)
    }

    @Test("quality presets follow the contract")
    func presets() {
        #expect(Quality.low.preset.width == 320 && Quality.low.preset.framesPerSecond == 15)
        #expect(Quality.high.preset.videoKbps == 2000)
        #expect(Quality.auto.preset == Quality.medium.preset)
    }
}
