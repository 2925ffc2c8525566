import Foundation
import HummingbirdWebSocket
import Logging
import StreamzProtocol

extension Hub {
    /// Serves one upgraded WebSocket until it closes: this task writes the
    /// connection's outbox while one child task feeds whole messages to the
    /// hub; the hub's one watchdog (Hub+Watchdog.swift) keeps the auth
    /// deadline and device silence.
    ///
    /// WHY a single child task rather than a reader, a writer and a watchdog
    /// each: every task lives as long as the socket, so each one is paid
    /// for on every connected device (DECISIONS.md, "Memory per connected device").
    nonisolated func serve(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        let connection = HubConnection(outboxCapacity: configuration.outboxCapacity)
        await admit(connection)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.read(connection, from: inbound) }
            // The socket is done when the reader sees the close (or an
            // error), which also ends the outbox; when a write fails; or when
            // the hub's close went out and the client's reply did not come
            // within the grace (RFC 6455 §7.1.1).
            if await write(connection, to: outbound) {
                group.addTask { try? await Task.sleep(for: self.configuration.closeGrace) }
                await group.next()
            }
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

    /// Writes the outbox until it ends, then the close the hub asked for.
    /// Returns whether that close went out, so the client's reply is awaited.
    private nonisolated func write(_ connection: HubConnection, to outbound: WebSocketOutboundWriter) async -> Bool {
        do {
            for await text in connection.outgoing {
                try await outbound.write(.text(text))
            }
            guard let close = connection.closeRequest else { return false }
            try await outbound.close(.init(codeNumber: Int(close.code.rawValue)), reason: close.reason)
            return true
        } catch {
            // The socket is gone: nothing left to write.
            return false
        }
    }

    /// Registers a new, not yet authenticated connection and gives it until
    /// the auth deadline. While shutting down it is still served, so its
    /// `auth` can be answered with 1001.
    private func admit(_ connection: HubConnection) {
        registry.addPending(connection)
        watch(connection.id, at: ContinuousClock.now + configuration.authTimeout)
    }

    /// The socket is gone: the device goes offline at once and every session
    /// the connection was a party to ends with `peer_disconnected`.
    func connectionClosed(_ connection: HubConnection) async {
        connection.finish()
        await forget(connection, sessionReason: "peer_disconnected")
        if registry.isEmpty {
            stopWatchdog()
            releaseDrainWaiters()
        }
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
    func deviceFellSilent(_ connection: HubConnection) async {
        let silence = configuration.silenceTimeout.seconds
        connection.close(.timeout, reason: "No heartbeat for \(silence) seconds.")
        await forget(connection, sessionReason: "peer_disconnected")
    }
}
