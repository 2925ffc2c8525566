import Foundation
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Device endpoints")
struct DeviceEndpointTests {
    @Test("create, list, get, patch, delete; creation and edits reach the hub")
    func lifecycle() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("ivy@b.c")
            let created = try await client.send(
                .post, "/api/v1/devices", token: auth.accessToken,
                json: #"{"name":"  Kitchen  ","kind":"browser","capabilities":{"camera":true,"microphone":false}}"#)
            #expect(created.status == .created)
            let device = try created.decode(DeviceResponse.self).device
            #expect(device.name == "Kitchen" && device.kind == .browser && device.platform == nil)
            #expect(device.online == false && device.lastSeenAt == nil)
            #expect(created.text.contains(#""platform":null"#))

            let list = try await client.send(.get, "/api/v1/devices", token: auth.accessToken)
            #expect(try list.decode(DeviceListResponse.self).devices == [device])
            let one = try await client.send(.get, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken)
            #expect(try one.decode(DeviceResponse.self).device == device)

            let patched = try await client.send(
                .patch, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken,
                json: #"{"name":"Hall","capabilities":{"camera":true,"microphone":true}}"#)
            #expect(patched.status == .ok)
            let updated = try patched.decode(DeviceResponse.self).device
            #expect(updated.name == "Hall" && updated.capabilities.microphone)
            let renameOnly = try await client.send(.patch, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken, json: "{}")
            #expect(try renameOnly.decode(DeviceResponse.self).device == updated)

            let deleted = try await client.send(.delete, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken)
            #expect(deleted.status == .noContent)
            let gone = try await client.send(.get, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken)
            #expect(gone.status == .notFound)
            #expect(gone.error?.code == "not_found")

            #expect(harness.hub.calls == [
                .updated(deviceId: device.id, name: "Kitchen", ownerId: auth.user.id),
                .updated(deviceId: device.id, name: "Hall", ownerId: auth.user.id),
                .updated(deviceId: device.id, name: "Hall", ownerId: auth.user.id),
                .removed(deviceId: device.id, ownerId: auth.user.id),
            ])
        }
    }

    @Test("name rules and name_taken on create and rename; bad kind and capabilities")
    func validation() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("jay@b.c")
            let cases: [(String, String)] = [
                (#"{"name":"   ","kind":"agent","capabilities":{"camera":true,"microphone":true}}"#, "name"),
                (#"{"name":"\#(String(repeating: "x", count: 65))","kind":"agent","capabilities":{"camera":true,"microphone":true}}"#, "name"),
                (#"{"name":"bell\u0007","kind":"agent","capabilities":{"camera":true,"microphone":true}}"#, "name"),
                (#"{"name":"Cam","kind":"toaster","capabilities":{"camera":true,"microphone":true}}"#, "kind"),
                (#"{"name":"Cam","kind":"agent","capabilities":{"camera":"yes","microphone":true}}"#, "capabilities.camera"),
                (#"{"name":"Cam","kind":"agent"}"#, "capabilities"),
                (#"{"name":"Cam","kind":"agent","platform":"a\nb","capabilities":{"camera":true,"microphone":true}}"#, "platform"),
            ]
            for (json, field) in cases {
                let response = try await client.send(.post, "/api/v1/devices", token: auth.accessToken, json: json)
                #expect(response.status == .badRequest, "\(json)")
                #expect(response.error?.code == "validation_failed", "\(json)")
                #expect(response.error?.field == field, "\(json)")
            }
            let sixtyFour = String(repeating: "é", count: 64)
            _ = try await client.createDevice(token: auth.accessToken, name: sixtyFour)
            let first = try await client.createDevice(token: auth.accessToken, name: "Porch")
            let second = try await client.createDevice(token: auth.accessToken, name: "Garage")
            let duplicate = try await client.send(
                .post, "/api/v1/devices", token: auth.accessToken,
                body: CreateDeviceRequest(name: " Porch", kind: .agent, capabilities: Capabilities(camera: true, microphone: true)))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.error?.code == "name_taken")
            let rename = try await client.send(.patch, "/api/v1/devices/\(second.id.wireString)", token: auth.accessToken, json: #"{"name":"Porch"}"#)
            #expect(rename.error?.code == "name_taken")
            let badRename = try await client.send(.patch, "/api/v1/devices/\(first.id.wireString)", token: auth.accessToken, json: #"{"name":""}"#)
            #expect(badRename.error?.field == "name")
            // Another user may use the same name.
            let other = try await client.register("kim@b.c")
            _ = try await client.createDevice(token: other.accessToken, name: "Porch")
        }
    }

    @Test("another user's device answers 404 to every verb; a non-UUID id is 404; no token is 401")
    func isolation() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let owner = try await client.register("lee@b.c")
            let stranger = try await client.register("max@b.c")
            let device = try await client.createDevice(token: owner.accessToken, name: "Private")
            let path = "/api/v1/devices/\(device.id.wireString)"
            #expect(try await client.send(.get, path, token: stranger.accessToken).error?.code == "not_found")
            #expect(try await client.send(.patch, path, token: stranger.accessToken, json: #"{"name":"Mine"}"#).error?.code == "not_found")
            #expect(try await client.send(.delete, path, token: stranger.accessToken).error?.code == "not_found")
            let strangerList = try await client.send(.get, "/api/v1/devices", token: stranger.accessToken)
            #expect(try strangerList.decode(DeviceListResponse.self).devices.isEmpty)
            #expect(try await client.send(.get, "/api/v1/devices/not-a-uuid", token: owner.accessToken).status == .notFound)
            #expect(try await client.send(.get, "/api/v1/devices").error?.code == "unauthorized")
            #expect(try await client.send(.post, "/api/v1/devices", json: "{}").status == .unauthorized)
            // The owner's device is untouched and the hub heard of its creation only.
            #expect(try await client.send(.get, path, token: owner.accessToken).status == .ok)
            #expect(harness.hub.calls == [.updated(deviceId: device.id, name: "Private", ownerId: owner.user.id)])
        }
    }
}
