import Foundation
import StreamzProtocol
import Testing

@Suite("WebSocket message coding")
struct HubMessageCodingTests {
    static let sessionId = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!
    static let deviceId = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
    static let created = WireDate.date(from: "2026-11-24T18:00:00.000Z")!

    static let clientMessages: [ClientMessage] = [
        .auth(.init(token: "t", role: .viewer)),
        .auth(.init(token: "t", role: .device, deviceId: deviceId)),
        .heartbeat(.init()),
        .heartbeat(.init(capabilities: Capabilities(camera: true, microphone: false))),
        .sessionStart(.init(deviceId: deviceId, sessionType: .both, quality: .auto)),
        .signal(.init(sessionId: sessionId, content: .description(.init(type: .offer, sdp: "v=0\r\n")))),
        .signal(.init(sessionId: sessionId, content: .candidate(.init(candidate: "candidate:1 1 udp 1 127.0.0.1 9 typ host", sdpMid: "0", sdpMLineIndex: 0)))),
        .signal(.init(sessionId: sessionId, content: .endOfCandidates)),
        .sessionState(.init(sessionId: sessionId, state: .failed, reason: "unsupported_codec: offered H264 only")),
        .sessionStats(.init(sessionId: sessionId, stats: SessionStats(rttMs: 3, connectionType: .p2p, updatedAt: created))),
        .sessionQuality(.init(sessionId: sessionId, quality: .low)),
        .sessionEnd(.init(sessionId: sessionId, reason: "done")),
    ]

    static var serverMessages: [ServerMessage] {
        let device = Device(
            id: deviceId, name: "Porch", kind: .browser, platform: nil,
            capabilities: Capabilities(camera: true, microphone: true), online: true, lastSeenAt: created, createdAt: created)
        let session = Session(id: sessionId, deviceId: deviceId, type: .video, quality: .high, state: .requested, createdAt: created)
        return [
            .welcome(.init(connectionId: "abc", role: .viewer, heartbeatInterval: 10, iceServers: [ICEServer(urls: ["stun:x"])])),
            .devices([device]),
            .devicesPart([device]),
            .deviceStatus(.init(deviceId: deviceId, online: false, lastSeenAt: nil)),
            .deviceUpdated(device),
            .deviceRemoved(deviceId: deviceId),
            .ack(.init(replyTo: "1", session: session)),
            .ack(.init(replyTo: "2")),
            .error(.init(replyTo: "3", code: "not_found", message: "Nothing.")),
            .error(.init(code: "forbidden", message: "No.")),
            .sessionRequest(.init(session: session, iceServers: [])),
            .signal(.init(sessionId: sessionId, content: .endOfCandidates)),
            .sessionEnded(.init(sessionId: sessionId, reason: "timeout")),
            .sessionUpdated(session),
            .sessionQuality(.init(sessionId: sessionId, quality: .high)),
        ]
    }

    @Test("every client message round-trips with its type and id", arguments: clientMessages)
    func clientRoundTrip(_ message: ClientMessage) throws {
        let text = try ClientEnvelope(id: "req-1", message).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["type"] as? String == message.type.rawValue)
        #expect(object["id"] as? String == "req-1")
        let decoded = try ClientEnvelope.decode(text)
        #expect(decoded.message == message)
        #expect(decoded.id == "req-1")
    }

    @Test("every server message round-trips with its type", arguments: serverMessages)
    func serverRoundTrip(_ message: ServerMessage) throws {
        let text = try message.encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["type"] as? String == message.type.rawValue)
        #expect(try ServerMessage.decode(text) == message)
    }

    @Test("the contract's example texts decode")
    func contractExamples() throws {
        let auth = try ClientEnvelope.decode(#"{"type":"auth","token":"x","role":"device","deviceId":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f"}"#)
        #expect(auth.message == .auth(.init(token: "x", role: .device, deviceId: Self.deviceId)))
        let end = try ClientEnvelope.decode(#"{"type":"signal","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","candidate":null}"#)
        #expect(end.message == .signal(.init(sessionId: Self.sessionId, content: .endOfCandidates)))
        let browserCandidate = try ClientEnvelope.decode(
            #"{"type":"signal","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","candidate":{"candidate":"candidate:1 1 udp 5 10.0.0.1 5000 typ host","sdpMid":null,"sdpMLineIndex":null,"usernameFragment":"abcd"}}"#)
        #expect(browserCandidate.message == .signal(.init(sessionId: Self.sessionId, content: .candidate(.init(candidate: "candidate:1 1 udp 5 10.0.0.1 5000 typ host", sdpMid: nil, sdpMLineIndex: nil)))))
        let welcome = try ServerMessage.decode(#"{"type":"welcome","connectionId":"c","role":"viewer","heartbeatInterval":10,"iceServers":[]}"#)
        #expect(welcome == .welcome(.init(connectionId: "c", role: .viewer, heartbeatInterval: 10, iceServers: [])))
    }

    @Test("end of candidates is written as an explicit null, UUIDs in lowercase")
    func explicitNull() throws {
        let text = try ClientEnvelope(.signal(.init(sessionId: Self.sessionId, content: .endOfCandidates))).encoded()
        #expect(text.contains(#""candidate":null"#))
        #expect(text.contains(Self.sessionId.wireString))
        #expect(!text.contains("description"))
    }

    @Test("garbage is refused with the reason", arguments: [
        ("", WSMessageError.malformedJSON),
        ("not json", .malformedJSON),
        ("[1,2]", .malformedJSON),
        ("\"auth\"", .malformedJSON),
        (#"{"token":"x"}"#, .missingType),
        (#"{"type":7}"#, .missingType),
        (#"{"type":"welcome"}"#, .unknownType("welcome")),
        (#"{"type":"teleport"}"#, .unknownType("teleport")),
    ])
    func garbage(_ text: String, _ expected: WSMessageError) {
        #expect(throws: expected) { try ClientEnvelope.decode(text) }
    }

    @Test("bad shapes of known types are refused", arguments: [
        #"{"type":"auth","role":"viewer"}"#,
        #"{"type":"auth","token":"x","role":"admin"}"#,
        #"{"type":"auth","token":"x","role":"device","deviceId":"not-a-uuid"}"#,
        #"{"type":"session.start","deviceId":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f","sessionType":"smell","quality":"low"}"#,
        #"{"type":"signal","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff"}"#,
        #"{"type":"signal","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","candidate":null,"description":{"type":"offer","sdp":""}}"#,
        #"{"type":"signal","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","description":{"type":"rollback","sdp":""}}"#,
        #"{"type":"signal","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","candidate":{"candidate":"c","sdpMLineIndex":-1}}"#,
        #"{"type":"session.state","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","state":"requested"}"#,
        #"{"type":"session.stats","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","stats":{"updatedAt":"yesterday"}}"#,
        #"{"type":"session.quality","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","quality":"ultra"}"#,
        #"{"type":"session.end","sessionId":"6f9619ff-8b86-d011-b42d-00c04fc964ff","id":5}"#,
    ])
    func badShapes(_ text: String) {
        do {
            _ = try ClientEnvelope.decode(text)
            Issue.record("Accepted \(text)")
        } catch {
            guard case .badShape(_, let detail) = error else {
                Issue.record("Expected a shape error, got \(error)")
                return
            }
            #expect(!detail.isEmpty)
        }
    }

    @Test("every truncation of a valid message is refused without a crash")
    func truncations() throws {
        let text = try ClientEnvelope(id: "9", Self.clientMessages[8]).encoded()
        for length in 0..<text.utf8.count {
            let prefix = String(decoding: Array(text.utf8.prefix(length)), as: UTF8.self)
            #expect(throws: WSMessageError.self) { try ClientEnvelope.decode(prefix) }
            #expect(throws: WSMessageError.self) { try ServerMessage.decode(prefix) }
        }
    }

    @Test("random bytes are refused without a crash")
    func randomBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(throws: WSMessageError.self) { try ClientEnvelope.decode(text) }
        }
    }

    @Test("a client reconnects on everything but 4401, 4403, 4409 and 4410")
    func reconnectRule() {
        let final = WSCloseCode.allCases.filter { !$0.clientShouldReconnect }.map(\.rawValue).sorted()
        #expect(final == [4401, 4403, 4409, 4410])
        #expect(WSCloseCode(rawValue: 4408)?.clientShouldReconnect == true)
    }
}
