import StreamzRTC
import StreamzClient
import Testing

/// The reconnect schedule of PROTOCOL.md §3: 0.5 s doubling to 30 s, with jitter.
@Suite("Signalling: backoff policy")
struct SignallingBackoffTests {
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func ceilingsDoubleFromHalfASecondToThirtySeconds() {
        let policy = BackoffPolicy()
        let ceilings = (0..<9).map { Self.seconds(policy.ceiling(attempt: $0)) }
        #expect(ceilings == [0.5, 1, 2, 4, 8, 16, 30, 30, 30])
        #expect(policy.ceiling(attempt: 10_000) == .seconds(30))
        #expect(policy.ceiling(attempt: -3) == .milliseconds(500))
    }

    @Test func jitterSpansTheUpperHalfAndIsClamped() {
        let policy = BackoffPolicy()
        #expect(policy.delay(attempt: 3, unit: 0) == .seconds(2))
        #expect(policy.delay(attempt: 3, unit: 1) == .seconds(4))
        #expect(policy.delay(attempt: 3, unit: 0.5) == .seconds(3))
        #expect(policy.delay(attempt: 3, unit: -7) == .seconds(2))
        #expect(policy.delay(attempt: 3, unit: 9) == .seconds(4))
        #expect(policy.delay(attempt: 3, unit: .nan) == .seconds(2))
        #expect(policy.delay(attempt: 50, unit: 1) == .seconds(30))
    }

    @Test func seededJitterIsReproducibleAndWithinBounds() {
        let policy = BackoffPolicy()
        func schedule(seed: UInt64) -> [Duration] {
            var generator = SeededRandom(seed: seed)
            return (0..<12).map { policy.delay(attempt: $0, using: &generator) }
        }
        let first = schedule(seed: 42)
        #expect(first == schedule(seed: 42))
        #expect(first != schedule(seed: 43))
        for (attempt, delay) in first.enumerated() {
            let ceiling = policy.ceiling(attempt: attempt)
            #expect(delay >= ceiling / 2 && delay <= ceiling, "attempt \(attempt): \(delay) outside [\(ceiling / 2), \(ceiling)]")
        }
        // Jittered: the delays are not a fixed fraction of their ceilings.
        let fractions = first.enumerated().map { Self.seconds($0.element) / Self.seconds(policy.ceiling(attempt: $0.offset)) }
        #expect(Set(fractions).count > 1)

        // The delay is exactly ceiling/2 + u·ceiling/2 for the generator's u.
        var replay = SeededRandom(seed: 42)
        for (attempt, delay) in first.enumerated() {
            let unit = Double.random(in: 0...1, using: &replay)
            let ceiling = Self.seconds(policy.ceiling(attempt: attempt))
            #expect(abs(Self.seconds(delay) - (ceiling / 2 + unit * ceiling / 2)) < 1e-9)
        }
    }

    @Test func customPoliciesKeepTheirCap() {
        let policy = BackoffPolicy(initial: .milliseconds(100), maximum: .milliseconds(250), multiplier: 3)
        #expect((0..<4).map { policy.ceiling(attempt: $0) } == [.milliseconds(100), .milliseconds(250), .milliseconds(250), .milliseconds(250)])
    }
}
