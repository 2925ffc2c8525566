import Foundation
import Hummingbird
import HummingbirdTesting
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Malformed input")
struct MalformedInputTests {
    /// A fixed-seed generator (SplitMix64) so the garbage is the same every run.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("random bytes and truncated JSON on every body-reading endpoint answer 400, never 500")
    func garbageBodies() async throws {
        let harness = try await Harness.make()
        try await harness.application().test(.router) { client in
            let auth = try await client.register("fuzz@b.c")
            let device = try await client.createDevice(token: auth.accessToken, name: "Cam")
            let endpoints: [(HTTPRequest.Method, String)] = [
                (.post, "/api/v1/auth/register"), (.post, "/api/v1/auth/login"), (.post, "/api/v1/auth/refresh"),
                (.post, "/api/v1/auth/logout"), (.post, "/api/v1/auth/password/forgot"), (.post, "/api/v1/auth/password/reset"),
                (.post, "/api/v1/devices"), (.patch, "/api/v1/devices/\(device.id.wireString)"), (.post, "/api/v1/sessions"),
            ]
            let valid = #"{"email":"a@b.c","password":"password123","name":"N","kind":"agent","capabilities":{"camera":true,"microphone":true}}"#
            var generator = SplitMix64(state: 42)
            var bodies: [[UInt8]] = (0..<12).map { _ in
                (0..<Int.random(in: 1...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            }
            bodies += (1..<valid.utf8.count).filter { $0 % 9 == 0 }.map { Array(valid.utf8.prefix($0)) }
            for (method, path) in endpoints {
                for body in bodies {
                    let response = try await client.execute(
                        uri: path, method: method,
                        headers: [.authorization: "Bearer \(auth.accessToken)", .contentType: "application/json"],
                        body: ByteBuffer(bytes: body))
                    #expect(response.status == .badRequest, "\(method) \(path) \(body.prefix(20))")
                    #expect(["malformed_json", "validation_failed"].contains(response.error?.code ?? ""), "\(method) \(path)")
                }
            }
            // The account still works after all that.
            #expect(try await client.send(.get, "/api/v1/devices/\(device.id.wireString)", token: auth.accessToken).status == .ok)
        }
    }
}
