import Foundation
import Hummingbird
import StreamzProtocol

/// `/devices` (PROTOCOL.md §2 "Devices"). Creations and edits are told to the
/// hub so the owner's viewers hear of them.
struct DeviceController {
    let devices: DeviceRepository
    let events: any DeviceEvents
    let now: @Sendable () -> Date

    var endpoints: RouteCollection<AuthenticatedContext> {
        let routes = RouteCollection(context: AuthenticatedContext.self)
        routes.get { _, context in
            try Response.wire(DeviceListResponse(devices: try await devices.devices(ownedBy: context.userId)))
        }
        routes.post { request, context in
            let body = try await request.decodeWireBody(as: CreateDeviceRequest.self)
            let device = try await devices.create(
                ownerId: context.userId, name: try Validation.deviceName(body.name), kind: body.kind,
                platform: try Validation.shortText(body.platform, field: "platform"),
                capabilities: body.capabilities, at: now())
            // A viewer already connected learns of the new device as of an edit,
            // so it is listed before the device's own connection comes online.
            await events.deviceUpdated(device, ownerId: context.userId)
            return try Response.wire(DeviceResponse(device: device), status: .created)
        }
        routes.get(":id") { _, context in
            let id = try Self.deviceId(context)
            guard let device = try await devices.device(id: id, ownedBy: context.userId) else { throw APIError.notFound }
            return try Response.wire(DeviceResponse(device: device))
        }
        routes.patch(":id") { request, context in
            let id = try Self.deviceId(context)
            let body = try await request.decodeWireBody(as: UpdateDeviceRequest.self)
            let name = try body.name.map { try Validation.deviceName($0) }
            guard let device = try await devices.update(id: id, ownerId: context.userId, name: name, capabilities: body.capabilities)
            else { throw APIError.notFound }
            await events.deviceUpdated(device, ownerId: context.userId)
            return try Response.wire(DeviceResponse(device: device))
        }
        routes.delete(":id") { _, context in
            let id = try Self.deviceId(context)
            guard try await devices.device(id: id, ownedBy: context.userId) != nil else { throw APIError.notFound }
            // The hub first closes the connection (4410) and ends the
            // sessions, recording them; then the row and its history go.
            await events.deviceRemoved(deviceId: id, ownerId: context.userId)
            _ = try await devices.delete(id: id, ownerId: context.userId)
            return Response(status: .noContent)
        }
        return routes
    }

    /// A path id that is not a UUID names nothing: 404 like a foreign id.
    static func deviceId(_ context: AuthenticatedContext) throws -> UUID {
        guard let text = context.parameters.get("id"), let id = UUID(uuidString: text) else { throw APIError.notFound }
        return id
    }
}
