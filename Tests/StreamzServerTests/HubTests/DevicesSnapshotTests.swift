import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: a viewer's devices snapshot in frames of the contract's size")
struct DevicesSnapshotTests {
    static let created = WireDate.date(from: "2026-11-26T02:00:00.000Z")!

    static func devices(_ count: Int) -> [Device] {
        (0..<count).map { index in
            Device(id: UUID(), name: "Camera \(index)", kind: .agent, platform: "linux",
                   capabilities: Capabilities(camera: true, microphone: index % 2 == 0), online: index % 3 == 0,
                   lastSeenAt: created, createdAt: created)
        }
    }

    @Test("a snapshot that fits is one devices message, an empty one too")
    func fits() throws {
        let few = Self.devices(3)
        #expect(try DevicesSnapshot.messages(for: few, limit: 64 * 1024) == [.devices(few)])
        #expect(try DevicesSnapshot.messages(for: [], limit: 64 * 1024) == [.devices([])])
    }

    @Test("a larger one is parts and a last devices, each within the limit, the devices in order", arguments: [2048, 4096, 20_000])
    func parts(limit: Int) throws {
        let all = Self.devices(120)
        let messages = try DevicesSnapshot.messages(for: all, limit: limit)
        #expect(messages.count > 1)
        var joined: [Device] = []
        for (index, message) in messages.enumerated() {
            #expect(try message.encoded().utf8.count <= limit)
            switch message {
            case .devicesPart(let part) where index < messages.count - 1: joined += part
            case .devices(let last) where index == messages.count - 1: joined += last
            default: Issue.record("message \(index) of \(messages.count) is \(message.type)")
            }
        }
        #expect(joined == all)
        // Parts are filled: a part with the next message's first device added would reach the limit.
        if case .devicesPart(let first) = messages[0], let next = messages.dropFirst().first {
            let nextFirst: Device? = switch next {
            case .devicesPart(let part), .devices(let part): part.first
            default: nil
            }
            #expect(try ServerMessage.devicesPart(first + [try #require(nextFirst)]).encoded().utf8.count >= limit)
        }
    }
}
