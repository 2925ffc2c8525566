import Foundation
import StreamzProtocol

// PROTOCOL.md §2 "Devices".
extension APIClient {
    /// `GET /devices`.
    public func devices() async throws(StreamzAPIError) -> [Device] {
        let answer: DeviceListResponse = try await authorized("GET", "/devices")
        return answer.devices
    }

    /// `POST /devices`.
    public func createDevice(_ request: CreateDeviceRequest) async throws(StreamzAPIError) -> Device {
        let answer: DeviceResponse = try await authorized("POST", "/devices", body: request)
        return answer.device
    }

    /// `GET /devices/{id}`.
    public func device(id: UUID) async throws(StreamzAPIError) -> Device {
        let answer: DeviceResponse = try await authorized("GET", "/devices/\(id.wireString)")
        return answer.device
    }

    /// `PATCH /devices/{id}`: absent fields stay as they are.
    public func updateDevice(id: UUID, _ request: UpdateDeviceRequest) async throws(StreamzAPIError) -> Device {
        let answer: DeviceResponse = try await authorized("PATCH", "/devices/\(id.wireString)", body: request)
        return answer.device
    }

    /// `DELETE /devices/{id}`: its open connection is closed (4410) and its sessions end.
    public func deleteDevice(id: UUID) async throws(StreamzAPIError) {
        let _: NoContent = try await authorized("DELETE", "/devices/\(id.wireString)")
    }
}
