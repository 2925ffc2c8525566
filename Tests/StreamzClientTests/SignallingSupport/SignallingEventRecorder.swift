import Foundation
import StreamzClient
import StreamzProtocol

/// Collects a signalling client's events as they come, so a test can wait
/// (with a bound, never a fixed sleep) for the next one that matches.
actor SignallingEventRecorder {
    static let wait: Duration = .seconds(10)

    private var events: [SignallingEvent] = []
    private var cursor = 0
    private var finished = false
    private var waiter: CheckedContinuation<Void, Never>?

    init(_ client: SignallingClient) {
        let stream = client.events
        Task { [weak self] in
            for await event in stream { await self?.append(event) }
            await self?.finish()
        }
    }

    private func append(_ event: SignallingEvent) {
        events.append(event)
        wake()
    }

    private func finish() {
        finished = true
        wake()
    }

    private func wake() {
        waiter?.resume()
        waiter = nil
    }

    /// Everything recorded so far.
    var all: [SignallingEvent] { events }

    /// Whether the event stream has finished (the client is signed out).
    var isFinished: Bool { finished }

    /// The next event after the cursor that `match` accepts; events skipped on the way are passed.
    func next<T: Sendable>(within limit: Duration = wait, _ match: @Sendable (SignallingEvent) -> T?) async throws -> T {
        let deadline = ContinuousClock.now + limit
        while true {
            while cursor < events.count {
                let event = events[cursor]
                cursor += 1
                if let value = match(event) { return value }
            }
            if finished { throw TestFailure(description: "The events ended; seen: \(events)") }
            guard ContinuousClock.now < deadline else {
                throw TestFailure(description: "No matching event within \(limit); seen: \(events)")
            }
            let timer = Task { [weak self] in
                try? await Task.sleep(until: deadline)
                await self?.wake()
            }
            await withCheckedContinuation { waiter = $0 }
            timer.cancel()
        }
    }

    /// The next state change accepted by `match`.
    func state<T: Sendable>(within limit: Duration = wait, _ match: @Sendable @escaping (SignallingState) -> T?) async throws -> T {
        try await next(within: limit) { event in
            if case .state(let state) = event { return match(state) }
            return nil
        }
    }

    /// The next server message accepted by `match`.
    func message<T: Sendable>(within limit: Duration = wait, _ match: @Sendable @escaping (ServerMessage) -> T?) async throws -> T {
        try await next(within: limit) { event in
            if case .message(let message) = event { return match(message) }
            return nil
        }
    }

    /// Waits for `online` and gives its welcome.
    func online(within limit: Duration = wait) async throws -> ServerMessage.Welcome {
        try await state(within: limit) { state in
            if case .online(let welcome) = state { return welcome }
            return nil
        }
    }

    /// Waits for `signedOut` and gives its reason.
    func signedOut(within limit: Duration = wait) async throws -> SignedOutReason {
        try await state(within: limit) { state in
            if case .signedOut(let reason) = state { return reason }
            return nil
        }
    }
}
