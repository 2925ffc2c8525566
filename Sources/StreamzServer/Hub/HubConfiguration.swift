import HummingbirdWebSocket

/// The hub's timings and limits (PROTOCOL.md §3). Every duration can be
/// shortened so tests run in well under a second per case.
public struct HubConfiguration: Sendable {
    /// How long a new connection has to send `auth` before it is closed with 4408.
    public var authTimeout: Duration = .seconds(5)
    /// The interval announced in `welcome`; a device heartbeats this often.
    public var heartbeatInterval: Duration = .seconds(10)
    /// A device silent for this many heartbeat intervals counts as offline.
    public var silenceFactor: Double = 2.5
    /// A session not `connected` this long after its request fails with `timeout`.
    public var sessionTimeout: Duration = .seconds(15)
    /// `session.updated` for stats goes out at most this often per session.
    public var statsInterval: Duration = .seconds(1)
    /// The largest message accepted, assembled over continuation frames; a
    /// viewer's `devices` snapshot larger than this is sent in parts.
    public var maxMessageBytes: Int = 64 * 1024
    /// How long a closing connection waits for the client's close reply
    /// (RFC 6455 §7.1.1) before the hub lets the socket go.
    public var closeGrace: Duration = .seconds(2)
    /// Messages queued for one client beyond this mean it cannot keep up; it is closed with 1008.
    public var outboxCapacity: Int = 1024

    public init() {}

    /// Silence after which a device is offline: 2.5 heartbeat intervals by default.
    public var silenceTimeout: Duration { heartbeatInterval * silenceFactor }

    /// The WebSocket settings the application's upgrade channel should use with
    /// the hub: frames may be larger than the NIO default of 16 KiB, so an
    /// oversized message reaches the hub and gets the contract's 4400 rather
    /// than the transport's 1009 (anything beyond 1 MiB still gets 1009).
    public static var webSocketServerConfiguration: WebSocketServerConfiguration {
        WebSocketServerConfiguration(maxFrameSize: 1 << 20, autoPing: .enabled(timePeriod: .seconds(30)))
    }
}

extension Duration {
    /// Whole and fractional seconds, as `welcome.heartbeatInterval` carries them.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
