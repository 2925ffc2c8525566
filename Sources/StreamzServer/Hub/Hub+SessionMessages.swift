import Foundation
import StreamzProtocol

extension Hub {
    /// `session.start` from a viewer: `ack {replyTo, session}` to the viewer,
    /// then `session.request` to the device.
    func startSession(_ start: ClientMessage.SessionStart, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        guard identity.role == .viewer else {
            reply(APIError(status: 403, code: "forbidden", message: "Only a viewer connection can start a session."), to: requestId, on: connection)
            return
        }
        do {
            let opened = try await openSession(
                ownerId: identity.userId, deviceId: start.deviceId, type: start.sessionType, quality: start.quality, viewer: connection)
            acknowledge(requestId, on: connection, session: opened.session)
            requestDevice(for: opened.session, iceServers: opened.iceServers)
        } catch {
            reply(apiError(error, during: "starting a session"), to: requestId, on: connection)
        }
    }

    /// `signal`: relayed to the other party as the original text, unchanged,
    /// and to nobody else (PROTOCOL.md §3).
    func relay(_ signal: SignalMessage, text: String, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        do {
            let (entry, party) = try await self.party(in: signal.sessionId, for: connection, identity: identity)
            registry.connection(entry.other(than: party))?.send(text)
            signalsRelayed += 1
            acknowledge(requestId, on: connection)
        } catch {
            reply(apiError(error, during: "relaying a signal"), to: requestId, on: connection)
        }
    }

    /// `session.state`: `connecting`/`connected` are recorded; `failed` ends
    /// the session with its reason and tells both parties.
    func reportState(_ report: ClientMessage.SessionStateReport, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        do {
            _ = try await party(in: report.sessionId, for: connection, identity: identity)
            if report.state == .failed {
                let stored = try await finish(report.sessionId, as: .failed, reason: report.reason ?? "failed")
                acknowledge(requestId, on: connection, session: stored)
                return
            }
            if report.state == .connecting, let entry = live[report.sessionId], entry.session.state == .connected {
                // The parties report independently; a late `connecting` must
                // not move a connected session back.
                acknowledge(requestId, on: connection, session: entry.session)
                return
            }
            if report.state == .connected, var entry = live[report.sessionId] {
                // Stop the connect timeout before the store call lets it fire.
                entry.timeout?.cancel()
                entry.timeout = nil
                entry.session.state = .connected
                live[report.sessionId] = entry
            }
            let stored = try await sessions.transition(sessionId: report.sessionId, to: report.state, reason: report.reason, at: Date())
            if let stored, var entry = live[report.sessionId] {
                entry.session = stored
                live[report.sessionId] = entry
                sendToViewers(of: entry.ownerId, .sessionUpdated(stored))
            }
            acknowledge(requestId, on: connection, session: stored)
        } catch {
            reply(apiError(error, during: "recording a session state"), to: requestId, on: connection)
        }
    }

    /// `session.stats`: the viewer's report is stored as `stats`, the
    /// device's as `senderStats`; the owner's viewers hear of it at most once
    /// per `statsInterval`, always with the latest copy.
    func recordStats(_ report: ClientMessage.SessionStatsReport, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        do {
            let (_, party) = try await self.party(in: report.sessionId, for: connection, identity: identity)
            let stored = try await sessions.recordStats(sessionId: report.sessionId, stats: report.stats, fromDevice: party == .device)
            if let stored, var entry = live[report.sessionId] {
                entry.session = stored
                live[report.sessionId] = entry
                publishThrottled(report.sessionId)
            }
            acknowledge(requestId, on: connection)
        } catch {
            reply(apiError(error, during: "storing session stats"), to: requestId, on: connection)
        }
    }

    private func publishThrottled(_ sessionId: UUID) {
        guard var entry = live[sessionId], entry.pendingUpdate == nil else { return }
        let now = ContinuousClock.now
        if let last = entry.lastUpdateSent, now < last + configuration.statsInterval {
            // One deferred send carries whatever is latest when it fires.
            entry.pendingUpdate = Task { [due = last + configuration.statsInterval] in
                do { try await Task.sleep(until: due, clock: .continuous) } catch { return }
                self.publishPendingUpdate(sessionId)
            }
        } else {
            entry.lastUpdateSent = now
            sendToViewers(of: entry.ownerId, .sessionUpdated(entry.session))
        }
        live[sessionId] = entry
    }

    private func publishPendingUpdate(_ sessionId: UUID) {
        guard var entry = live[sessionId] else { return }
        entry.pendingUpdate = nil
        entry.lastUpdateSent = .now
        live[sessionId] = entry
        sendToViewers(of: entry.ownerId, .sessionUpdated(entry.session))
    }

    /// `session.quality` from the viewer, relayed to the device.
    func changeQuality(_ change: SessionQualityChange, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        do {
            let (entry, party) = try await self.party(in: change.sessionId, for: connection, identity: identity)
            guard party == .viewer else {
                throw APIError(status: 403, code: "forbidden", message: "Only the session's viewer changes its quality.")
            }
            send(.sessionQuality(change), toConnection: entry.deviceConnection)
            acknowledge(requestId, on: connection)
        } catch {
            reply(apiError(error, during: "changing quality"), to: requestId, on: connection)
        }
    }

    /// `session.end` from either party: `session.ended` to both.
    func endSession(_ end: ClientMessage.SessionEnd, from connection: HubConnection, identity: HubConnection.Identity, requestId: String?) async {
        do {
            _ = try await party(in: end.sessionId, for: connection, identity: identity)
            let stored = try await finish(end.sessionId, as: .ended, reason: end.reason ?? "ended")
            acknowledge(requestId, on: connection, session: stored)
        } catch {
            reply(apiError(error, during: "ending a session"), to: requestId, on: connection)
        }
    }
}
