import Foundation
import Logging
import StreamzClient
import StreamzProtocol

/// One `streamz watch`: sign in, find the device, connect as a viewer, start the session, print
/// what the `ViewerSession` reports, end after `duration` of connected time.
struct WatchRun: Sendable {
    var address: ServerAddress
    var email: String
    /// Asked only when no login for `email` is remembered.
    var password: @Sendable () throws -> String
    var credentials: CredentialStore?
    var deviceName: String
    var type: SessionType
    var quality: Quality
    var duration: Duration?
    var json: Bool
    var peer: SessionPeerOptions

    /// How long to wait for the signalling connection's `welcome`.
    static let onlineTimeout: Duration = .seconds(15)

    /// Returns true when the session ran and ended normally.
    func run() async -> Bool {
        var report = WatchReport()
        let api: APIClient
        let device: Device
        do {
            api = try await AccountLogin.signIn(server: address, email: email, store: credentials, password: password)
            guard let found = try await api.findDevice(deviceName) else {
                return finish(report, failure: SessionFailure(code: "not_found", message: "This account has no device named \"\(deviceName)\"."))
            }
            device = found
        } catch let error as StreamzAPIError {
            return finish(report, failure: SessionFailure(error))
        } catch {
            return finish(report, failure: SessionFailure(code: "unauthorized", message: "\(error)"))
        }

        let signalling = SignallingClient(server: address, role: .viewer, tokens: api)
        let router = ViewerSessionRouter()
        let (online, onlineSink) = AsyncStream.makeStream(of: SessionFailure?.self)
        let follower = Task {
            for await event in signalling.events {
                switch event {
                case .state(.online): onlineSink.yield(nil)
                case .state(.reconnecting): await router.connectionLost()
                case .state(.signedOut(let reason)):
                    onlineSink.yield(SessionFailure(code: "unauthorized", message: "Signed out by the server: \(reason)"))
                    await router.connectionLost()
                case .message(let message): await router.route(message)
                case .state: break
                }
            }
            onlineSink.finish()
        }
        defer { follower.cancel() }
        await signalling.start()
        if let failure = await Self.firstOnline(online) {
            await signalling.stop()
            return finish(report, failure: failure)
        }

        let viewer: ViewerSession
        do {
            viewer = try await ViewerSession.start(
                deviceId: device.id, type: type, quality: quality, on: signalling,
                options: ViewerSession.Options(peer: peer))
        } catch {
            await signalling.stop()
            return finish(report, failure: error)
        }
        report.sessionId = viewer.id
        await router.attach(viewer)
        let signals = TerminationSignals { Task { await viewer.stop() } }
        defer { signals.cancel() }

        var failure: SessionFailure?
        var stopper: Task<Void, Never>?
        for await event in viewer.events {
            switch event {
            case .state(let state):
                report.state = state
                if state == .connected {
                    report.connectedAt = .now
                    if let duration {
                        stopper = Task {
                            try? await Task.sleep(for: duration)
                            await viewer.stop(reason: "duration_reached")
                        }
                    }
                }
            case .stats(let stats):
                report.latest = stats
                emit(json ? WatchReport.jsonLine(report.fields()) : report.humanLine())
            case .videoFrame(let frame):
                if let latency = frame.latencyMs {
                    if frame.latencyEstimated { report.estimatedLatencies.append(latency) } else { report.latencies.append(latency) }
                }
            case .audioLevel:
                break
            case .ended:
                report.state = .ended
            case .failed(let reason):
                report.state = .failed
                failure = reason
            }
        }
        stopper?.cancel()
        report.latest = await viewer.finalStats()
        await router.detach(viewer.id)
        await signalling.stop()
        return finish(report, failure: failure)
    }

    /// Waits for `welcome`; nil when online, else why not.
    private static func firstOnline(_ online: AsyncStream<SessionFailure?>) async -> SessionFailure? {
        await withTaskGroup(of: SessionFailure?.self) { group in
            group.addTask {
                for await outcome in online { return outcome }
                return SessionFailure(code: "server_unreachable", message: "The signalling connection closed.")
            }
            group.addTask {
                try? await Task.sleep(for: onlineTimeout)
                return SessionFailure(code: "timeout", message: "No signalling connection to the server within \(onlineTimeout).")
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    /// Prints the summary; true when there was no failure.
    private func finish(_ report: WatchReport, failure: SessionFailure?) -> Bool {
        var report = report
        if failure != nil { report.state = .failed }
        let now = ContinuousClock.now
        emit(json ? WatchReport.jsonLine(report.summaryFields(failure: failure, now: now)) : report.humanSummary(failure: failure, now: now))
        return failure == nil
    }

    private func emit(_ line: String) {
        // Unbuffered, so a reader of the pipe sees each line when it is printed.
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
