import Foundation
import StreamzProtocol
import Testing
@testable import StreamzServer

@Suite("Hub: the one watchdog", .timeLimit(.minutes(1)))
struct HubWatchdogTests {
    @Test("the deadline queue hands out due entries earliest first and keeps the rest")
    func queueOrder() {
        let base = ContinuousClock.now
        let ids = (0..<64).map { _ in UUID() }
        var offsets = Array(0..<64)
        var generator = MalformedInputTests.SplitMix64(state: 7)
        offsets.shuffle(using: &generator)
        var queue = DeadlineQueue()
        for (id, offset) in zip(ids, offsets) {
            queue.insert(base + .seconds(offset), for: id)
        }
        #expect(queue.count == 64)
        let due = queue.removeDue(at: base + .seconds(31))
        #expect(due.map(\.deadline) == (0...31).map { base + .seconds($0) })
        #expect(queue.earliest?.deadline == base + .seconds(32))
        #expect(queue.removeDue(at: base + .seconds(31)).isEmpty)
        let rest = queue.removeDue(at: base + .seconds(1000))
        #expect(rest.map(\.deadline) == (32..<64).map { base + .seconds($0) })
        #expect(queue.isEmpty && queue.earliest == nil)
    }

    @Test("equal deadlines all come due, and removeAll empties the queue")
    func equalDeadlines() {
        let now = ContinuousClock.now
        var queue = DeadlineQueue()
        let ids = [UUID(), UUID(), UUID()]
        for id in ids { queue.insert(now, for: id) }
        #expect(Set(queue.removeDue(at: now).map(\.connectionId)) == Set(ids))
        queue.insert(now + .seconds(5), for: UUID())
        queue.removeAll()
        #expect(queue.isEmpty)
    }

    /// With a device online the watchdog sleeps until that device's silence
    /// deadline, far off; a newcomer's earlier auth deadline must wake it.
    @Test("a newcomer's auth deadline fires on time while the watchdog waits on a later device deadline")
    func earlierDeadlineWakesWatchdog() async throws {
        var configuration = LiveHub.fastConfiguration()
        configuration.heartbeatInterval = .seconds(20)
        let authTimeout = configuration.authTimeout
        try await LiveHub.run(configuration) { live in
            let device = await live.devices.add(owner: live.userA, name: "Porch")
            let (viewer, _, _) = try await live.viewer()
            let online = try await live.onlineDevice(device.id, seenBy: viewer)
            // Past the device's own auth deadline: the watchdog now waits for its silence (50 s).
            try await Task.sleep(for: authTimeout + .milliseconds(300))
            let started = ContinuousClock.now
            let silent = live.socket()
            #expect(try await silent.closeCode() == 4408)
            let waited = ContinuousClock.now - started
            #expect(waited < authTimeout + .seconds(3))
            #expect(await live.devices.stored(device.id)?.online == true)
            online.close()
        }
    }
}
