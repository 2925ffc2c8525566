import Foundation
import StreamzClient
import StreamzProtocol
import Testing

@Suite("Signalling: a devices snapshot sent in parts is put back together")
struct DevicesSnapshotAssemblerTests {
    static func device(_ name: String) -> Device {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        return Device(id: UUID(), name: name, kind: .agent, platform: nil, capabilities: Capabilities(camera: true, microphone: true),
                      online: true, lastSeenAt: now, createdAt: now)
    }

    @Test("parts are kept until the devices that ends them; a whole snapshot passes as it is")
    func assembles() {
        let a = Self.device("a"), b = Self.device("b"), c = Self.device("c")
        var assembler = DevicesSnapshotAssembler()
        #expect(assembler.take(.devices([a])) == [a])
        #expect(assembler.take(.devicesPart([a])) == nil)
        #expect(assembler.take(.deviceRemoved(deviceId: c.id)) == nil)
        #expect(assembler.take(.devicesPart([b])) == nil)
        #expect(assembler.take(.devices([c])) == [a, b, c])
        // The next snapshot starts afresh.
        #expect(assembler.take(.devices([])) == [])
    }

    @Test("a snapshot cut off by a lost connection is forgotten")
    func reset() {
        let a = Self.device("a"), b = Self.device("b")
        var assembler = DevicesSnapshotAssembler()
        #expect(assembler.take(.devicesPart([a])) == nil)
        assembler.reset()
        #expect(assembler.take(.devices([b])) == [b])
    }
}
