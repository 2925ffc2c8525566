import Foundation
import StreamzProtocol

extension Hub {
    /// The first message of a connection (PROTOCOL.md §3 "Connecting"): a bad
    /// or expired token closes with 4401, a device id that is not the user's
    /// with 4403. A viewer gets `welcome` and at once a `devices` snapshot; a
    /// device gets `welcome`, goes online and replaces any older connection (4409).
    func authenticate(_ connection: HubConnection, with auth: ClientMessage.Auth) async {
        guard !isShuttingDown else {
            connection.close(.goingAway, reason: "The server is shutting down.")
            return
        }
        let userId: UUID
        do {
            userId = try await tokens.verifyAccessToken(auth.token)
        } catch {
            let refusal = (error as? APIError) ?? .unauthorized
            connection.close(.unauthorized, reason: refusal.message)
            return
        }
        switch auth.role {
        case .viewer:
            await admitViewer(connection, userId: userId)
        case .device:
            await admitDevice(connection, userId: userId, deviceId: auth.deviceId)
        }
    }

    private func admitViewer(_ connection: HubConnection, userId: UUID) async {
        let servers = await iceServers(userId)
        guard !connection.isClosing else { return }
        let identity = HubConnection.Identity(userId: userId, role: .viewer, deviceId: nil)
        connection.identify(identity)
        _ = registry.add(connection, as: identity)
        sendWelcome(to: connection, role: .viewer, iceServers: servers)
        // Registered before the snapshot is read, so no change can fall
        // between the snapshot and the events that follow it.
        do {
            let snapshot = try await devices.devices(ownedBy: userId)
            for message in try DevicesSnapshot.messages(for: snapshot, limit: configuration.maxMessageBytes) {
                send(message, to: connection)
            }
        } catch {
            _ = apiError(error, during: "reading a viewer's devices")
            connection.close(.internalError, reason: APIError.internalError.message)
        }
    }

    private func admitDevice(_ connection: HubConnection, userId: UUID, deviceId: UUID?) async {
        guard let deviceId else {
            connection.close(.forbidden, reason: "A device connection needs the deviceId of one of your devices.")
            return
        }
        do {
            guard try await devices.device(id: deviceId, ownedBy: userId) != nil else {
                connection.close(.forbidden, reason: "That device is not one of yours.")
                return
            }
        } catch {
            _ = apiError(error, during: "checking a device's owner")
            connection.close(.internalError, reason: APIError.internalError.message)
            return
        }
        let servers = await iceServers(userId)
        guard !connection.isClosing else { return }
        let identity = HubConnection.Identity(userId: userId, role: .device, deviceId: deviceId)
        connection.identify(identity)
        let replaced = registry.add(connection, as: identity)
        replaced?.close(.replaced, reason: "A newer connection for this device replaced this one.")
        sendWelcome(to: connection, role: .device, iceServers: servers)
        // Queued before any await, so an offline write for this connection
        // can only come after it.
        recordPresence(deviceId: deviceId, ownerId: userId, online: true, at: Date())
        if let replaced {
            await endSessions(involving: replaced.id, reason: "peer_disconnected")
        }
    }

    private func sendWelcome(to connection: HubConnection, role: ConnectionRole, iceServers: [ICEServer]) {
        let welcome = ServerMessage.Welcome(
            connectionId: connection.wireId, role: role,
            heartbeatInterval: configuration.heartbeatInterval.seconds, iceServers: iceServers)
        send(.welcome(welcome), to: connection)
    }
}
