import Foundation
import Synchronization

/// A clock tests move by hand, so expiry and rate windows need no sleeps.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    var provider: @Sendable () -> Date { { [self] in self.now } }
}
