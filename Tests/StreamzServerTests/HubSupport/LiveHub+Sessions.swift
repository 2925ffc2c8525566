import Foundation
import StreamzProtocol
import Testing

/// A started session: the viewer has its `ack`, the device its `session.request`.
struct StartedSession {
    let session: Session
    let request: ServerMessage.SessionRequest
}

extension LiveHub {
    /// Sends `session.start` and waits for the viewer's ack and the device's request.
    func start(
        on deviceId: UUID, viewer: TestSocket, device: TestSocket, type: SessionType = .both, quality: Quality = .medium
    ) async throws -> StartedSession {
        let requestId = UUID().uuidString
        try viewer.send(.sessionStart(.init(deviceId: deviceId, sessionType: type, quality: quality)), id: requestId)
        let session = try await viewer.next { message -> Session? in
            if case .ack(let ack) = message, ack.replyTo == requestId { return ack.session }
            if case .error(let error) = message { Issue.record("session.start failed: \(error.code) \(error.message)") }
            return nil
        }
        let request = try await device.next { message -> ServerMessage.SessionRequest? in
            if case .sessionRequest(let request) = message { return request }
            return nil
        }
        return StartedSession(session: session, request: request)
    }

    /// The next `session.ended` a party receives.
    static func ended(on socket: TestSocket) async throws -> ServerMessage.SessionEnded {
        try await socket.next { message in
            if case .sessionEnded(let ended) = message { return ended }
            return nil
        }
    }

    /// The next `error` a socket receives.
    static func error(on socket: TestSocket) async throws -> ServerMessage.ErrorReport {
        try await socket.next { message in
            if case .error(let error) = message { return error }
            return nil
        }
    }
}
