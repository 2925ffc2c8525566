import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: connection outbox and tables")
struct HubTablesTests {
    /// Everything a finished outbox still delivers.
    static func drain(_ connection: HubConnection) async -> [String] {
        var texts: [String] = []
        for await text in connection.outgoing { texts.append(text) }
        return texts
    }

    @Test("a close goes out after the frames queued before it, and nothing after")
    func closeOrder() async {
        let connection = HubConnection(outboxCapacity: 8)
        connection.send("one")
        connection.send("two")
        connection.close(.replaced, reason: "newer")
        connection.send("three")
        connection.close(.goingAway, reason: "ignored: the first close wins")
        #expect(await Self.drain(connection) == ["one", "two"])
        #expect(connection.closeRequest == .init(code: .replaced, reason: "newer"))
        #expect(connection.isClosing)
    }

    @Test("a close reason is cut to the 123 bytes a close frame holds, at a character boundary")
    func closeReasonLimit() {
        let long = String(repeating: "é", count: 100)
        let request = HubConnection.CloseRequest(code: .malformedMessage, reason: long)
        #expect(request.reason.utf8.count == 122)
        #expect(request.reason == String(repeating: "é", count: 61))
        #expect(HubConnection.CloseRequest(code: .timeout, reason: "short").reason == "short")
    }

    @Test("a client that cannot keep up is closed with 1008")
    func overflow() async {
        let connection = HubConnection(outboxCapacity: 2)
        for index in 0..<5 { connection.send("\(index)") }
        #expect(connection.closeRequest?.code == .policyViolation)
        #expect(await Self.drain(connection) == ["0", "1"])
    }

    @Test("a client-side close leaves no close request")
    func clientClosed() async {
        let connection = HubConnection(outboxCapacity: 2)
        connection.finish()
        connection.send("late")
        #expect(await Self.drain(connection).isEmpty)
        #expect(connection.closeRequest == nil)
    }

    @Test("a device's second connection replaces the first; only the current one takes the device offline")
    func registryReplacement() {
        var registry = ConnectionRegistry()
        let user = UUID()
        let deviceId = UUID()
        let identity = HubConnection.Identity(userId: user, role: .device, deviceId: deviceId)
        let first = HubConnection(outboxCapacity: 4)
        let second = HubConnection(outboxCapacity: 4)
        for connection in [first, second] {
            connection.identify(identity)
            registry.addPending(connection)
        }
        #expect(registry.add(first, as: identity) == nil)
        #expect(registry.add(second, as: identity) === first)
        #expect(registry.deviceCount == 1)
        #expect(registry.deviceConnection(deviceId) === second)
        #expect(registry.remove(first.id) == nil)
        let removal = registry.remove(second.id)
        #expect(removal?.wasCurrentDevice == true)
        #expect(registry.deviceConnection(deviceId) == nil)
        #expect(registry.isEmpty && registry.deviceCount == 0)
    }

    @Test("viewers are indexed by user, so fan-out never crosses users")
    func registryViewers() {
        var registry = ConnectionRegistry()
        let alice = UUID()
        let bob = UUID()
        let connections = (0..<3).map { _ in HubConnection(outboxCapacity: 4) }
        for (index, connection) in connections.enumerated() {
            let identity = HubConnection.Identity(userId: index < 2 ? alice : bob, role: .viewer, deviceId: nil)
            connection.identify(identity)
            _ = registry.add(connection, as: identity)
        }
        #expect(Set(registry.viewers(of: alice).map(\.id)) == Set(connections[0..<2].map(\.id)))
        #expect(registry.viewers(of: bob).map(\.id) == [connections[2].id])
        #expect(registry.viewerCount == 3)
        _ = registry.remove(connections[0].id)
        #expect(registry.viewers(of: alice).map(\.id) == [connections[1].id])
        #expect(registry.viewerCount == 2)
    }

    @Test("a live session knows its two parties and nobody else")
    func sessionParties() {
        let viewer = UUID()
        let device = UUID()
        let session = Session(id: UUID(), deviceId: UUID(), type: .both, quality: .auto, state: .requested, createdAt: Date())
        let entry = LiveSession(session: session, ownerId: UUID(), viewerConnection: viewer, deviceConnection: device)
        #expect(entry.party(of: viewer) == .viewer && entry.other(than: .viewer) == device)
        #expect(entry.party(of: device) == .device && entry.other(than: .device) == viewer)
        #expect(entry.party(of: UUID()) == nil)
        var table = SessionTable()
        table[session.id] = entry
        #expect(table.ids(involving: viewer) == [session.id])
        #expect(table.ids(involving: UUID()).isEmpty)
        #expect(table.ids(ofDevice: session.deviceId) == [session.id])
        #expect(table.remove(session.id) != nil && table[session.id] == nil)
    }
}
