import StreamzProtocol

/// What a signalling client reports, in the order it happened.
public enum SignallingEvent: Equatable, Sendable {
    /// The connection state changed.
    case state(SignallingState)
    /// A server message: `welcome`, the `devices` snapshot, `device.status`,
    /// `device.updated`, `device.removed`, `session.request`, `signal`,
    /// `session.ended`, `session.updated`, `session.quality`, and `error`s
    /// that answer no pending request. An `ack` or `error` whose `replyTo`
    /// names a pending `request(_:)` goes to that request instead.
    case message(ServerMessage)
}
