import Foundation
import StreamzProtocol

extension SignallingClient {
    /// A request waiting for its `ack` or `error` (matched by `replyTo`).
    struct PendingRequest {
        var continuation: CheckedContinuation<ServerMessage.Ack, any Error>
        var timer: Task<Void, Never>
    }

    /// Sends `message` with a fresh `id` and waits for the server's direct
    /// answer: its `ack` (with the session for `session.start`), or its
    /// `error` thrown as `SignallingError.server(code:message:)`.
    public func request(_ message: ClientMessage, timeout: Duration? = nil) async throws(SignallingError) -> ServerMessage.Ack {
        guard let link, case .online = state else { throw .notConnected }
        requestCounter += 1
        let id = "r\(requestCounter)"
        let text = try Self.encode(ClientEnvelope(id: id, message))
        let limit = timeout ?? configuration.requestTimeout
        do {
            return try await withCheckedThrowingContinuation { continuation in
                let timer = Task.detached {
                    do { try await Task.sleep(for: limit) } catch { return }
                    _ = await self.answer(id, with: .failure(.timedOut))
                }
                pending[id] = PendingRequest(continuation: continuation, timer: timer)
                link.outgoing.yield(.text(text))
            }
        } catch let error as SignallingError {
            throw error
        } catch {
            throw .disconnected
        }
    }

    /// Completes the request `id`; `false` if no such request is waiting.
    func answer(_ id: String, with result: Result<ServerMessage.Ack, SignallingError>) -> Bool {
        guard let request = pending.removeValue(forKey: id) else { return false }
        request.timer.cancel()
        request.continuation.resume(with: result.mapError { $0 as any Error })
        return true
    }

    func failPendingRequests(with error: SignallingError) {
        let waiting = pending
        pending.removeAll()
        for request in waiting.values {
            request.timer.cancel()
            request.continuation.resume(throwing: error)
        }
    }
}
