import Foundation
import Logging
import StreamzClient
import StreamzProtocol

/// The monitor's media: each session it started gets a `ViewerSession` (our
/// WebRTC viewer peer) that answers the device's offer, and whatever it
/// decodes goes to the screen: frames to the video pane, 20 ms levels to the
/// audio meters, the last second's figures to the stats line.
public actor ViewerMediaSessions: MonitorMediaSessions {
    private let options: ViewerSession.Options
    /// Hands each session its signals and its end.
    private let router = ViewerSessionRouter()
    /// The sessions started here, each with the task forwarding its events to the screen.
    private var forwarders: [UUID: Task<Void, Never>] = [:]

    public init(options: ViewerSession.Options = ViewerSession.Options()) {
        self.options = options
    }

    public func start(session: Session, iceServers: [ICEServer], signalling: SignallingClient,
                      output: any MonitorEventReceiver) async {
        guard forwarders[session.id] == nil else { return }
        do {
            let viewer = try await ViewerSession(session: session, iceServers: iceServers, signalling: signalling, options: options)
            await router.attach(viewer)
            let logger = options.logger
            forwarders[session.id] = Task { await Self.forward(viewer.events, of: session.id, to: output, logger: logger) }
        } catch {
            // The sockets could not be opened: the session fails at once with
            // the reason, rather than waiting for the server's timeout.
            options.logger.error("session \(session.id): \(error.message)")
            try? await signalling.send(.sessionState(.init(sessionId: session.id, state: .failed, reason: error.reason)))
        }
    }

    public func signal(_ signal: SignalMessage) async {
        await router.route(.signal(signal))
    }

    /// The device applies a quality change itself (PROTOCOL.md §3); the
    /// viewer follows whatever size arrives.
    public func qualityChanged(sessionId: UUID, quality: Quality) async {}

    /// Called once the session ended (by either party), so nothing more is
    /// sent to the server: the peer is closed and the forwarding ends.
    public func stop(sessionId: UUID) async {
        guard let forwarder = forwarders.removeValue(forKey: sessionId) else { return }
        await router.route(.sessionEnded(.init(sessionId: sessionId, reason: "ended")))
        await router.detach(sessionId)
        await forwarder.value
    }

    private static func forward(_ events: AsyncStream<ViewerSessionEvent>, of sessionId: UUID,
                                to output: any MonitorEventReceiver, logger: Logger) async {
        for await event in events {
            switch event {
            case .videoFrame(let decoded):
                output.sendFrame(decoded.frame, sessionId: sessionId)
            case .audioLevel(let level):
                output.sendAudioLevel(rmsDb: level.rmsDBFS, peakDb: level.peakDBFS, sessionId: sessionId)
            case .stats(let stats):
                output.send(.sessionStats(sessionId: sessionId, stats.report))
            case .failed(let failure):
                // The viewer reported it as `session.state failed`; the server's
                // `session.ended` shows the reason in the panel.
                logger.info("session \(sessionId) failed: \(failure.reason)")
            case .state, .ended:
                // The server's `session.updated` and `session.ended` carry these to the panel.
                break
            }
        }
    }
}
