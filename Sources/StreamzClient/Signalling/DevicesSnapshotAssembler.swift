import StreamzProtocol

/// Puts a viewer's `devices` snapshot back together when the server sent it
/// in parts, because it would not fit in one 64 KiB frame (PROTOCOL.md §3):
/// `devices` with `"more": true` are parts, the next `devices` without it
/// ends the snapshot.
public struct DevicesSnapshotAssembler: Sendable {
    private var parts: [Device] = []

    public init() {}

    /// The whole snapshot when `message` ends one; nil for a part (kept) or
    /// any other message.
    public mutating func take(_ message: ServerMessage) -> [Device]? {
        switch message {
        case .devicesPart(let part):
            parts += part
            return nil
        case .devices(let last):
            defer { parts = [] }
            return parts + last
        default:
            return nil
        }
    }

    /// Forgets a snapshot left unfinished (its connection is gone; the next
    /// connection sends a new one).
    public mutating func reset() {
        parts = []
    }
}
