import Foundation
import StreamzProtocol

/// Every open connection, indexed the ways the hub looks them up: by id, the
/// viewers of a user (fan-out only ever goes to the owner's viewers), and the
/// one current connection of each device.
struct ConnectionRegistry {
    /// Connections that have not authenticated yet.
    private var pending: [UUID: HubConnection] = [:]
    private var authenticated: [UUID: HubConnection] = [:]
    private var viewersByUser: [UUID: Set<UUID>] = [:]
    private var deviceConnections: [UUID: UUID] = [:]

    private(set) var viewerCount = 0
    private(set) var deviceCount = 0

    var isEmpty: Bool { pending.isEmpty && authenticated.isEmpty }
    var all: [HubConnection] { Array(pending.values) + Array(authenticated.values) }

    mutating func addPending(_ connection: HubConnection) {
        pending[connection.id] = connection
    }

    func connection(_ id: UUID) -> HubConnection? { authenticated[id] }

    /// A connection whether or not it has authenticated yet.
    func anyConnection(_ id: UUID) -> HubConnection? { authenticated[id] ?? pending[id] }

    func viewers(of userId: UUID) -> [HubConnection] {
        (viewersByUser[userId] ?? []).compactMap { authenticated[$0] }
    }

    /// The current connection of a device, if it is online.
    func deviceConnection(_ deviceId: UUID) -> HubConnection? {
        deviceConnections[deviceId].flatMap { authenticated[$0] }
    }

    /// Registers an authenticated connection (already `identify`-ed). For a
    /// device, returns the connection it replaces, which the caller closes with 4409.
    mutating func add(_ connection: HubConnection, as identity: HubConnection.Identity) -> HubConnection? {
        pending[connection.id] = nil
        authenticated[connection.id] = connection
        switch identity.role {
        case .viewer:
            viewersByUser[identity.userId, default: []].insert(connection.id)
            viewerCount += 1
            return nil
        case .device:
            guard let deviceId = identity.deviceId else { return nil }
            let replaced = deviceConnections[deviceId].flatMap { remove($0)?.connection }
            deviceConnections[deviceId] = connection.id
            deviceCount += 1
            return replaced
        }
    }

    struct Removal {
        let connection: HubConnection
        let identity: HubConnection.Identity
        /// For a device: whether this was its current connection, so it goes offline.
        let wasCurrentDevice: Bool
    }

    /// Forgets a connection; `nil` when it was pending or already gone.
    mutating func remove(_ id: UUID) -> Removal? {
        pending[id] = nil
        guard let connection = authenticated.removeValue(forKey: id), let identity = connection.identity else { return nil }
        switch identity.role {
        case .viewer:
            viewersByUser[identity.userId]?.remove(id)
            if viewersByUser[identity.userId]?.isEmpty == true { viewersByUser[identity.userId] = nil }
            viewerCount -= 1
            return Removal(connection: connection, identity: identity, wasCurrentDevice: false)
        case .device:
            deviceCount -= 1
            var current = false
            if let deviceId = identity.deviceId, deviceConnections[deviceId] == id {
                deviceConnections[deviceId] = nil
                current = true
            }
            return Removal(connection: connection, identity: identity, wasCurrentDevice: current)
        }
    }
}
