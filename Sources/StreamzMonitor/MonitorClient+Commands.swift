import Foundation
import StreamzClient
import StreamzProtocol
import StreamzTUI

// The reducer's commands, carried out one at a time.
extension MonitorClient {
    func perform(_ command: MonitorCommand) async {
        switch command {
        case .login(let server, let email, let password):
            await signIn(server: server, email: email, password: password, register: false)
        case .register(let server, let email, let password):
            await signIn(server: server, email: email, password: password, register: true)
        case .startSession(let deviceId, let type, let quality):
            await startSession(deviceId: deviceId, type: type, quality: quality)
        case .setQuality(let sessionId, let quality):
            await setQuality(sessionId: sessionId, quality: quality)
        case .endSession(let sessionId):
            await endSession(sessionId)
        case .renameDevice(let deviceId, let name):
            await rest("rename \(deviceId)") { api throws(StreamzAPIError) in
                let device = try await api.updateDevice(id: deviceId, UpdateDeviceRequest(name: name))
                self.output.send(.deviceUpdated(device))
            }
        case .removeDevice(let deviceId):
            await rest("remove \(deviceId)") { api throws(StreamzAPIError) in
                try await api.deleteDevice(id: deviceId)
                self.output.send(.deviceRemoved(deviceId))
            }
        case .quit:
            // The program calls `shutdown()` once the loop has returned.
            break
        }
    }

    /// `POST /auth/login` or `/auth/register`; the answer's refresh token is
    /// remembered for the server, and the viewer connection opens.
    private func signIn(server: String, email: String, password: String, register: Bool) async {
        let address: ServerAddress
        do {
            address = try ServerAddress(server)
        } catch {
            output.send(.authFailed(ErrorBody.Detail(code: "validation_failed", message: error.description, field: "server")))
            return
        }
        await signOutQuietly()
        let api = makeAPIClient(address)
        do {
            let user: User
            if register {
                user = try await api.register(email: email, password: password)
            } else {
                user = try await api.login(email: email, password: password)
            }
            logger.info("signed in as \(user.email) at \(address)")
            output.send(.signedIn(server: address.normalized, user: user))
            await connect(api)
        } catch {
            logger.info("sign-in refused at \(address): \(error.code ?? "no code"): \(error)")
            output.send(.authFailed(MonitorEventMapping.detail(for: error)))
        }
    }

    /// A new sign-in replaces the account without a "signed out" on screen.
    private func signOutQuietly() async {
        guard let current = account else { return }
        account = nil
        held.removeAll()
        await releaseOwnSessions()
        await current.signalling.stop()
    }

    /// `session.start` on the socket (so the session is bound to this
    /// viewer connection). The ack names the session; its media starts
    /// before any held push about it is handled.
    private func startSession(deviceId: UUID, type: SessionType, quality: Quality) async {
        guard let current = account else {
            output.send(.sessionStartFailed(deviceId: deviceId, MonitorEventMapping.detail(for: StreamzAPIError.notSignedIn)))
            return
        }
        startPending = true
        do {
            let ack = try await current.signalling.request(
                .sessionStart(.init(deviceId: deviceId, sessionType: type, quality: quality)))
            if let session = ack.session {
                logger.info("session \(session.id) started on \(deviceId): \(type.rawValue)/\(quality.rawValue)")
                ownSessions.insert(session.id)
                output.send(.sessionStarted(session))
                if let media = configuration.media {
                    await media.start(session: session, iceServers: account?.welcome?.iceServers ?? [],
                                      signalling: current.signalling, output: output)
                }
            } else {
                output.send(.sessionStartFailed(deviceId: deviceId, ErrorBody.Detail(
                    code: "unexpected_response", message: "The server acknowledged the start without naming a session.")))
            }
        } catch {
            logger.info("session start on \(deviceId) refused: \(error)")
            output.send(.sessionStartFailed(deviceId: deviceId, MonitorEventMapping.detail(for: error)))
        }
        // Pushes that came meanwhile, in their order; more may queue while
        // these are handled, so the flag stays up until none is left.
        while !held.isEmpty {
            await route(held.removeFirst())
        }
        startPending = false
    }

    /// `session.quality`: relayed to the device, which applies it live.
    private func setQuality(sessionId: UUID, quality: Quality) async {
        guard let current = account else { return }
        do {
            _ = try await current.signalling.request(.sessionQuality(SessionQualityChange(sessionId: sessionId, quality: quality)))
            logger.info("session \(sessionId) quality \(quality.rawValue)")
            await configuration.media?.qualityChanged(sessionId: sessionId, quality: quality)
        } catch {
            output.send(.error(MonitorEventMapping.detail(for: error)))
        }
    }

    /// `session.end`: the ack carries the ended session; its media stops.
    private func endSession(_ sessionId: UUID) async {
        guard let current = account else { return }
        do {
            let ack = try await current.signalling.request(.sessionEnd(.init(sessionId: sessionId)))
            logger.info("session \(sessionId) ended by the viewer")
            if let session = ack.session { output.send(.sessionUpdated(session)) }
            await release(sessionId)
        } catch {
            output.send(.error(MonitorEventMapping.detail(for: error)))
        }
    }

    /// A REST call of the signed-in account. A 401 after the API client's
    /// own refresh means the refresh token was refused: sign out.
    private func rest(_ what: String, _ call: (APIClient) async throws(StreamzAPIError) -> Void) async {
        guard let current = account else { return }
        do {
            try await call(current.api)
        } catch {
            logger.info("\(what) failed: \(error)")
            if Self.endsTheLogin(error) {
                guard account?.generation == current.generation else { return }
                await signOut(reason: "Signed out: \(error.description)")
            } else {
                output.send(.error(MonitorEventMapping.detail(for: error)))
            }
        }
    }

    /// A 401 on an authenticated call (the API client already refreshed
    /// once), or a session gone from the API client.
    static func endsTheLogin(_ error: StreamzAPIError) -> Bool {
        switch error {
        case .server(let answer): answer.status == 401
        case .notSignedIn: true
        default: false
        }
    }
}
