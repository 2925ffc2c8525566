/// A queue a test awaits with a bound: `take` returns the next item, or nil
/// when the mailbox is closed or nothing arrives in time.
actor Mailbox<Item: Sendable> {
    private var items: [Item] = []
    private var closed = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Item?, Never>)?
    private var nextWaiterId = 0

    var isClosed: Bool { closed && items.isEmpty }

    func put(_ item: Item) {
        if let waiter {
            self.waiter = nil
            waiter.continuation.resume(returning: item)
        } else {
            items.append(item)
        }
    }

    func close() {
        closed = true
        waiter?.continuation.resume(returning: nil)
        waiter = nil
    }

    func take(within timeout: Duration) async -> Item? {
        if !items.isEmpty { return items.removeFirst() }
        if closed { return nil }
        nextWaiterId += 1
        let id = nextWaiterId
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            self.expire(id)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { waiter = (id, $0) }
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.continuation.resume(returning: nil)
    }
}
