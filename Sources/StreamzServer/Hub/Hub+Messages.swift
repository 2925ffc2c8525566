import Foundation
import StreamzProtocol

extension Hub {
    /// One whole text message from a connection, in arrival order (the reader
    /// awaits each before reading the next).
    func receive(_ text: String, from connection: HubConnection) async {
        let envelope: ClientEnvelope
        do {
            envelope = try ClientEnvelope.decode(text)
        } catch {
            refuse(text, from: connection, because: error)
            return
        }
        guard let identity = connection.identity else {
            guard case .auth(let auth) = envelope.message else {
                connection.close(.unauthorized, reason: "The first message must be auth.")
                return
            }
            await authenticate(connection, with: auth)
            return
        }
        await dispatch(envelope, text: text, from: connection, identity: identity)
    }

    /// An unknown `type` from an authenticated client is answered with an
    /// `error` (a newer client may know more types); anything else that is
    /// not a contract message closes the socket with 4400.
    private func refuse(_ text: String, from connection: HubConnection, because error: WSMessageError) {
        if case .unknownType = error, connection.identity != nil {
            reply(.validation("type", error.description), to: requestId(in: text), on: connection)
        } else {
            reject(connection, reason: error.description)
        }
    }

    /// The `id` of a message that could not be decoded, to echo in `error`.
    private func requestId(in text: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return nil }
        return object["id"] as? String
    }

    private func dispatch(_ envelope: ClientEnvelope, text: String, from connection: HubConnection, identity: HubConnection.Identity) async {
        let requestId = envelope.id
        switch envelope.message {
        case .auth:
            reply(.validation("type", "This connection is already authenticated."), to: requestId, on: connection)
        case .heartbeat(let heartbeat):
            await self.heartbeat(heartbeat, from: connection, identity: identity, requestId: requestId)
        case .sessionStart(let start):
            await startSession(start, from: connection, identity: identity, requestId: requestId)
        case .signal(let signal):
            await relay(signal, text: text, from: connection, identity: identity, requestId: requestId)
        case .sessionState(let report):
            await reportState(report, from: connection, identity: identity, requestId: requestId)
        case .sessionStats(let report):
            await recordStats(report, from: connection, identity: identity, requestId: requestId)
        case .sessionQuality(let change):
            await changeQuality(change, from: connection, identity: identity, requestId: requestId)
        case .sessionEnd(let end):
            await endSession(end, from: connection, identity: identity, requestId: requestId)
        }
    }
}
