import Foundation
import StreamzProtocol

/// The hub's one watchdog task, shared by every connection: it sleeps until
/// the earliest deadline in `deadlines`, then closes a connection that sent
/// no `auth` in time (4408) and takes a device that fell silent offline.
///
/// WHY one task for the hub rather than one per connection: a sleeping task
/// per socket costs memory on every connected device, and the checks are
/// cheap enough to run together on the hub.
struct Watchdog {
    /// When the running watchdog task wakes; `nil` when none runs.
    var wake: ContinuousClock.Instant?
    var task: Task<Void, Never>?
    /// Tells the current task from one that was superseded while it woke.
    var generation = 0
}

extension Hub {
    /// Schedules a check of `connectionId` at `deadline`.
    func watch(_ connectionId: UUID, at deadline: ContinuousClock.Instant) {
        deadlines.insert(deadline, for: connectionId)
        if let wake = watchdog.wake, wake <= deadline { return }
        startWatchdog(until: deadline)
    }

    /// Nothing left to watch: the task stops and stale entries go.
    func stopWatchdog() {
        watchdog.task?.cancel()
        watchdog = Watchdog(generation: watchdog.generation + 1)
        deadlines.removeAll()
    }

    private func startWatchdog(until wake: ContinuousClock.Instant) {
        watchdog.task?.cancel()
        watchdog.generation += 1
        let generation = watchdog.generation
        watchdog.wake = wake
        watchdog.task = Task {
            do {
                try await Task.sleep(until: wake, clock: .continuous)
            } catch {
                return  // Superseded by an earlier deadline, or stopped.
            }
            await self.watchdogWoke(generation)
        }
    }

    private func watchdogWoke(_ generation: Int) async {
        guard generation == watchdog.generation else { return }
        watchdog.task = nil
        watchdog.wake = nil
        let now = ContinuousClock.now
        for entry in deadlines.removeDue(at: now) {
            await check(entry.connectionId, at: now)
        }
        if watchdog.task == nil, let next = deadlines.earliest {
            startWatchdog(until: next.deadline)
        }
    }

    /// What the connection's deadline means depends on where it stands:
    /// no first message yet is the auth timeout; a device is checked for
    /// 2.5 heartbeat intervals of silence (PROTOCOL.md §3 "Presence").
    private func check(_ connectionId: UUID, at now: ContinuousClock.Instant) async {
        guard let connection = registry.anyConnection(connectionId), !connection.isClosing else { return }
        guard connection.receivedFirstMessage else {
            connection.close(.timeout, reason: "No auth message within \(Int(configuration.authTimeout.seconds)) seconds.")
            return
        }
        guard let identity = connection.identity else {
            // `auth` arrived and is being verified.
            watch(connectionId, at: now + configuration.heartbeatInterval)
            return
        }
        guard identity.role == .device else { return }
        let deadline = connection.lastFrame + configuration.silenceTimeout
        if now >= deadline {
            await deviceFellSilent(connection)
        } else {
            watch(connectionId, at: deadline)
        }
    }
}
