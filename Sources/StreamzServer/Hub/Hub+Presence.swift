import Foundation
import StreamzProtocol

/// A device's presence writes, chained so they reach the store, and the
/// owner's viewers, in the order the hub decided them: an `online` from a new
/// connection can never be overtaken by the `offline` of the one it replaced.
struct PresenceWrite {
    let generation: Int
    let task: Task<Void, Never>
}

extension Hub {
    /// Records a device's presence and fans `device.status` out to the
    /// owner's viewers once stored (PROTOCOL.md §3 "Presence").
    func recordPresence(deviceId: UUID, ownerId: UUID, online: Bool, at time: Date) {
        let previous = presenceWrites[deviceId]
        let generation = (previous?.generation ?? 0) + 1
        let store = devices
        let task = Task {
            await previous?.task.value
            do {
                if let device = try await store.setPresence(deviceId: deviceId, online: online, lastSeenAt: time) {
                    self.announcePresence(of: device, ownerId: ownerId)
                }
            } catch {
                _ = self.apiError(error, during: "recording presence")
            }
            self.presenceWriteFinished(deviceId: deviceId, generation: generation)
        }
        presenceWrites[deviceId] = PresenceWrite(generation: generation, task: task)
    }

    private func announcePresence(of device: Device, ownerId: UUID) {
        let status = ServerMessage.DeviceStatus(deviceId: device.id, online: device.online, lastSeenAt: device.lastSeenAt)
        sendToViewers(of: ownerId, .deviceStatus(status))
    }

    private func presenceWriteFinished(deviceId: UUID, generation: Int) {
        if presenceWrites[deviceId]?.generation == generation { presenceWrites[deviceId] = nil }
    }

    /// Waits for every queued presence write, so a shutdown leaves the store true.
    func presenceWritesSettled() async {
        for write in presenceWrites.values { await write.task.value }
    }

    /// `heartbeat` (any frame already counted as a sign of life); new
    /// capabilities are stored and fanned out as `device.updated`.
    func heartbeat(_ heartbeat: ClientMessage.Heartbeat, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        guard let capabilities = heartbeat.capabilities, identity.role == .device, let deviceId = identity.deviceId else {
            acknowledge(requestId, on: connection)
            return
        }
        do {
            if let device = try await devices.setCapabilities(deviceId: deviceId, capabilities: capabilities) {
                sendToViewers(of: identity.userId, .deviceUpdated(device))
            }
            acknowledge(requestId, on: connection)
        } catch {
            reply(apiError(error, during: "storing capabilities"), to: requestId, on: connection)
        }
    }
}
