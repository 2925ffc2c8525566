import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: message limits", .timeLimit(.minutes(1)))
struct HubLimitsTests {
    /// A heartbeat padded with spaces to `size` bytes: valid JSON of that size.
    static func paddedHeartbeat(size: Int, id: String) -> String {
        let core = #"{"type":"heartbeat","id":"\#(id)"}"#
        return #"{"type":"heartbeat","id":"\#(id)""# + String(repeating: " ", count: size - core.utf8.count) + "}"
    }

    @Test("a message of 64 KiB is accepted")
    func atLimit() async throws {
        try await LiveHub.run { live in
            let (viewer, _, _) = try await live.viewer()
            let text = Self.paddedHeartbeat(size: 64 * 1024, id: "big")
            #expect(text.utf8.count == 64 * 1024)
            viewer.send(text)
            guard case .ack(let ack) = try await viewer.next() else {
                Issue.record("Expected an ack")
                return
            }
            #expect(ack.replyTo == "big")
        }
    }

    @Test("an oversized message closes with 4400, in one frame or in fragments")
    func oversized() async throws {
        try await LiveHub.run { live in
            let (single, _, _) = try await live.viewer()
            single.send(Self.paddedHeartbeat(size: 64 * 1024 + 1, id: "too-big"))
            #expect(try await single.closeCode() == 4400)
            let (fragmented, _, _) = try await live.viewer()
            let part = String(repeating: " ", count: 20 * 1024)
            fragmented.send(.fragments([#"{"type":"heartbeat""#, part, part, part, part, "}"]))
            #expect(try await fragmented.closeCode() == 4400)
            #expect(await live.hub.counters.messagesRejected == 2)
        }
    }

    @Test("a message in fragments under the limit is assembled")
    func fragmentsAssembled() async throws {
        try await LiveHub.run { live in
            let (viewer, _, _) = try await live.viewer()
            viewer.send(.fragments([#"{"type":"heart"#, #"beat","id":"#, #""frag"}"#]))
            guard case .ack(let ack) = try await viewer.next() else {
                Issue.record("Expected an ack")
                return
            }
            #expect(ack.replyTo == "frag")
        }
    }

    @Test("malformed JSON, binary frames and bad shapes close with 4400", arguments: [
        TestSocket.Command.text("{not json"),
        .text("[]"),
        .text(#"{"type":"signal","sessionId":"nope","candidate":null}"#),
        .text(#"{"type":"session.start","deviceId":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f"}"#),
        .binary([0x7b, 0x7d]),
        .binary([0xff, 0xfe, 0x00]),
    ])
    func malformed(_ command: TestSocket.Command) async throws {
        try await LiveHub.run { live in
            let (viewer, _, _) = try await live.viewer()
            viewer.send(command)
            let code = try await viewer.closeCode()
            #expect(code == 4400)
        }
    }

    @Test("malformed JSON before auth closes with 4400 too")
    func malformedBeforeAuth() async throws {
        try await LiveHub.run { live in
            let socket = live.socket()
            socket.send("\u{0}\u{1}garbage")
            let code = try await socket.closeCode()
            #expect(code == 4400)
        }
    }

    @Test("an unknown type after auth gets an error and the connection stays open")
    func unknownType() async throws {
        try await LiveHub.run { live in
            let (viewer, _, _) = try await live.viewer()
            viewer.send(#"{"type":"teleport","id":"t1"}"#)
            let error = try await LiveHub.error(on: viewer)
            #expect(error.code == "validation_failed" && error.replyTo == "t1")
            #expect(try await viewer.drain().isEmpty)
        }
    }
}
