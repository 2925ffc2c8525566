import Foundation

/// The connections' next watchdog checks, earliest first: a binary min-heap
/// of (deadline, connection id), so one hub-wide task can sleep until the
/// earliest instead of one sleeping task per connection.
///
/// Entries are not removed when a connection closes; the watchdog drops an
/// entry whose connection is gone when it comes due.
struct DeadlineQueue {
    struct Entry {
        let deadline: ContinuousClock.Instant
        let connectionId: UUID
    }

    private var heap: [Entry] = []

    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var earliest: Entry? { heap.first }

    mutating func insert(_ deadline: ContinuousClock.Instant, for connectionId: UUID) {
        heap.append(Entry(deadline: deadline, connectionId: connectionId))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns every entry due at `now`, earliest first.
    mutating func removeDue(at now: ContinuousClock.Instant) -> [Entry] {
        var due: [Entry] = []
        while let first = heap.first, first.deadline <= now {
            due.append(first)
            removeEarliest()
        }
        return due
    }

    mutating func removeAll() {
        heap.removeAll()
    }

    private mutating func removeEarliest() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
