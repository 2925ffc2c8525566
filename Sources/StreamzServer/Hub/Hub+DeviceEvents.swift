import Foundation
import StreamzProtocol

extension Hub: DeviceEvents {
    /// `POST /devices` and `PATCH /devices/{id}`: the owner's viewers get `device.updated`.
    public func deviceUpdated(_ device: Device, ownerId: UUID) async {
        sendToViewers(of: ownerId, .deviceUpdated(device))
    }

    /// `DELETE /devices/{id}`: the device's socket closes with 4410, its
    /// sessions end, and the owner's viewers get `device.removed`.
    public func deviceRemoved(deviceId: UUID, ownerId: UUID) async {
        if let connection = registry.deviceConnection(deviceId), connection.identity?.userId == ownerId {
            connection.close(.deviceRemoved, reason: "This device was removed from its account.")
            await forget(connection, sessionReason: "device_removed", markOffline: false)
        }
        for sessionId in live.ids(ofDevice: deviceId) where live[sessionId]?.ownerId == ownerId {
            do {
                try await finish(sessionId, as: .ended, reason: "device_removed")
            } catch {
                _ = apiError(error, during: "ending a removed device's session")
            }
        }
        sendToViewers(of: ownerId, .deviceRemoved(deviceId: deviceId))
    }
}
