import Foundation
import HummingbirdWebSocket
import Logging
import StreamzProtocol

extension Hub {
    /// Serves one upgraded WebSocket until it closes: a reader feeding whole
    /// messages to the hub, a writer draining the connection's outbox, and a
    /// watchdog for the auth deadline and device silence.
    nonisolated func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let connection = HubConnection(outboxCapacity: configuration.outboxCapacity)
        await admit(connection)
        enum Part { case reader, writer, watchdog }
        await withTaskGroup(of: Part.self) { group in
            group.addTask { await self.write(connection, to: outbound); return .writer }
            group.addTask { await self.read(connection, from: inbound); return .reader }
            group.addTask { await self.watch(connection); return .watchdog }
            // The socket is done when the reader sees the close (or an error)
            // or the writer has sent the hub's close and waited out the grace.
            for await part in group where part != .watchdog { break }
            group.cancelAll()
        }
        await connectionClosed(connection)
    }

    private nonisolated func read(_ connection: HubConnection, from inbound: WebSocketInboundStream) async {
        var assembler = MessageAssembler(limit: configuration.maxMessageBytes)
        do {
            for try await frame in inbound {
                connection.touch()
                // After the hub asked to close, frames are drained unread
                // until the client's close reply ends the stream.
                guard !connection.isClosing else { continue }
                switch assembler.append(frame) {
                case .incomplete:
                    continue
                case .message(let text):
                    connection.markFirstMessage()
                    await receive(text, from: connection)
                case .violation(let reason):
                    await reject(connection, reason: reason)
                }
            }
        } catch {
            logger.debug("WebSocket read ended", metadata: ["error": "\(error)"])
        }
        connection.finish()
    }

    private nonisolated func write(_ connection: HubConnection, to outbound: WebSocketOutboundWriter) async {
        do {
            for await text in connection.outgoing {
                try await outbound.write(.text(text))
            }
            guard let close = connection.closeRequest else { return }
            try await outbound.close(.init(codeNumber: Int(close.code.rawValue)), reason: close.reason)
            try await Task.sleep(for: configuration.closeGrace)
        } catch {
            // The socket is gone or the reader finished first: nothing left to write.
        }
    }

    /// Closes a connection that sends no `auth` in time (4408), then watches
    /// a device's silence: 2.5 heartbeat intervals without a frame is offline.
    private nonisolated func watch(_ connection: HubConnection) async {
        do {
            try await Task.sleep(for: configuration.authTimeout)
            if !connection.receivedFirstMessage {
                connection.close(.timeout, reason: "No auth message within \(Int(configuration.authTimeout.seconds)) seconds.")
                return
            }
            while true {
                guard let identity = connection.identity else {
                    // `auth` arrived and is being verified.
                    try await Task.sleep(for: configuration.heartbeatInterval)
                    continue
                }
                guard identity.role == .device else { return }
                let deadline = connection.lastFrame + configuration.silenceTimeout
                if ContinuousClock.now >= deadline {
                    await deviceFellSilent(connection)
                    return
                }
                try await Task.sleep(until: deadline, clock: .continuous)
            }
        } catch {
            // Cancelled: the connection closed.
        }
    }

    /// Registers a new, not yet authenticated connection. While shutting
    /// down it is still served, so its `auth` can be answered with 1001.
    private func admit(_ connection: HubConnection) {
        registry.addPending(connection)
    }

    /// The socket is gone: the device goes offline at once and every session
    /// the connection was a party to ends with `peer_disconnected`.
    func connectionClosed(_ connection: HubConnection) async {
        connection.finish()
        await forget(connection, sessionReason: "peer_disconnected")
        if registry.isEmpty { releaseDrainWaiters() }
    }

    /// Removes a connection from the tables, marks its device offline if it
    /// was the device's current connection, and ends its sessions.
    func forget(_ connection: HubConnection, sessionReason: String, markOffline: Bool = true) async {
        guard let removal = registry.remove(connection.id) else { return }
        if markOffline, removal.wasCurrentDevice, let deviceId = removal.identity.deviceId {
            recordPresence(deviceId: deviceId, ownerId: removal.identity.userId, online: false, at: connection.lastFrameAt)
        }
        await endSessions(involving: connection.id, reason: sessionReason)
    }

    /// No frame from a device for 2.5 heartbeat intervals: offline now, and
    /// the half-dead socket is closed so the device reconnects if it is alive.
    private func deviceFellSilent(_ connection: HubConnection) async {
        let silence = configuration.silenceTimeout.seconds
        connection.close(.timeout, reason: "No heartbeat for \(silence) seconds.")
        await forget(connection, sessionReason: "peer_disconnected")
    }
}
