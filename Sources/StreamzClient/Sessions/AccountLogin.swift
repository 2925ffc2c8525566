import Foundation
import StreamzProtocol

/// How a headless program (`streamz device`, `streamz watch`, the demo) signs in.
public struct AccountLogin: Sendable {
    public var email: String
    public var password: String
    /// Create the account first when it does not exist (`streamz device --register`).
    public var register: Bool

    public init(email: String, password: String, register: Bool = false) {
        self.email = email
        self.password = password
        self.register = register
    }

    /// Signs `api` in. With `register`, a new account is created; an existing one (`email_taken`)
    /// is logged in to instead, so the same command works on the first and every later start.
    public func signIn(_ api: APIClient) async throws(StreamzAPIError) {
        if register {
            do {
                try await api.register(email: email, password: password)
                return
            } catch let error where error.code == ServerErrorCode.emailTaken {
                // The account exists: fall through to a login with the same password.
            }
        }
        try await api.login(email: email, password: password)
    }
}

extension APIClient {
    /// The account's device called `name`, created as an agent with `capabilities` when missing,
    /// and updated when its capabilities differ (the same name run with other sources).
    public func ensureAgentDevice(named name: String, capabilities: Capabilities) async throws(StreamzAPIError) -> Device {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if let existing = try await devices().first(where: { $0.name == trimmed }) {
            guard existing.capabilities != capabilities else { return existing }
            return try await updateDevice(id: existing.id, UpdateDeviceRequest(capabilities: capabilities))
        }
        return try await createDevice(
            CreateDeviceRequest(name: trimmed, kind: .agent, platform: Self.platformName, capabilities: capabilities))
    }

    /// The account's device named `nameOrID`: an id (any case) or an exact name.
    public func findDevice(_ nameOrID: String) async throws(StreamzAPIError) -> Device? {
        let all = try await devices()
        if let id = UUID(uuidString: nameOrID), let device = all.first(where: { $0.id == id }) { return device }
        return all.first { $0.name == nameOrID.trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    static var platformName: String {
        #if os(Linux)
        "linux"
        #elseif os(macOS)
        "macos"
        #else
        "unknown"
        #endif
    }
}

extension AccountLogin {
    /// Signs in for a headless command that may run many times (`streamz watch` in a script):
    /// the login remembered for this server is resumed when it is this `email`'s, so no password
    /// is needed and the server's login rate limit is not spent; otherwise `password()` is asked
    /// for and the new login remembered, unless another account's login is remembered there (a
    /// headless run never signs the monitor out of its account).
    /// - Returns: the signed-in client.
    public static func signIn(server: ServerAddress, email: String, store: CredentialStore?,
                              password: () throws -> String) async throws -> APIClient {
        let remembered = try? store?.load(server: server)
        let sameAccount = remembered?.email?.lowercased() == email.trimmingCharacters(in: .whitespaces).lowercased()
        let api = APIClient(server: server, credentials: remembered == nil || sameAccount ? store : nil)
        if sameAccount, (try? await api.resume()) != nil { return api }
        try await AccountLogin(email: email, password: try password()).signIn(api)
        return api
    }
}
