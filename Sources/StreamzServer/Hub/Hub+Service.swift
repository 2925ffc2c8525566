import ServiceLifecycle
import StreamzProtocol

extension Hub: Service {
    /// Runs until graceful shutdown, then closes every socket with 1001.
    ///
    /// A ServiceGroup shuts services down in reverse order, so run the hub
    /// AFTER the application (`ServiceGroup(services: [app, hub])`): the hub's
    /// 1001 closes then go out before the HTTP server stops its connections.
    public func run() async throws {
        try? await gracefulShutdown()
        await shutdown()
    }

    /// Closes every connection with 1001 "going away" (newcomers get it at
    /// their `auth`), and waits (at most the close grace plus a second) for
    /// the sockets to go and for the resulting presence writes to reach the store.
    public func shutdown() async {
        isShuttingDown = true
        for connection in registry.all {
            connection.close(.goingAway, reason: "The server is shutting down.")
        }
        let limit = configuration.closeGrace + .seconds(1)
        let deadline = Task {
            try? await Task.sleep(for: limit)
            self.releaseDrainWaiters()
        }
        if !registry.isEmpty {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
        deadline.cancel()
        await presenceWritesSettled()
    }

    /// Resumes whoever waits for the sockets to drain.
    func releaseDrainWaiters() {
        for waiter in drainWaiters { waiter.resume() }
        drainWaiters.removeAll()
    }
}
