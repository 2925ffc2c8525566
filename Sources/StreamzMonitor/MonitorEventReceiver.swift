import Foundation
import StreamzRTC
import StreamzTUI

/// Where the monitor's client layer reports what happened: the loop's
/// `MonitorEventSink` in the program, a recorder in tests.
public protocol MonitorEventReceiver: Sendable {
    func send(_ event: ClientEvent)
    /// A decoded video frame of a session, for the session panel's video pane.
    func sendFrame(_ frame: I420Frame, sessionId: UUID)
    /// The level of a session's last 20 ms of decoded audio, for its meter.
    func sendAudioLevel(rmsDb: Double, peakDb: Double, sessionId: UUID)
}

extension MonitorEventSink: MonitorEventReceiver {}
