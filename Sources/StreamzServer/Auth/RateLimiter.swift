import Foundation
import Synchronization

/// A sliding-window limit on attempts per key (a client address, an email).
/// Every attempt counts, successful or not, as PROTOCOL.md §2 asks
/// ("10 attempts a minute").
public final class RateLimiter: Sendable {
    public let limit: Int
    public let window: TimeInterval
    private let attempts = Mutex<[String: [Date]]>([:])
    /// Above this many keys, keys with no attempt inside the window are dropped.
    private let pruneThreshold = 10_000

    public init(limit: Int = 10, window: TimeInterval = 60) {
        self.limit = limit
        self.window = window
    }

    /// Records an attempt under every key; throws `rate_limited` (with the
    /// seconds until the oldest attempt leaves the window) if any key is over.
    func attempt(keys: [String], at now: Date) throws {
        let retryAfter: Int? = attempts.withLock { table in
            if table.count > pruneThreshold {
                table = table.filter { $0.value.last.map { now.timeIntervalSince($0) < window } ?? false }
            }
            var wait: TimeInterval = 0
            for key in keys {
                let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < window }
                if recent.count >= limit, let oldest = recent.first {
                    wait = max(wait, window - now.timeIntervalSince(oldest))
                }
                table[key] = recent
            }
            guard wait == 0 else { return max(1, Int(wait.rounded(.up))) }
            for key in keys { table[key, default: []].append(now) }
            return nil
        }
        if let retryAfter { throw APIError.rateLimited(retryAfter: retryAfter) }
    }
}
