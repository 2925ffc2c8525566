import Foundation
import StreamzProtocol

extension SignallingClient {
    /// How one connection attempt ended.
    enum Outcome: Equatable {
        /// The server closed with this code (and reason).
        case closed(code: UInt16, reason: String?)
        /// The socket went without a close frame, or never opened.
        case lost(String)
    }

    /// Close codes after which a client must not reconnect (PROTOCOL.md §3).
    static let finalCloseCodes: Set<UInt16> = [4401, 4403, 4409, 4410]

    /// The connect–wait–retry loop. Each attempt gets an access token first
    /// (refreshed when near expiry); backoff grows with every attempt that
    /// did not reach `welcome` and starts over after one that did.
    func run() async {
        var attempt = 0
        while !stopping, !Task.isCancelled {
            enter(.connecting)
            var reachedWelcome = false
            do {
                let token = try await tokens.validAccessToken()
                let outcome = await connect(token: token, reachedWelcome: &reachedWelcome)
                if case .closed(let code, let reason) = outcome, Self.finalCloseCodes.contains(code) {
                    enter(.signedOut(.closed(code: code, reason: reason)))
                    return
                }
                logger.debug("Signalling connection ended", metadata: ["outcome": "\(outcome)"])
            } catch {
                guard Self.isTransient(error) else {
                    enter(.signedOut(.authentication(error)))
                    return
                }
                logger.debug("No access token for signalling yet", metadata: ["error": "\(error)"])
            }
            if stopping { return }
            if reachedWelcome { attempt = 0 }
            let delay = configuration.backoff.delay(attempt: attempt, using: &random)
            attempt += 1
            enter(.reconnecting(in: delay, attempt: attempt))
            do { try await Task.sleep(for: delay) } catch { return }
        }
    }

    /// Token failures worth retrying: the server could not be reached or
    /// failed itself. A refused or missing login is final.
    static func isTransient(_ error: StreamzAPIError) -> Bool {
        switch error {
        case .network, .unexpectedResponse: true
        case .server(let answer): answer.status >= 500 || answer.status == 429
        case .notSignedIn, .credentials: false
        }
    }
}
