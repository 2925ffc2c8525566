import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StreamzProtocol
@testable import StreamzServer

/// One server under test: in-memory (or file) storage, a recording hub, a
/// hand-moved clock and an outbox folder for mail.
struct Harness {
    let configuration: ServerConfiguration
    let storage: ServerStorage
    let hub: RecordingHub
    let clock: TestClock
    /// The outbox folder, `nil` when mail goes to the log only.
    let outbox: URL?
    let metrics = ServerMetrics()
    var hubCounters = HubCounters(devicesConnected: 2, viewersConnected: 3, signalsRelayed: 41, messagesRejected: 5)

    /// `outbox: true` mails to a fresh folder (remove it with `removeOutbox()`);
    /// otherwise mail goes to the log only.
    static func make(
        databasePath: String? = nil, clock: TestClock = TestClock(), outbox: Bool = false,
        configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> Harness {
        var configuration = ServerConfiguration()
        configuration.databasePath = databasePath
        configuration.bcryptCost = 4
        configuration.port = 0
        if outbox {
            configuration.mailOutbox = FileManager.default.temporaryDirectory
                .appendingPathComponent("streamz-outbox-\(UUID().wireString)").path
        }
        configure(&configuration)
        let storage = try await ServerStorage.open(configuration: configuration, now: clock.provider)
        return Harness(
            configuration: configuration, storage: storage, hub: RecordingHub(storage: storage, clock: clock), clock: clock,
            outbox: configuration.mailOutbox.map { URL(fileURLWithPath: $0) })
    }

    func application() throws -> some ApplicationProtocol {
        var logger = Logger(label: "streamz.test")
        logger.logLevel = .warning
        let counters = hubCounters
        let router = buildRouter(
            RouterDependencies(
                storage: storage, sessionControl: hub, deviceEvents: hub, hubCounters: { counters },
                configuration: configuration, mailer: try makeMailer(configuration: configuration, logger: logger),
                metrics: metrics, now: clock.provider, logger: logger))
        return try buildApplication(configuration: configuration, router: router, logger: logger)
    }

    func removeOutbox() {
        if let outbox { try? FileManager.default.removeItem(at: outbox) }
    }

    /// The mail files written so far, oldest first.
    func mails() throws -> [String] {
        guard let outbox, FileManager.default.fileExists(atPath: outbox.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
            .map { try String(contentsOf: outbox.appendingPathComponent($0), encoding: .utf8) }
    }
}

extension TestClientProtocol {
    /// Sends a request with an optional bearer token and raw JSON body.
    func send(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Sends an encodable body in the wire coding.
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, body: some Encodable) async throws -> TestResponse {
        let text = String(decoding: try WireJSON.encoder().encode(body), as: UTF8.self)
        return try await send(method, uri, token: token, json: text)
    }

    func register(_ email: String, password: String = "correct horse battery") async throws -> AuthResponse {
        let response = try await send(.post, "/api/v1/auth/register", body: CredentialsRequest(email: email, password: password))
        guard response.status == .created else { throw HarnessError.unexpected(response.status.code, response.text) }
        return try response.decode(AuthResponse.self)
    }

    func createDevice(
        token: String, name: String, camera: Bool = true, microphone: Bool = true
    ) async throws -> Device {
        let response = try await send(
            .post, "/api/v1/devices", token: token,
            body: CreateDeviceRequest(name: name, kind: .agent, platform: "linux", capabilities: Capabilities(camera: camera, microphone: microphone)))
        guard response.status == .created else { throw HarnessError.unexpected(response.status.code, response.text) }
        return try response.decode(DeviceResponse.self).device
    }
}

enum HarnessError: Error {
    case unexpected(Int, String)
}

extension TestResponse {
    var text: String { String(buffer: body) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try WireJSON.decoder().decode(T.self, from: Data(body.readableBytesView))
    }

    /// The `error` of a PROTOCOL.md §1 body.
    var error: ErrorBody.Detail? { (try? decode(ErrorBody.self))?.error }
}
