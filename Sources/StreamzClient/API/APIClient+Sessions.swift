import Foundation
import StreamzProtocol

// PROTOCOL.md §2 "Sessions".
extension APIClient {
    /// `POST /sessions`: `connectionId` is the viewer connection's id from
    /// `welcome`, which will receive the device's offer.
    public func createSession(_ request: CreateSessionRequest) async throws(StreamzAPIError) -> Session {
        let answer: SessionResponse = try await authorized("POST", "/sessions", body: request)
        return answer.session
    }

    /// `GET /sessions?deviceId=&state=&limit=`, newest first; `nil` filters are left out.
    public func sessions(deviceId: UUID? = nil, state: SessionState? = nil, limit: Int? = nil) async throws(StreamzAPIError) -> [Session] {
        var query: [String] = []
        if let deviceId { query.append("deviceId=\(deviceId.wireString)") }
        if let state { query.append("state=\(state.rawValue)") }
        if let limit { query.append("limit=\(limit)") }
        let path = "/sessions" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
        let answer: SessionListResponse = try await authorized("GET", path)
        return answer.sessions
    }

    /// `GET /sessions/{id}`.
    public func session(id: UUID) async throws(StreamzAPIError) -> Session {
        let answer: SessionResponse = try await authorized("GET", "/sessions/\(id.wireString)")
        return answer.session
    }

    /// `POST /sessions/{id}/end`.
    public func endSession(id: UUID, reason: String? = nil) async throws(StreamzAPIError) -> Session {
        let answer: SessionResponse = try await authorized(
            "POST", "/sessions/\(id.wireString)/end", body: EndSessionRequest(reason: reason))
        return answer.session
    }
}
