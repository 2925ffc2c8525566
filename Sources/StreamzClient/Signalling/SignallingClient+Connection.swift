import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import StreamzProtocol

extension SignallingClient {
    /// What the writer of the open socket is asked to do.
    enum Outgoing: Sendable {
        case text(String)
        /// Close with 1000 (the client is stopping).
        case close
    }

    /// The open connection: its writer's queue, and a number so callbacks
    /// from a connection that has since ended are ignored.
    struct Link {
        var generation: Int
        var outgoing: AsyncStream<Outgoing>.Continuation
        var welcomed = false
    }

    /// One connection: open the socket, send `auth`, read until it closes.
    func connect(token: String, reachedWelcome: inout Bool) async -> Outcome {
        let auth: String
        do {
            auth = try Self.encode(
                ClientEnvelope(.auth(.init(token: token, role: role.connectionRole, deviceId: role.deviceId))))
        } catch {
            return .lost("\(error)")
        }
        lastGeneration += 1
        let generation = lastGeneration
        let (outgoing, sink) = AsyncStream.makeStream(of: Outgoing.self)
        link = Link(generation: generation, outgoing: sink)
        defer { detach(generation: generation) }

        let settings = configuration
        do {
            let close = try await WebSocketClient.connect(
                url: server.webSocketURL,
                configuration: .init(maxFrameSize: settings.maxMessageBytes),
                logger: logger
            ) { inbound, outbound, _ in
                try await outbound.write(.text(auth))
                try await self.pump(
                    inbound: inbound, outbound: outbound, outgoing: outgoing, generation: generation, settings: settings)
            }
            reachedWelcome = link?.welcomed ?? false
            guard let close else { return .lost("closed without a close frame") }
            return .closed(code: UInt16(webSocketErrorCode: close.closeCode), reason: close.reason)
        } catch {
            reachedWelcome = link?.welcomed ?? false
            return .lost("\(error)")
        }
    }

    /// Reads server messages and writes queued ones until the server closes;
    /// gives the connection up if `welcome` does not come in time.
    private nonisolated func pump(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, outgoing: AsyncStream<Outgoing>,
        generation: Int, settings: Configuration
    ) async throws {
        enum Part { case reader, writer, watchdog }
        try await withThrowingTaskGroup(of: Part.self) { group in
            group.addTask {
                for try await message in inbound.messages(maxSize: settings.maxMessageBytes) {
                    if case .text(let text) = message { await self.receive(text, generation: generation) }
                }
                return .reader
            }
            // The writer and the watchdog never throw: a write that fails
            // because the server is closing must not hide the close code the
            // reader is about to receive.
            group.addTask {
                do {
                    for await command in outgoing {
                        switch command {
                        case .text(let text): try await outbound.write(.text(text))
                        case .close: try await outbound.close(.normalClosure, reason: nil)
                        }
                    }
                } catch {}
                return .writer
            }
            group.addTask {
                do {
                    try await Task.sleep(for: settings.welcomeTimeout)
                    if await !self.isWelcomed(generation: generation) {
                        try await outbound.close(.goingAway, reason: "No welcome within \(settings.welcomeTimeout).")
                    }
                } catch {}
                return .watchdog
            }
            // Only the reader's end means the socket is done: the server's
            // close (or our close echoed back) ends the inbound stream.
            while let part = try await group.next() {
                if part == .reader { break }
            }
            group.cancelAll()
        }
    }

    func isWelcomed(generation: Int) -> Bool {
        guard let link, link.generation == generation else { return true }
        return link.welcomed
    }

    /// The connection has ended: answers to pending requests will not come.
    private func detach(generation: Int) {
        guard let current = link, current.generation == generation else { return }
        current.outgoing.finish()
        heartbeat?.cancel()
        heartbeat = nil
        failPendingRequests(with: .disconnected)
        link = nil
    }

    /// One text frame from the server. A frame that is not a contract
    /// message is logged and skipped: a newer server may send types this
    /// client does not know yet.
    func receive(_ text: String, generation: Int) {
        guard var current = link, current.generation == generation else { return }
        let message: ServerMessage
        do {
            message = try ServerMessage.decode(text)
        } catch {
            logger.warning("Ignoring a server message", metadata: ["error": "\(error)"])
            return
        }
        switch message {
        case .welcome(let welcome):
            current.welcomed = true
            link = current
            enter(.online(welcome))
            if case .device = role { startHeartbeat(every: welcome.heartbeatInterval, generation: generation) }
            emit(message)
        case .ack(let ack):
            if !answer(ack.replyTo, with: .success(ack)) { emit(message) }
        case .error(let report):
            if let replyTo = report.replyTo,
                answer(replyTo, with: .failure(.server(code: report.code, message: report.message)))
            {
                return
            }
            emit(message)
        default:
            emit(message)
        }
    }

    /// A device heartbeats every `interval` seconds (PROTOCOL.md §3
    /// "Presence"); the server counts it offline after 2.5 silent intervals.
    private func startHeartbeat(every interval: Double, generation: Int) {
        heartbeat?.cancel()
        let period = Duration.seconds(max(0.05, interval))
        heartbeat = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: period) } catch { return }
                self.sendHeartbeat(generation: generation)
            }
        }
    }

    private func sendHeartbeat(generation: Int) {
        guard let link, link.generation == generation else { return }
        try? send(.heartbeat(.init()))
    }
}

extension SignallingClient.Role {
    var connectionRole: ConnectionRole {
        switch self {
        case .viewer: .viewer
        case .device: .device
        }
    }

    var deviceId: UUID? {
        if case .device(let id) = self { return id }
        return nil
    }
}
